#include "manage/core/sites.hpp"

#include "manage/common/ids.hpp"

#include <algorithm>
#include <cmath>

namespace manage::core {
namespace {

Error precondition() {
    return Error{"precondition_failed", "the record changed since you read it (If-Match): read it again and retry",
                 "If-Match"};
}

Error site_not_found(const std::string &id) {
    return Error{"site_not_found", "no site '" + id + "'", "siteId"};
}

Error load_group_not_found(const std::string &id) {
    return Error{"load_group_not_found", "no load group '" + id + "'", "loadGroupId"};
}

// The outcome of a write as the service answers it; `missing` for Missing.
Result<std::int64_t> written(const WriteOutcome &outcome, const Error &missing) {
    switch (outcome.status) {
    case WriteStatus::Done:
        return outcome.version;
    case WriteStatus::Missing:
        return outcome::failure(missing);
    case WriteStatus::Stale:
        return outcome::failure(precondition());
    case WriteStatus::Refused:
    case WriteStatus::InUse: // site deletes report what still refers to them in `error`
        break;
    }
    return outcome::failure(outcome.error);
}

} // namespace

bool is_connector_type(const std::string &type) {
    return std::any_of(std::begin(kConnectorTypes), std::end(kConnectorTypes),
                       [&](const char *known) { return type == known; });
}

Sites::Sites(SiteRepository &repository, const Clock &clock) : repository_(repository), clock_(clock) {}

std::vector<Site> Sites::list(const std::string &organisation_id) {
    return repository_.list_sites(organisation_id);
}

std::optional<Site> Sites::find(const std::string &organisation_id, const std::string &id) {
    return repository_.find_site(organisation_id, id);
}

Result<Site> Sites::create(const std::string &organisation_id, Site site) {
    BOOST_OUTCOME_TRY(check_site(site));
    site.id = new_uuid();
    site.organisation_id = organisation_id;
    site.version = 1;
    site.created_at = site.updated_at = clock_.now();
    repository_.insert_site(site);
    return site;
}

Result<Site> Sites::update(const std::string &organisation_id, const std::string &id, const SiteChanges &changes,
                           std::optional<std::int64_t> expected) {
    auto site = repository_.find_site(organisation_id, id);
    if (!site)
        return outcome::failure(site_not_found(id));
    if (expected && *expected != site->version)
        return outcome::failure(precondition());
    if (changes.name)
        site->name = *changes.name;
    if (changes.address)
        site->address = *changes.address;
    if (changes.timezone)
        site->timezone = *changes.timezone;
    if (changes.grid_limit_kw)
        site->grid_limit_kw = *changes.grid_limit_kw;
    BOOST_OUTCOME_TRY(check_site(*site));
    site->updated_at = clock_.now();
    // The version read above, so that a change in between is not overwritten.
    BOOST_OUTCOME_TRY(version, written(repository_.update_site(*site, site->version), site_not_found(id)));
    site->version = version;
    return *site;
}

Result<void> Sites::remove(const std::string &organisation_id, const std::string &id,
                           std::optional<std::int64_t> expected) {
    BOOST_OUTCOME_TRY(written(repository_.delete_site(organisation_id, id, expected), site_not_found(id)));
    return ok();
}

std::optional<std::vector<LoadGroup>> Sites::load_groups(const std::string &organisation_id,
                                                         const std::string &site_id) {
    if (!repository_.find_site(organisation_id, site_id))
        return std::nullopt;
    return repository_.list_load_groups(organisation_id, site_id);
}

std::optional<LoadGroup> Sites::find_load_group(const std::string &organisation_id, const std::string &site_id,
                                                const std::string &id) {
    return repository_.find_load_group(organisation_id, site_id, id);
}

Result<LoadGroup> Sites::create_load_group(const std::string &organisation_id, const std::string &site_id,
                                           LoadGroup group) {
    BOOST_OUTCOME_TRY(check_load_group(group));
    group.id = new_uuid();
    group.organisation_id = organisation_id;
    group.site_id = site_id;
    group.version = 1;
    group.created_at = group.updated_at = clock_.now();
    const auto check = [&](const std::vector<LoadGroup> &site_groups) { return check_placement(site_groups, group); };
    BOOST_OUTCOME_TRY(written(repository_.save_load_group(group, true, std::nullopt, check), site_not_found(site_id)));
    return group;
}

Result<LoadGroup> Sites::update_load_group(const std::string &organisation_id, const std::string &site_id,
                                           const std::string &id, const LoadGroupChanges &changes,
                                           std::optional<std::int64_t> expected) {
    auto group = repository_.find_load_group(organisation_id, site_id, id);
    if (!group)
        return outcome::failure(load_group_not_found(id));
    if (expected && *expected != group->version)
        return outcome::failure(precondition());
    if (changes.name)
        group->name = *changes.name;
    if (changes.kind)
        group->kind = *changes.kind;
    if (changes.parent_id)
        group->parent_id = *changes.parent_id;
    if (changes.limit)
        group->limit = *changes.limit;
    BOOST_OUTCOME_TRY(check_load_group(*group));
    group->updated_at = clock_.now();
    const auto check = [&](const std::vector<LoadGroup> &site_groups) { return check_placement(site_groups, *group); };
    BOOST_OUTCOME_TRY(
        version, written(repository_.save_load_group(*group, false, group->version, check), load_group_not_found(id)));
    group->version = version;
    return *group;
}

Result<void> Sites::remove_load_group(const std::string &organisation_id, const std::string &site_id,
                                      const std::string &id, std::optional<std::int64_t> expected) {
    BOOST_OUTCOME_TRY(
        written(repository_.delete_load_group(organisation_id, site_id, id, expected), load_group_not_found(id)));
    return ok();
}

std::optional<SiteTree> Sites::tree(const std::string &organisation_id, const std::string &site_id) {
    const auto site = repository_.find_site(organisation_id, site_id);
    if (!site)
        return std::nullopt;
    return build_site_tree(*site, repository_.list_load_groups(organisation_id, site_id),
                           repository_.chargers_in_site(organisation_id, site_id));
}

Result<std::int64_t> Sites::change_charger(const std::string &organisation_id, const std::string &charger_id,
                                           const ChargerPlacement &current, std::int64_t current_version,
                                           const ChargerChanges &changes, std::optional<std::int64_t> expected) {
    if (expected && *expected != current_version)
        return outcome::failure(precondition());
    auto placement = current;
    if (changes.site_id && *changes.site_id != current.site_id) {
        placement.site_id = *changes.site_id;
        placement.load_group_id = std::nullopt; // its group was in the old site
    }
    if (changes.load_group_id)
        placement.load_group_id = *changes.load_group_id;
    if (changes.max_power_kw) {
        if (!std::isfinite(*changes.max_power_kw) || *changes.max_power_kw <= 0 || *changes.max_power_kw > 100000)
            return fail("invalid_power", "'maxPowerKw' is above 0 and at most 100000", "maxPowerKw");
        placement.max_power_kw = *changes.max_power_kw;
    }
    if (changes.phases) {
        if (*changes.phases != 1 && *changes.phases != 3)
            return fail("invalid_phases", "'phases' is 1 or 3", "phases");
        placement.phases = *changes.phases;
    }
    if (changes.name) {
        if (*changes.name && (changes.name->value().empty() || changes.name->value().size() > 200))
            return fail("invalid_name", "'name' is 1 to 200 characters, or null", "name");
        placement.name = *changes.name;
    }
    if (placement.site_id && !repository_.find_site(organisation_id, *placement.site_id))
        return fail("unknown_site", "no site '" + *placement.site_id + "'", "siteId");
    if (placement.load_group_id) {
        if (!placement.site_id)
            return fail("unknown_load_group", "a charger in no site is in no load group", "loadGroupId");
        if (!repository_.find_load_group(organisation_id, *placement.site_id, *placement.load_group_id))
            return fail("unknown_load_group",
                        "no load group '" + *placement.load_group_id + "' in site '" + *placement.site_id + "'",
                        "loadGroupId");
    }
    auto version = written(repository_.place_charger(organisation_id, charger_id, placement, current_version),
                           Error{"charger_not_found", "no charger '" + charger_id + "'", "id"});
    if (version && placement.site_id != current.site_id && on_charger_moved_)
        on_charger_moved_();
    return version;
}

Result<std::int64_t> Sites::set_connector(const std::string &organisation_id, const std::string &charger_id,
                                          int evse_id, int connector_id, const ConnectorSettings &settings,
                                          std::optional<std::int64_t> expected) {
    if (evse_id < 1 || evse_id > 1000)
        return fail("invalid_parameter", "'evseId' is an integer from 1 to 1000", "evseId");
    if (connector_id < 1 || connector_id > 1000)
        return fail("invalid_parameter", "'connectorId' is an integer from 1 to 1000", "connectorId");
    if (settings.type && !is_connector_type(*settings.type))
        return fail("invalid_connector_type", "'type' is Type1, Type2, CCS1, CCS2, CHAdeMO, GBT or Other", "type");
    if (settings.max_power_kw &&
        (!std::isfinite(*settings.max_power_kw) || *settings.max_power_kw <= 0 || *settings.max_power_kw > 100000))
        return fail("invalid_power", "'maxPowerKw' is above 0 and at most 100000", "maxPowerKw");
    return written(repository_.save_connector(organisation_id, charger_id, evse_id, connector_id, settings,
                                              clock_.now(), expected),
                   Error{"charger_not_found", "no charger '" + charger_id + "'", "id"});
}

} // namespace manage::core
