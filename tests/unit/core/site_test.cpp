// Sites and their electrical tree, pure: each field's check with its path, the tree's rules (no cycle,
// parent in the site, at most 5 deep), the tree the planner reads, and limits in kW by local time.
#include "manage/common/time_format.hpp"
#include "manage/core/site.hpp"

#include <gtest/gtest.h>

using namespace manage;
using core::LimitUnit;
using core::LimitWindow;
using core::LoadGroup;
using core::PowerLimit;
using core::Site;

namespace {

TimePoint at(const char *text) {
    return *parse_time(text);
}

Site depot() {
    Site site;
    site.id = "s1";
    site.name = "Depot North";
    site.address = {"Havenweg 1", "", "1000 AA", "Amsterdam", "NL"};
    site.timezone = "Europe/Amsterdam";
    site.grid_limit_kw = 400;
    return site;
}

LoadGroup group(const std::string &id, std::optional<std::string> parent = std::nullopt) {
    LoadGroup g;
    g.id = id;
    g.site_id = "s1";
    g.name = id;
    g.parent_id = std::move(parent);
    g.limit = PowerLimit{LimitUnit::Kw, 100, 3, 230, {}};
    return g;
}

std::string field_of(const Result<void> &result) {
    return result ? std::string("(ok)") : result.error().field;
}

std::string code_of(const Result<void> &result) {
    return result ? std::string("(ok)") : result.error().code;
}

} // namespace

TEST(SiteCheck, AcceptsAWholeSite) {
    EXPECT_TRUE(core::check_site(depot()));
}

TEST(SiteCheck, NamesTheFieldOfEachMistake) {
    const auto with = [](auto change) {
        auto site = depot();
        change(site);
        return core::check_site(site);
    };
    EXPECT_EQ(field_of(with([](Site &s) { s.name.clear(); })), "name");
    EXPECT_EQ(code_of(with([](Site &s) { s.name = std::string(201, 'x'); })), "invalid_name");
    EXPECT_TRUE(with([](Site &s) { s.name = std::string(200, 'x'); }));
    // 200 characters of two bytes each are still 200 characters.
    EXPECT_TRUE(with([](Site &s) {
        s.name.clear();
        for (int i = 0; i < 200; ++i)
            s.name += "\xC3\xA9";
    }));
    EXPECT_EQ(field_of(with([](Site &s) { s.address.line1.clear(); })), "address/line1");
    EXPECT_EQ(field_of(with([](Site &s) { s.address.city.clear(); })), "address/city");
    EXPECT_EQ(field_of(with([](Site &s) { s.address.country = "nl"; })), "address/country");
    EXPECT_EQ(field_of(with([](Site &s) { s.address.country = "NLD"; })), "address/country");
    EXPECT_TRUE(with([](Site &s) {
        s.address.line2.clear();
        s.address.postcode.clear();
    }));
    const auto zone = with([](Site &s) { s.timezone = "Europe/Atlantis"; });
    EXPECT_EQ(code_of(zone), "unknown_timezone");
    EXPECT_EQ(field_of(zone), "timezone");
    EXPECT_EQ(field_of(with([](Site &s) { s.grid_limit_kw = 0; })), "gridLimitKw");
    EXPECT_EQ(field_of(with([](Site &s) { s.grid_limit_kw = 100000.5; })), "gridLimitKw");
    EXPECT_TRUE(with([](Site &s) { s.grid_limit_kw = 100000; }));
}

TEST(PowerLimitCheck, NamesTheFieldOfEachMistakeByPath) {
    EXPECT_TRUE(core::check_power_limit(PowerLimit{LimitUnit::Kw, 150, 3, 230, {}}));
    EXPECT_EQ(field_of(core::check_power_limit(PowerLimit{LimitUnit::Kw, 0, 3, 230, {}})), "limit/value");
    EXPECT_EQ(field_of(core::check_power_limit(PowerLimit{LimitUnit::A, 200, 2, 230, {}})), "limit/phases");
    EXPECT_EQ(field_of(core::check_power_limit(PowerLimit{LimitUnit::A, 200, 1, 0, {}})), "limit/voltage");
    LimitWindow good{{true, true, true, true, true, false, false}, 7 * 60, 19 * 60, 80};
    auto no_days = good;
    no_days.days = {};
    auto backwards = good;
    backwards.end_minute = backwards.start_minute;
    auto zero = good;
    zero.value = 0;
    EXPECT_TRUE(core::check_power_limit(PowerLimit{LimitUnit::Kw, 150, 3, 230, {good}}));
    EXPECT_EQ(field_of(core::check_power_limit(PowerLimit{LimitUnit::Kw, 150, 3, 230, {good, no_days}})),
              "limit/schedule/1/days");
    EXPECT_EQ(field_of(core::check_power_limit(PowerLimit{LimitUnit::Kw, 150, 3, 230, {good, good, backwards}})),
              "limit/schedule/2/end");
    EXPECT_EQ(field_of(core::check_power_limit(PowerLimit{LimitUnit::Kw, 150, 3, 230, {zero}})),
              "limit/schedule/0/value");
}

TEST(PowerLimit, AmperesPerPhaseAreKilowattsByVoltageAndPhases) {
    EXPECT_DOUBLE_EQ(core::to_kw(PowerLimit{LimitUnit::A, 200, 3, 230, {}}, 200), 138.0);
    EXPECT_DOUBLE_EQ(core::to_kw(PowerLimit{LimitUnit::A, 32, 1, 230, {}}, 32), 7.36);
    EXPECT_DOUBLE_EQ(core::to_kw(PowerLimit{LimitUnit::A, 100, 3, 240, {}}, 100), 72.0);
    EXPECT_DOUBLE_EQ(core::to_kw(PowerLimit{LimitUnit::Kw, 150, 3, 230, {}}, 150), 150.0);
}

TEST(PowerLimit, FollowsTheScheduleInTheSitesLocalTimeFirstWindowWinning) {
    // Weekdays 07:00–19:00 local: 80 kW; weekday mornings 07:00–09:00 listed later: never reached.
    PowerLimit limit{LimitUnit::Kw,
                     150,
                     3,
                     230,
                     {LimitWindow{{true, true, true, true, true, false, false}, 7 * 60, 19 * 60, 80},
                      LimitWindow{{true, true, true, true, true, false, false}, 7 * 60, 9 * 60, 10}}};
    const std::string zone = "Europe/Amsterdam";
    // Friday 27 November 2026 (CET, UTC+1).
    EXPECT_DOUBLE_EQ(core::limit_kw_at(limit, zone, at("2026-11-27T05:59:00Z")).value(), 150);
    EXPECT_DOUBLE_EQ(core::limit_kw_at(limit, zone, at("2026-11-27T06:00:00Z")).value(), 80);
    EXPECT_DOUBLE_EQ(core::limit_kw_at(limit, zone, at("2026-11-27T17:59:59Z")).value(), 80);
    EXPECT_DOUBLE_EQ(core::limit_kw_at(limit, zone, at("2026-11-27T18:00:00Z")).value(), 150);
    // Friday 3 July 2026 (CEST, UTC+2): the same local hour is an hour earlier in UTC.
    EXPECT_DOUBLE_EQ(core::limit_kw_at(limit, zone, at("2026-07-03T05:00:00Z")).value(), 80);
    // Saturday.
    EXPECT_DOUBLE_EQ(core::limit_kw_at(limit, zone, at("2026-11-28T12:00:00Z")).value(), 150);
    EXPECT_FALSE(core::limit_kw_at(limit, "Mars/Olympus", at("2026-11-28T12:00:00Z")));
}

TEST(PowerLimit, AScheduleInAmperesGivesKilowatts) {
    PowerLimit limit{LimitUnit::A, 200, 3, 230, {LimitWindow{{true, true, true, true, true, true, true}, 0, 360, 100}}};
    EXPECT_DOUBLE_EQ(core::limit_kw_at(limit, "UTC", at("2026-11-27T05:00:00Z")).value(), 69.0);
    EXPECT_DOUBLE_EQ(core::limit_kw_at(limit, "UTC", at("2026-11-27T06:00:00Z")).value(), 138.0);
}

TEST(LoadGroupPlacement, AParentMustBeAGroupOfTheSite) {
    const std::vector<LoadGroup> groups{group("a"), group("b", "a")};
    EXPECT_TRUE(core::check_placement(groups, group("new")));
    EXPECT_TRUE(core::check_placement(groups, group("new", "b")));
    const auto missing = core::check_placement(groups, group("new", "elsewhere"));
    EXPECT_EQ(code_of(missing), "invalid_parent");
    EXPECT_EQ(field_of(missing), "parentId");
    EXPECT_EQ(code_of(core::check_placement(groups, group("a", "a"))), "invalid_parent");
}

TEST(LoadGroupPlacement, AGroupCannotMoveBelowItself) {
    const std::vector<LoadGroup> groups{group("a"), group("b", "a"), group("c", "b"), group("d")};
    EXPECT_EQ(code_of(core::check_placement(groups, group("a", "c"))), "invalid_parent");
    EXPECT_EQ(code_of(core::check_placement(groups, group("a", "b"))), "invalid_parent");
    EXPECT_TRUE(core::check_placement(groups, group("a", "d"))) << "moving under a sibling tree is fine";
    EXPECT_TRUE(core::check_placement(groups, group("c", "a"))) << "moving up is fine";
}

TEST(LoadGroupPlacement, GroupsNestAtMostFiveDeep) {
    std::vector<LoadGroup> chain{group("1")};
    for (int depth = 2; depth <= 5; ++depth)
        chain.push_back(group(std::to_string(depth), std::to_string(depth - 1)));
    for (const auto &g : chain)
        EXPECT_TRUE(core::check_placement(chain, g)) << g.id;
    const auto sixth = core::check_placement(chain, group("6", "5"));
    EXPECT_EQ(code_of(sixth), "load_group_too_deep");
    EXPECT_EQ(field_of(sixth), "parentId");
    // A subtree moved takes its depth along: x (with a child) under 4 would put the child at depth 6.
    chain.push_back(group("x"));
    chain.push_back(group("y", "x"));
    EXPECT_TRUE(core::check_placement(chain, group("x", "3")));
    EXPECT_EQ(code_of(core::check_placement(chain, group("x", "4"))), "load_group_too_deep");
}

TEST(SiteTree, NestsGroupsByNameWithTheirChargers) {
    auto b = group("b");
    b.name = "Feeder B";
    auto a = group("a");
    a.name = "Feeder A";
    auto a1 = group("a1", "a");
    const std::vector<core::PlacedCharger> chargers{{"CP-1", "a1", 22.0, 3},
                                                    {"CP-2", std::nullopt, std::nullopt, std::nullopt},
                                                    {"CP-3", "gone", 11.0, 1},
                                                    {"CP-4", "a", 50.0, 3}};
    const auto tree = core::build_site_tree(depot(), {b, a1, a}, chargers);
    EXPECT_EQ(tree.site.id, "s1");
    ASSERT_EQ(tree.children.size(), 2u);
    EXPECT_EQ(tree.children[0].group.id, "a") << "ordered by name";
    EXPECT_EQ(tree.children[1].group.id, "b");
    ASSERT_EQ(tree.children[0].children.size(), 1u);
    EXPECT_EQ(tree.children[0].children[0].group.id, "a1");
    ASSERT_EQ(tree.children[0].children[0].chargers.size(), 1u);
    EXPECT_EQ(tree.children[0].children[0].chargers[0].id, "CP-1");
    EXPECT_EQ(tree.children[0].children[0].chargers[0].max_power_kw, 22.0);
    ASSERT_EQ(tree.children[0].chargers.size(), 1u);
    EXPECT_EQ(tree.children[0].chargers[0].id, "CP-4");
    ASSERT_EQ(tree.chargers.size(), 2u) << "in no group, or in one not in the site: at the site";
    EXPECT_EQ(tree.chargers[0].id, "CP-2");
    EXPECT_EQ(tree.chargers[1].id, "CP-3");
}
