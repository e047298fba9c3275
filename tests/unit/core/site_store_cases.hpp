#pragma once
// The Sites service over SqlSiteRepository on a migrated database: run on SQLite by site_store_test.cpp
// and on PostgreSQL by sites_postgres_itest.cpp, so both engines pass the very same cases.
#include "manage/common/clock.hpp"
#include "manage/core/sites.hpp"
#include "manage/core/sql_charger_repository.hpp"
#include "manage/core/sql_site_repository.hpp"
#include "manage/infra/database.hpp"

#include <gtest/gtest.h>

namespace manage::testing::site_cases {

inline core::Site depot(const std::string &name = "Depot North") {
    core::Site site;
    site.name = name;
    site.address = {"Havenweg 1", "", "1000 AA", "Amsterdam", "NL"};
    site.timezone = "Europe/Amsterdam";
    site.grid_limit_kw = 400;
    return site;
}

inline core::LoadGroup group(const std::string &name, std::optional<std::string> parent = std::nullopt) {
    core::LoadGroup g;
    g.name = name;
    g.kind = core::LoadGroupKind::Feeder;
    g.parent_id = std::move(parent);
    g.limit = core::PowerLimit{core::LimitUnit::Kw, 100, 3, 230, {}};
    return g;
}

inline std::string code_of(const Error &error) {
    return error.code;
}

// Sites are their organisation's own, listed by name, versioned by each change, and a stale If-Match
// changes nothing.
inline void sites_are_scoped_and_versioned(infra::Database &database, const Clock &clock) {
    core::SqlSiteRepository repository(database);
    core::Sites sites(repository, clock);
    const auto south = sites.create("org-a", depot("South"));
    const auto north = sites.create("org-a", depot("North"));
    ASSERT_TRUE(south && north);
    EXPECT_EQ(north.value().version, 1);
    EXPECT_EQ(north.value().id.size(), 36u) << "a UUID";
    const auto listed = sites.list("org-a");
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].name, "North");
    EXPECT_EQ(listed[0].address, north.value().address);
    EXPECT_EQ(listed[0].grid_limit_kw, 400);
    const auto id = north.value().id;

    EXPECT_TRUE(sites.list("org-b").empty());
    EXPECT_FALSE(sites.find("org-b", id));
    core::SiteChanges rename;
    rename.name = "Taken";
    EXPECT_EQ(code_of(sites.update("org-b", id, rename, std::nullopt).error()), "site_not_found");
    EXPECT_EQ(code_of(sites.remove("org-b", id, std::nullopt).error()), "site_not_found");
    EXPECT_EQ(sites.find("org-a", id)->name, "North");

    const auto renamed = sites.update("org-a", id, rename, 1);
    ASSERT_TRUE(renamed) << renamed.error().message;
    EXPECT_EQ(renamed.value().version, 2);
    EXPECT_EQ(sites.find("org-a", id)->version, 2);
    core::SiteChanges again;
    again.grid_limit_kw = 250;
    EXPECT_EQ(code_of(sites.update("org-a", id, again, 1).error()), "precondition_failed");
    EXPECT_EQ(sites.find("org-a", id)->grid_limit_kw, 400) << "a stale write changes nothing";
    core::SiteChanges bad;
    bad.timezone = "Nowhere/Else";
    EXPECT_EQ(sites.update("org-a", id, bad, std::nullopt).error().field, "timezone");
    EXPECT_TRUE(sites.update("org-a", id, again, std::nullopt));
    EXPECT_EQ(sites.find("org-a", id)->version, 3);

    EXPECT_EQ(code_of(sites.remove("org-a", id, 2).error()), "precondition_failed");
    EXPECT_TRUE(sites.remove("org-a", id, 3));
    EXPECT_FALSE(sites.find("org-a", id));
    EXPECT_EQ(code_of(sites.remove("org-a", id, std::nullopt).error()), "site_not_found");
}

// The tree's rules hold in the store: parents in the same site, no cycles, at most 5 deep; a group or a
// site with something in it is not deleted. The schedule comes back as it went in.
inline void load_groups_keep_the_tree_sound(infra::Database &database, const Clock &clock) {
    core::SqlSiteRepository repository(database);
    core::Sites sites(repository, clock);
    const auto site = sites.create("org-a", depot()).value().id;
    const auto other_site = sites.create("org-a", depot("Other")).value().id;
    const auto foreign_site = sites.create("org-b", depot("Theirs")).value().id;

    auto amps = group("Main board");
    amps.kind = core::LoadGroupKind::SubBoard;
    amps.limit =
        core::PowerLimit{core::LimitUnit::A,
                         250,
                         3,
                         230,
                         {core::LimitWindow{{true, true, true, true, true, false, false}, 7 * 60, 19 * 60, 160}}};
    const auto main = sites.create_load_group("org-a", site, amps);
    ASSERT_TRUE(main) << main.error().message;
    const auto read = sites.find_load_group("org-a", site, main.value().id);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->limit, amps.limit);
    EXPECT_EQ(read->kind, core::LoadGroupKind::SubBoard);
    EXPECT_FALSE(read->parent_id);

    const auto feeder = sites.create_load_group("org-a", site, group("Feeder 1", main.value().id)).value();
    const auto bank = sites.create_load_group("org-a", site, group("Bank", feeder.id)).value();
    EXPECT_EQ(bank.parent_id, feeder.id);
    EXPECT_EQ(sites.load_groups("org-a", site)->size(), 3u);
    EXPECT_FALSE(sites.load_groups("org-b", site)) << "another organisation's site is not there";
    EXPECT_FALSE(sites.find_load_group("org-a", other_site, bank.id)) << "a group is found in its own site only";

    // A parent in another site, of another organisation, or below the group itself is refused.
    const auto elsewhere = sites.create_load_group("org-a", other_site, group("Elsewhere")).value();
    EXPECT_EQ(code_of(sites.create_load_group("org-a", site, group("X", elsewhere.id)).error()), "invalid_parent");
    EXPECT_EQ(code_of(sites.create_load_group("org-b", site, group("X")).error()), "site_not_found");
    EXPECT_EQ(code_of(sites.create_load_group("org-b", foreign_site, group("X", feeder.id)).error()), "invalid_parent");
    core::LoadGroupChanges loop;
    loop.parent_id = std::optional<std::string>(bank.id);
    const auto cycle = sites.update_load_group("org-a", site, main.value().id, loop, std::nullopt);
    ASSERT_FALSE(cycle);
    EXPECT_EQ(cycle.error().code, "invalid_parent");
    EXPECT_EQ(cycle.error().field, "parentId");
    EXPECT_FALSE(sites.find_load_group("org-a", site, main.value().id)->parent_id) << "nothing moved";

    // Five deep is the most.
    auto deepest = bank;
    for (int depth = 4; depth <= 5; ++depth)
        deepest = sites.create_load_group("org-a", site, group("Level " + std::to_string(depth), deepest.id)).value();
    EXPECT_EQ(code_of(sites.create_load_group("org-a", site, group("Level 6", deepest.id)).error()),
              "load_group_too_deep");

    // Moving the feeder up under the site: it and its subtree rise a level; the version grows.
    core::LoadGroupChanges up;
    up.parent_id = std::optional<std::string>();
    const auto moved = sites.update_load_group("org-a", site, feeder.id, up, 1);
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_EQ(moved.value().version, 2);
    EXPECT_FALSE(sites.find_load_group("org-a", site, feeder.id)->parent_id);
    EXPECT_EQ(code_of(sites.update_load_group("org-a", site, feeder.id, up, 1).error()), "precondition_failed");
    EXPECT_EQ(code_of(sites.update_load_group("org-b", site, feeder.id, up, std::nullopt).error()),
              "load_group_not_found");

    const auto in_use = sites.remove_load_group("org-a", site, feeder.id, std::nullopt);
    ASSERT_FALSE(in_use);
    EXPECT_EQ(in_use.error().code, "load_group_in_use");
    EXPECT_NE(in_use.error().message.find("Bank"), std::string::npos) << in_use.error().message;
    const auto site_in_use = sites.remove("org-a", site, std::nullopt);
    ASSERT_FALSE(site_in_use);
    EXPECT_EQ(site_in_use.error().code, "site_in_use");
    EXPECT_NE(site_in_use.error().message.find("Main board"), std::string::npos) << site_in_use.error().message;
    EXPECT_EQ(code_of(sites.remove_load_group("org-b", site, deepest.id, std::nullopt).error()),
              "load_group_not_found");
    EXPECT_EQ(code_of(sites.remove_load_group("org-a", site, deepest.id, 7).error()), "precondition_failed");
    EXPECT_TRUE(sites.remove_load_group("org-a", site, deepest.id, 1));
    EXPECT_FALSE(sites.find_load_group("org-a", site, deepest.id));
}

// Chargers are placed in a site and one of its groups, with their power; connectors get a type and a
// power, their row made when the charger has not reported it; the tree shows it all.
inline void chargers_sit_in_load_groups(infra::Database &database, const Clock &clock) {
    core::SqlSiteRepository repository(database);
    core::SqlChargerRepository chargers(database);
    core::Sites sites(repository, clock);
    chargers.save_registration("CP-1", core::Registration::Accepted, clock.now(), "org-a");
    const auto site = sites.create("org-a", depot()).value().id;
    const auto other_site = sites.create("org-a", depot("Other")).value().id;
    const auto foreign_site = sites.create("org-b", depot("Theirs")).value().id;
    const auto bank = sites.create_load_group("org-a", site, group("Bank")).value();
    const auto other_bank = sites.create_load_group("org-a", other_site, group("Other bank")).value();

    const auto placement = [&] {
        const auto c = chargers.find("CP-1").value();
        return core::ChargerPlacement{c.site_id, c.load_group_id, c.max_power_kw, c.phases, c.name};
    };
    const auto version = [&] { return chargers.find("CP-1")->version; };
    EXPECT_EQ(version(), 1);

    core::ChargerChanges into_foreign;
    into_foreign.site_id = std::optional<std::string>(foreign_site);
    const auto refused = sites.change_charger("org-a", "CP-1", placement(), version(), into_foreign, std::nullopt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "unknown_site");
    EXPECT_EQ(refused.error().field, "siteId");
    core::ChargerChanges wrong_group;
    wrong_group.site_id = std::optional<std::string>(site);
    wrong_group.load_group_id = std::optional<std::string>(other_bank.id);
    EXPECT_EQ(sites.change_charger("org-a", "CP-1", placement(), version(), wrong_group, std::nullopt).error().field,
              "loadGroupId");

    core::ChargerChanges place;
    place.site_id = std::optional<std::string>(site);
    place.load_group_id = std::optional<std::string>(bank.id);
    place.max_power_kw = 22;
    place.phases = 3;
    place.name = std::optional<std::string>("Bay 1");
    const auto placed = sites.change_charger("org-a", "CP-1", placement(), version(), place, 1);
    ASSERT_TRUE(placed) << placed.error().message;
    EXPECT_EQ(placed.value(), 2);
    const auto charger = chargers.find("CP-1").value();
    EXPECT_EQ(charger.site_id, site);
    EXPECT_EQ(charger.load_group_id, bank.id);
    EXPECT_EQ(charger.max_power_kw, 22.0);
    EXPECT_EQ(charger.phases, 3);
    EXPECT_EQ(charger.name, "Bay 1");
    EXPECT_EQ(charger.version, 2);
    EXPECT_EQ(code_of(sites.change_charger("org-a", "CP-1", placement(), version(), place, 1).error()),
              "precondition_failed");
    EXPECT_EQ(code_of(sites
                          .change_charger("org-b", "CP-1", core::ChargerPlacement{}, version(), core::ChargerChanges{},
                                          std::nullopt)
                          .error()),
              "charger_not_found");

    const auto tree = sites.tree("org-a", site).value();
    ASSERT_EQ(tree.children.size(), 1u);
    ASSERT_EQ(tree.children[0].chargers.size(), 1u);
    EXPECT_EQ(tree.children[0].chargers[0].id, "CP-1");
    EXPECT_EQ(tree.children[0].chargers[0].max_power_kw, 22.0);
    EXPECT_FALSE(sites.tree("org-b", site));

    EXPECT_EQ(code_of(sites.remove_load_group("org-a", site, bank.id, std::nullopt).error()), "load_group_in_use");
    const auto site_in_use = sites.remove("org-a", site, std::nullopt);
    ASSERT_FALSE(site_in_use);
    EXPECT_NE(site_in_use.error().message.find("CP-1"), std::string::npos) << site_in_use.error().message;

    // Moving to another site leaves the old site's group behind.
    core::ChargerChanges move;
    move.site_id = std::optional<std::string>(other_site);
    ASSERT_TRUE(sites.change_charger("org-a", "CP-1", placement(), version(), move, std::nullopt));
    EXPECT_EQ(chargers.find("CP-1")->site_id, other_site);
    EXPECT_FALSE(chargers.find("CP-1")->load_group_id);
    EXPECT_EQ(chargers.find("CP-1")->name, "Bay 1") << "what was not sent stays";

    // A connector the charger has not reported; then its status report keeps the type and power.
    const auto set = sites.set_connector("org-a", "CP-1", 1, 2, core::ConnectorSettings{"CCS2", 150.0}, 3);
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(set.value(), 4);
    EXPECT_EQ(code_of(sites.set_connector("org-a", "CP-1", 1, 2, core::ConnectorSettings{}, 3).error()),
              "precondition_failed");
    EXPECT_EQ(code_of(sites.set_connector("org-b", "CP-1", 1, 2, core::ConnectorSettings{}, std::nullopt).error()),
              "charger_not_found");
    EXPECT_EQ(
        sites.set_connector("org-a", "CP-1", 1, 2, core::ConnectorSettings{"Type9", 1.0}, std::nullopt).error().field,
        "type");
    auto connectors = chargers.find("CP-1")->connectors;
    ASSERT_EQ(connectors.size(), 1u);
    EXPECT_EQ(connectors[0].type, "CCS2");
    EXPECT_EQ(connectors[0].max_power_kw, 150.0);
    EXPECT_EQ(connectors[0].status, "");
    core::StatusReport report;
    report.evse_id = 1;
    report.connector_id = 2;
    report.status = "Available";
    chargers.save_status("CP-1", report, clock.now());
    connectors = chargers.find("CP-1")->connectors;
    ASSERT_EQ(connectors.size(), 1u);
    EXPECT_EQ(connectors[0].status, "Available");
    EXPECT_EQ(connectors[0].type, "CCS2");
    ASSERT_TRUE(sites.set_connector("org-a", "CP-1", 1, 2, core::ConnectorSettings{}, std::nullopt));
    EXPECT_FALSE(chargers.find("CP-1")->connectors[0].type) << "a PUT replaces both";
}

} // namespace manage::testing::site_cases
