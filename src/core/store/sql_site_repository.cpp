#include "manage/core/sql_site_repository.hpp"

#include "store/sql_support.hpp"

#include <nlohmann/json.hpp>

namespace manage::core {
namespace {

using sql::from_ms;
using sql::nullable;
using sql::optional_value;
using sql::to_ms;

constexpr const char *kSiteColumns = "id, organisation_id, name, address_line1, address_line2, postcode, city, "
                                     "country, timezone, grid_limit_kw, version, created_at, updated_at";
constexpr const char *kLoadGroupColumns =
    "id, organisation_id, site_id, parent_id, name, kind, limit_unit, limit_value, limit_phases, limit_voltage, "
    "limit_schedule, version, created_at, updated_at";

Site site_from_row(const soci::row &row) {
    Site site;
    site.id = row.get<std::string>(0);
    site.organisation_id = row.get<std::string>(1);
    site.name = row.get<std::string>(2);
    site.address = Address{row.get<std::string>(3), row.get<std::string>(4), row.get<std::string>(5),
                           row.get<std::string>(6), row.get<std::string>(7)};
    site.timezone = row.get<std::string>(8);
    site.grid_limit_kw = row.get<double>(9);
    site.version = row.get<long long>(10);
    site.created_at = from_ms(row.get<long long>(11));
    site.updated_at = from_ms(row.get<long long>(12));
    return site;
}

// The schedule is kept as JSON text: it is only ever read and written with its group.
std::string schedule_text(const std::vector<LimitWindow> &schedule) {
    auto json = nlohmann::json::array();
    for (const auto &window : schedule) {
        std::string days;
        for (const bool on : window.days)
            days.push_back(on ? '1' : '0');
        json.push_back(
            {{"days", days}, {"start", window.start_minute}, {"end", window.end_minute}, {"value", window.value}});
    }
    return json.dump();
}

std::vector<LimitWindow> schedule_from_text(const std::string &text) {
    std::vector<LimitWindow> schedule;
    for (const auto &item : nlohmann::json::parse(text)) {
        LimitWindow window;
        const auto days = item.at("days").get<std::string>();
        for (std::size_t day = 0; day < window.days.size() && day < days.size(); ++day)
            window.days[day] = days[day] == '1';
        window.start_minute = item.at("start").get<int>();
        window.end_minute = item.at("end").get<int>();
        window.value = item.at("value").get<double>();
        schedule.push_back(window);
    }
    return schedule;
}

LoadGroup load_group_from_row(const soci::row &row) {
    LoadGroup group;
    group.id = row.get<std::string>(0);
    group.organisation_id = row.get<std::string>(1);
    group.site_id = row.get<std::string>(2);
    group.parent_id = optional_value<std::string>(row, 3);
    group.name = row.get<std::string>(4);
    group.kind = parse_load_group_kind(row.get<std::string>(5)).value_or(LoadGroupKind::ChargerGroup);
    group.limit.unit = parse_limit_unit(row.get<std::string>(6)).value_or(LimitUnit::Kw);
    group.limit.value = row.get<double>(7);
    group.limit.phases = row.get<int>(8);
    group.limit.voltage = row.get<double>(9);
    group.limit.schedule = schedule_from_text(row.get<std::string>(10));
    group.version = row.get<long long>(11);
    group.created_at = from_ms(row.get<long long>(12));
    group.updated_at = from_ms(row.get<long long>(13));
    return group;
}

std::vector<LoadGroup> load_groups_of(soci::session &sql, const std::string &organisation_id,
                                      const std::string &site_id) {
    std::vector<LoadGroup> groups;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT " << kLoadGroupColumns
                     << " FROM load_groups WHERE organisation_id = :org AND site_id = :site ORDER BY name, id",
         soci::use(organisation_id), soci::use(site_id));
    for (const auto &row : rows)
        groups.push_back(load_group_from_row(row));
    return groups;
}

std::vector<std::string> texts(soci::session &sql, const std::string &query, const std::string &organisation_id,
                               const std::string &id) {
    std::vector<std::string> found;
    soci::rowset<std::string> rows = (sql.prepare << query, soci::use(organisation_id), soci::use(id));
    for (const auto &text : rows)
        found.push_back(text);
    return found;
}

std::string joined(const std::vector<std::string> &names) {
    std::string text;
    for (const auto &name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

// The version of `table`'s record, nullopt when the organisation has none.
std::optional<std::int64_t> version_of(soci::session &sql, const std::string &table, const std::string &organisation_id,
                                       const std::string &id) {
    long long version = 0;
    sql << "SELECT version FROM " << table << " WHERE organisation_id = :org AND id = :id", soci::use(organisation_id),
        soci::use(id), soci::into(version);
    if (!sql.got_data())
        return std::nullopt;
    return version;
}

// After a conditional statement: Done with the record's version, or why it did not apply.
WriteOutcome outcome_after(soci::session &sql, long long affected, const std::string &table,
                           const std::string &organisation_id, const std::string &id) {
    const auto version = version_of(sql, table, organisation_id, id);
    if (!version)
        return WriteOutcome{WriteStatus::Missing, 0, {}};
    return WriteOutcome{affected > 0 ? WriteStatus::Done : WriteStatus::Stale, *version, {}};
}

// Takes the site's row lock (PostgreSQL; SQLite's writers are serialised by BEGIN IMMEDIATE) so that the
// tree under it holds still until the transaction ends. False when the organisation has no such site.
bool hold_site(soci::session &sql, const std::string &organisation_id, const std::string &site_id) {
    soci::statement touch = (sql.prepare << "UPDATE sites SET version = version WHERE organisation_id = :org AND "
                                            "id = :id",
                             soci::use(organisation_id), soci::use(site_id));
    touch.execute(true);
    return touch.get_affected_rows() > 0;
}

struct Expected {
    int any = 1;
    long long version = 0;
    explicit Expected(std::optional<std::int64_t> expected)
        : any(expected ? 0 : 1), version(expected ? static_cast<long long>(*expected) : 0) {}
};

WriteOutcome refused(std::string code, std::string message, std::string field) {
    return WriteOutcome{WriteStatus::Refused, 0, Error{std::move(code), std::move(message), std::move(field)}};
}

} // namespace

std::vector<Site> SqlSiteRepository::list_sites(const std::string &organisation_id) {
    std::vector<Site> sites;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kSiteColumns << " FROM sites WHERE organisation_id = :org ORDER BY name, id",
             soci::use(organisation_id));
        for (const auto &row : rows)
            sites.push_back(site_from_row(row));
    });
    return sites;
}

std::optional<Site> SqlSiteRepository::find_site(const std::string &organisation_id, const std::string &id) {
    std::optional<Site> found;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kSiteColumns << " FROM sites WHERE organisation_id = :org AND id = :id",
             soci::use(organisation_id), soci::use(id));
        for (const auto &row : rows)
            found = site_from_row(row);
    });
    return found;
}

void SqlSiteRepository::insert_site(const Site &site) {
    const long long version = site.version;
    const auto created_at = to_ms(site.created_at);
    const auto updated_at = to_ms(site.updated_at);
    database_.with_session([&](soci::session &sql) {
        sql << "INSERT INTO sites (id, organisation_id, name, address_line1, address_line2, postcode, city, country, "
               "timezone, grid_limit_kw, version, created_at, updated_at) VALUES (:id, :org, :name, :line1, :line2, "
               ":postcode, :city, :country, :timezone, :grid, :version, :created, :updated)",
            soci::use(site.id), soci::use(site.organisation_id), soci::use(site.name), soci::use(site.address.line1),
            soci::use(site.address.line2), soci::use(site.address.postcode), soci::use(site.address.city),
            soci::use(site.address.country), soci::use(site.timezone), soci::use(site.grid_limit_kw),
            soci::use(version), soci::use(created_at), soci::use(updated_at);
    });
}

WriteOutcome SqlSiteRepository::update_site(const Site &site, std::optional<std::int64_t> expected) {
    const Expected condition(expected);
    const auto updated_at = to_ms(site.updated_at);
    WriteOutcome outcome;
    database_.in_transaction([&](soci::session &sql) {
        soci::statement update =
            (sql.prepare << "UPDATE sites SET name = :name, address_line1 = :line1, address_line2 = :line2, "
                            "postcode = :postcode, city = :city, country = :country, timezone = :timezone, "
                            "grid_limit_kw = :grid, updated_at = :updated, version = version + 1 "
                            "WHERE organisation_id = :org AND id = :id AND (:any = 1 OR version = :expected)",
             soci::use(site.name), soci::use(site.address.line1), soci::use(site.address.line2),
             soci::use(site.address.postcode), soci::use(site.address.city), soci::use(site.address.country),
             soci::use(site.timezone), soci::use(site.grid_limit_kw), soci::use(updated_at),
             soci::use(site.organisation_id), soci::use(site.id), soci::use(condition.any),
             soci::use(condition.version));
        update.execute(true);
        outcome = outcome_after(sql, update.get_affected_rows(), "sites", site.organisation_id, site.id);
    });
    return outcome;
}

WriteOutcome SqlSiteRepository::delete_site(const std::string &organisation_id, const std::string &id,
                                            std::optional<std::int64_t> expected) {
    WriteOutcome outcome;
    database_.in_transaction([&](soci::session &sql) {
        if (!hold_site(sql, organisation_id, id)) {
            outcome.status = WriteStatus::Missing;
            return;
        }
        const auto version = version_of(sql, "sites", organisation_id, id).value_or(0);
        if (expected && *expected != version) {
            outcome = WriteOutcome{WriteStatus::Stale, version, {}};
            return;
        }
        const auto groups = texts(sql,
                                  "SELECT name FROM load_groups WHERE organisation_id = :org AND site_id = :id "
                                  "ORDER BY name, id",
                                  organisation_id, id);
        const auto chargers =
            texts(sql, "SELECT id FROM chargers WHERE organisation_id = :org AND site_id = :id ORDER BY id",
                  organisation_id, id);
        if (!groups.empty() || !chargers.empty()) {
            std::string what;
            if (!groups.empty())
                what = "load groups " + joined(groups);
            if (!chargers.empty())
                what += (what.empty() ? "" : " and ") + std::string("chargers ") + joined(chargers);
            outcome = refused("site_in_use", "the site still has " + what, "siteId");
            return;
        }
        sql << "DELETE FROM sites WHERE organisation_id = :org AND id = :id", soci::use(organisation_id), soci::use(id);
        outcome = WriteOutcome{WriteStatus::Done, version, {}};
    });
    return outcome;
}

std::vector<LoadGroup> SqlSiteRepository::list_load_groups(const std::string &organisation_id,
                                                           const std::string &site_id) {
    std::vector<LoadGroup> groups;
    database_.with_session([&](soci::session &sql) { groups = load_groups_of(sql, organisation_id, site_id); });
    return groups;
}

std::optional<LoadGroup> SqlSiteRepository::find_load_group(const std::string &organisation_id,
                                                            const std::string &site_id, const std::string &id) {
    std::optional<LoadGroup> found;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kLoadGroupColumns
                         << " FROM load_groups WHERE organisation_id = :org AND site_id = :site AND id = :id",
             soci::use(organisation_id), soci::use(site_id), soci::use(id));
        for (const auto &row : rows)
            found = load_group_from_row(row);
    });
    return found;
}

WriteOutcome SqlSiteRepository::save_load_group(const LoadGroup &group, bool create,
                                                std::optional<std::int64_t> expected, const TreeCheck &check) {
    const Expected condition(expected);
    auto parent = nullable<std::string>(group.parent_id);
    const std::string kind = to_string(group.kind);
    const std::string unit = to_string(group.limit.unit);
    const auto schedule = schedule_text(group.limit.schedule);
    const long long version = group.version;
    const auto created_at = to_ms(group.created_at);
    const auto updated_at = to_ms(group.updated_at);
    WriteOutcome outcome;
    database_.in_transaction([&](soci::session &sql) {
        if (!hold_site(sql, group.organisation_id, group.site_id)) {
            outcome.status = WriteStatus::Missing;
            return;
        }
        const auto groups = load_groups_of(sql, group.organisation_id, group.site_id);
        if (!create) {
            const auto current = std::find_if(groups.begin(), groups.end(),
                                              [&](const LoadGroup &other) { return other.id == group.id; });
            if (current == groups.end()) {
                outcome.status = WriteStatus::Missing;
                return;
            }
            if (expected && *expected != current->version) {
                outcome = WriteOutcome{WriteStatus::Stale, current->version, {}};
                return;
            }
        }
        if (auto checked = check(groups); !checked) {
            outcome = WriteOutcome{WriteStatus::Refused, 0, checked.error()};
            return;
        }
        if (create) {
            sql << "INSERT INTO load_groups (id, organisation_id, site_id, parent_id, name, kind, limit_unit, "
                   "limit_value, limit_phases, limit_voltage, limit_schedule, version, created_at, updated_at) "
                   "VALUES (:id, :org, :site, :parent, :name, :kind, :unit, :value, :phases, :voltage, :schedule, "
                   ":version, :created, :updated)",
                soci::use(group.id), soci::use(group.organisation_id), soci::use(group.site_id),
                soci::use(parent.value, parent.indicator), soci::use(group.name), soci::use(kind), soci::use(unit),
                soci::use(group.limit.value), soci::use(group.limit.phases), soci::use(group.limit.voltage),
                soci::use(schedule), soci::use(version), soci::use(created_at), soci::use(updated_at);
            outcome = WriteOutcome{WriteStatus::Done, version, {}};
            return;
        }
        soci::statement update =
            (sql.prepare << "UPDATE load_groups SET parent_id = :parent, name = :name, kind = :kind, "
                            "limit_unit = :unit, limit_value = :value, limit_phases = :phases, "
                            "limit_voltage = :voltage, limit_schedule = :schedule, updated_at = :updated, "
                            "version = version + 1 WHERE organisation_id = :org AND id = :id "
                            "AND (:any = 1 OR version = :expected)",
             soci::use(parent.value, parent.indicator), soci::use(group.name), soci::use(kind), soci::use(unit),
             soci::use(group.limit.value), soci::use(group.limit.phases), soci::use(group.limit.voltage),
             soci::use(schedule), soci::use(updated_at), soci::use(group.organisation_id), soci::use(group.id),
             soci::use(condition.any), soci::use(condition.version));
        update.execute(true);
        outcome = outcome_after(sql, update.get_affected_rows(), "load_groups", group.organisation_id, group.id);
    });
    return outcome;
}

WriteOutcome SqlSiteRepository::delete_load_group(const std::string &organisation_id, const std::string &site_id,
                                                  const std::string &id, std::optional<std::int64_t> expected) {
    WriteOutcome outcome;
    database_.in_transaction([&](soci::session &sql) {
        if (!hold_site(sql, organisation_id, site_id)) {
            outcome.status = WriteStatus::Missing;
            return;
        }
        long long version = 0;
        sql << "SELECT version FROM load_groups WHERE organisation_id = :org AND site_id = :site AND id = :id",
            soci::use(organisation_id), soci::use(site_id), soci::use(id), soci::into(version);
        if (!sql.got_data()) {
            outcome.status = WriteStatus::Missing;
            return;
        }
        if (expected && *expected != version) {
            outcome = WriteOutcome{WriteStatus::Stale, version, {}};
            return;
        }
        const auto children = texts(sql,
                                    "SELECT name FROM load_groups WHERE organisation_id = :org AND parent_id = :id "
                                    "ORDER BY name, id",
                                    organisation_id, id);
        const auto chargers =
            texts(sql, "SELECT id FROM chargers WHERE organisation_id = :org AND load_group_id = :id ORDER BY id",
                  organisation_id, id);
        if (!children.empty() || !chargers.empty()) {
            std::string what;
            if (!children.empty())
                what = "load groups " + joined(children);
            if (!chargers.empty())
                what += (what.empty() ? "" : " and ") + std::string("chargers ") + joined(chargers);
            outcome = refused("load_group_in_use", "the load group still has " + what, "loadGroupId");
            return;
        }
        sql << "DELETE FROM load_groups WHERE organisation_id = :org AND id = :id", soci::use(organisation_id),
            soci::use(id);
        outcome = WriteOutcome{WriteStatus::Done, version, {}};
    });
    return outcome;
}

std::vector<PlacedCharger> SqlSiteRepository::chargers_in_site(const std::string &organisation_id,
                                                               const std::string &site_id) {
    std::vector<PlacedCharger> chargers;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, load_group_id, max_power_kw, phases FROM chargers "
                                                       "WHERE organisation_id = :org AND site_id = :site ORDER BY id",
                                        soci::use(organisation_id), soci::use(site_id));
        for (const auto &row : rows) {
            PlacedCharger charger;
            charger.id = row.get<std::string>(0);
            charger.load_group_id = optional_value<std::string>(row, 1);
            charger.max_power_kw = optional_value<double>(row, 2);
            charger.phases = optional_value<int>(row, 3);
            chargers.push_back(charger);
        }
    });
    return chargers;
}

WriteOutcome SqlSiteRepository::place_charger(const std::string &organisation_id, const std::string &charger_id,
                                              const ChargerPlacement &placement, std::optional<std::int64_t> expected) {
    const Expected condition(expected);
    auto site = nullable<std::string>(placement.site_id);
    auto group = nullable<std::string>(placement.load_group_id);
    auto power = nullable<double>(placement.max_power_kw);
    auto phases = nullable<int>(placement.phases);
    auto name = nullable<std::string>(placement.name);
    WriteOutcome outcome;
    database_.in_transaction([&](soci::session &sql) {
        // The site's tree holds still while the charger joins it (its group cannot go meanwhile).
        if (placement.site_id && !hold_site(sql, organisation_id, *placement.site_id)) {
            outcome = refused("unknown_site", "no site '" + *placement.site_id + "'", "siteId");
            return;
        }
        soci::statement update =
            (sql.prepare << "UPDATE chargers SET site_id = :site, load_group_id = :group, max_power_kw = :power, "
                            "phases = :phases, name = :name, version = version + 1 "
                            "WHERE organisation_id = :org AND id = :id AND (:any = 1 OR version = :expected)",
             soci::use(site.value, site.indicator), soci::use(group.value, group.indicator),
             soci::use(power.value, power.indicator), soci::use(phases.value, phases.indicator),
             soci::use(name.value, name.indicator), soci::use(organisation_id), soci::use(charger_id),
             soci::use(condition.any), soci::use(condition.version));
        update.execute(true);
        outcome = outcome_after(sql, update.get_affected_rows(), "chargers", organisation_id, charger_id);
    });
    return outcome;
}

WriteOutcome SqlSiteRepository::save_connector(const std::string &organisation_id, const std::string &charger_id,
                                               int evse_id, int connector_id, const ConnectorSettings &settings,
                                               TimePoint now, std::optional<std::int64_t> expected) {
    const Expected condition(expected);
    auto type = nullable<std::string>(settings.type);
    auto power = nullable<double>(settings.max_power_kw);
    const auto now_ms = to_ms(now);
    WriteOutcome outcome;
    database_.in_transaction([&](soci::session &sql) {
        soci::statement update =
            (sql.prepare << "UPDATE chargers SET version = version + 1 "
                            "WHERE organisation_id = :org AND id = :id AND (:any = 1 OR version = :expected)",
             soci::use(organisation_id), soci::use(charger_id), soci::use(condition.any), soci::use(condition.version));
        update.execute(true);
        outcome = outcome_after(sql, update.get_affected_rows(), "chargers", organisation_id, charger_id);
        if (outcome.status != WriteStatus::Done)
            return;
        // A connector the charger has not reported yet gets a row with no status until it does.
        sql << "INSERT INTO connectors (charger_id, evse_id, connector_id, status, status_changed_at, "
               "connector_type, max_power_kw) VALUES (:id, :evse, :connector, '', :now, :type, :power) "
               "ON CONFLICT (charger_id, evse_id, connector_id) DO UPDATE SET "
               "connector_type = excluded.connector_type, max_power_kw = excluded.max_power_kw",
            soci::use(charger_id), soci::use(evse_id), soci::use(connector_id), soci::use(now_ms),
            soci::use(type.value, type.indicator), soci::use(power.value, power.indicator);
    });
    return outcome;
}

} // namespace manage::core
