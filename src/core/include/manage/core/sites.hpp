#pragma once
// Sites (depots), their load groups and where chargers sit, for one organisation at a time: another
// organisation's records answer as missing. Store through the SiteRepository port.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/site.hpp"
#include "manage/core/site_repository.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// What a PATCH of a site changes (nullopt: keep).
struct SiteChanges {
    std::optional<std::string> name;
    std::optional<Address> address;
    std::optional<std::string> timezone;
    std::optional<double> grid_limit_kw;
};

// What a PATCH of a load group changes; parent_id holds nullopt to move the group under the site.
struct LoadGroupChanges {
    std::optional<std::string> name;
    std::optional<LoadGroupKind> kind;
    std::optional<std::optional<std::string>> parent_id;
    std::optional<PowerLimit> limit;
};

// What a PATCH of a charger changes; an inner nullopt unsets.
struct ChargerChanges {
    std::optional<std::optional<std::string>> site_id;
    std::optional<std::optional<std::string>> load_group_id;
    std::optional<double> max_power_kw;
    std::optional<int> phases;
    std::optional<std::optional<std::string>> name;
};

inline constexpr const char *kConnectorTypes[] = {"Type1", "Type2", "CCS1", "CCS2", "CHAdeMO", "GBT", "Other"};
bool is_connector_type(const std::string &type);

// Failures: `site_not_found` / `load_group_not_found` (the record addressed), `precondition_failed`
// (If-Match named an older version), `site_in_use` / `load_group_in_use`, and the 422 errors of the
// domain checks, with `unknown_site` / `unknown_load_group` for a reference in a body that names no
// record of the organisation.
class Sites {
public:
    Sites(SiteRepository &repository, const Clock &clock);

    std::vector<Site> list(const std::string &organisation_id);
    std::optional<Site> find(const std::string &organisation_id, const std::string &id);
    // The new site (id, version and times are given here).
    Result<Site> create(const std::string &organisation_id, Site site);
    Result<Site> update(const std::string &organisation_id, const std::string &id, const SiteChanges &changes,
                        std::optional<std::int64_t> expected);
    Result<void> remove(const std::string &organisation_id, const std::string &id,
                        std::optional<std::int64_t> expected);

    // nullopt: no such site.
    std::optional<std::vector<LoadGroup>> load_groups(const std::string &organisation_id, const std::string &site_id);
    std::optional<LoadGroup> find_load_group(const std::string &organisation_id, const std::string &site_id,
                                             const std::string &id);
    Result<LoadGroup> create_load_group(const std::string &organisation_id, const std::string &site_id,
                                        LoadGroup group);
    Result<LoadGroup> update_load_group(const std::string &organisation_id, const std::string &site_id,
                                        const std::string &id, const LoadGroupChanges &changes,
                                        std::optional<std::int64_t> expected);
    Result<void> remove_load_group(const std::string &organisation_id, const std::string &site_id,
                                   const std::string &id, std::optional<std::int64_t> expected);

    // What the planner reads; nullopt: no such site.
    std::optional<SiteTree> tree(const std::string &organisation_id, const std::string &site_id);
    TimePoint now() const { return clock_.now(); }

    // Places the charger and sets its power, from `current` at `current_version` as the caller read them
    // (in `organisation_id`); the new version. A load group must be in the charger's site (the new one
    // when the site changes too); changing the site takes the charger out of its old site's group.
    Result<std::int64_t> change_charger(const std::string &organisation_id, const std::string &charger_id,
                                        const ChargerPlacement &current, std::int64_t current_version,
                                        const ChargerChanges &changes, std::optional<std::int64_t> expected);
    Result<std::int64_t> set_connector(const std::string &organisation_id, const std::string &charger_id, int evse_id,
                                       int connector_id, const ConnectorSettings &settings,
                                       std::optional<std::int64_t> expected);

    // Told after a charger's site changed (tariffs follow the site).
    void set_on_charger_moved(std::function<void()> callback) { on_charger_moved_ = std::move(callback); }

private:
    std::function<void()> on_charger_moved_;
    SiteRepository &repository_;
    const Clock &clock_;
};

} // namespace manage::core
