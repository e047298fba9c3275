#include "manage/sim/scenario_yaml.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace manage::sim {
namespace {

constexpr const char *kMinimal = R"(
horizon: {start: 2026-03-02T00:00:00Z, days: 2}
site: {grid_limit_kw: 100}
chargers:
  - {id: c, max_kw: 22}
fleet:
  vehicles:
    - {id: v, battery_kwh: 60, max_kw: 11, consumption_kwh_per_km: 0.2}
schedule:
  trips:
    - {vehicle: v, depart: "07:00", arrive: "18:00", distance_km: 100}
)";

bool has_problem(const ParsedScenario &parsed, const std::string &path) {
    return std::any_of(parsed.problems.begin(), parsed.problems.end(),
                       [&](const Problem &p) { return p.path == path; });
}

std::string all(const ParsedScenario &parsed) {
    std::string text;
    for (const auto &p : parsed.problems)
        text += to_string(p) + "\n";
    return text;
}

TEST(ScenarioYaml, ReadsAMinimalScenarioWithItsDefaults) {
    const auto parsed = parse_scenario(kMinimal);
    ASSERT_TRUE(parsed.ok()) << all(parsed);
    const auto &s = parsed.scenario;
    EXPECT_EQ(s.duration_s, 2 * 86'400);
    EXPECT_EQ(s.resolution_s, 900);
    EXPECT_EQ(s.strategy, "uncontrolled");
    ASSERT_EQ(s.chargers.size(), 1u);
    EXPECT_EQ(s.chargers[0].connectors, 1);
    EXPECT_DOUBLE_EQ(s.chargers[0].efficiency, 1.0);
    // Two days, a trip each day at 07:00 for 11 hours, 100 km at 0.2 kWh/km = 20 kWh.
    ASSERT_EQ(s.trips.size(), 2u);
    EXPECT_EQ(s.trips[1].departure, 86'400 + 7 * 3600);
    EXPECT_EQ(s.trips[1].arrival, 86'400 + 18 * 3600);
    EXPECT_DOUBLE_EQ(s.trips[1].energy_kwh, 20.0);
}

TEST(ScenarioYaml, CollectsEveryProblemWithItsPathAndPosition) {
    const auto parsed = parse_scenario(R"(
horizon: {start: 2026-03-02T00:00:00Z, days: 1}
site: {grid_limit_kw: -5}
chargers:
  - {id: c, max_kw: 22, efficiency: 1.5}
fleet:
  vehicles:
    - {id: a, battery_kwh: 60, max_kw: 11}
    - {id: b, battery_kwh: 0, max_kw: 11, colour: red}
schedule:
  trips:
    - {vehicle: nobody, depart: "25:00", arrive: "18:00", energy_kwh: 5}
strategy: fastest
)");
    EXPECT_FALSE(parsed.ok());
    for (const char *path :
         {"site.grid_limit_kw", "chargers[0].efficiency", "fleet.vehicles[1].battery_kwh", "fleet.vehicles[1].colour",
          "schedule.trips[0].vehicle", "schedule.trips[0].depart", "strategy"})
        EXPECT_TRUE(has_problem(parsed, path)) << path << " missing from\n" << all(parsed);
    EXPECT_EQ(parsed.problems.size(), 7u) << all(parsed);
    // battery_kwh: 0 is on line 9 (the text starts with a newline), and yaml-cpp gives the column.
    const auto battery = std::find_if(parsed.problems.begin(), parsed.problems.end(),
                                      [](const Problem &p) { return p.path == "fleet.vehicles[1].battery_kwh"; });
    ASSERT_NE(battery, parsed.problems.end());
    EXPECT_EQ(battery->line, 9);
    EXPECT_GT(battery->column, 1);
    EXPECT_EQ(battery->reason, "must be greater than 0");
    EXPECT_EQ(to_string(*battery).rfind("fleet.vehicles[1].battery_kwh (line 9, column ", 0), 0u)
        << to_string(*battery);
}

TEST(ScenarioYaml, ReportsMissingSectionsAndUnknownGroups) {
    const auto parsed = parse_scenario(R"(
horizon: {start: not-a-time, days: 1}
site:
  grid_limit_kw: 100
  load_groups:
    - {id: a, parent: b, limit_kw: 50}
    - {id: b, parent: a, limit_kw: 50}
chargers:
  - {id: c, max_kw: 22, group: nowhere}
)");
    EXPECT_TRUE(has_problem(parsed, "horizon.start")) << all(parsed);
    EXPECT_TRUE(has_problem(parsed, "site.load_groups[0].parent")) << all(parsed); // a cycle
    EXPECT_TRUE(has_problem(parsed, "chargers[0].group")) << all(parsed);
    EXPECT_TRUE(has_problem(parsed, "fleet")) << all(parsed);
}

TEST(ScenarioYaml, ReportsASyntaxErrorWithItsLine) {
    const auto parsed = parse_scenario("horizon: {start: 2026-03-02T00:00:00Z\nsite: [\n");
    ASSERT_EQ(parsed.problems.size(), 1u);
    EXPECT_GT(parsed.problems[0].line, 0);
}

TEST(ScenarioYaml, ExpandsCountsAndDailyProfilesAndOvernightTrips) {
    const auto parsed = parse_scenario(R"(
horizon: {start: 2026-03-02T06:00:00Z, hours: 48}
site:
  grid_limit_kw: 100
  building_kw: {daily: [["00:00", 10], ["08:00", 30]]}
chargers:
  - {id: c, count: 3, max_kw: 22}
fleet:
  vehicles:
    - {id: v, count: 2, battery_kwh: 60, max_kw: 11}
schedule:
  trips:
    - {vehicles: [v-01, v-02], depart: "22:00", arrive: "02:00", energy_kwh: 10, days: [mon]}
)");
    ASSERT_TRUE(parsed.ok()) << all(parsed);
    const auto &s = parsed.scenario;
    ASSERT_EQ(s.chargers.size(), 3u);
    EXPECT_EQ(s.chargers[2].id, "c-03");
    EXPECT_EQ(s.vehicles[1].id, "v-02");
    // The start is 06:00: 10 kW until 08:00 (2 h in), then 30 kW until midnight (18 h in).
    EXPECT_EQ(s.site.building_kw.at(0), 10);
    EXPECT_EQ(s.site.building_kw.at(2 * 3600), 30);
    EXPECT_EQ(s.site.building_kw.at(18 * 3600), 10);
    // Monday 22:00 is 16 h after the start; the trip comes back at 02:00 the next day (4 h).
    ASSERT_EQ(s.trips.size(), 2u);
    EXPECT_EQ(s.trips[0].departure, 16 * 3600);
    EXPECT_EQ(s.trips[0].arrival, 20 * 3600);
}

TEST(ScenarioYaml, TheDemoDepotIsValid) {
    const auto parsed = load_scenario(std::string(MANAGE_SOURCE_DIR) + "/config/sim/demo-depot.yaml");
    ASSERT_TRUE(parsed.ok()) << all(parsed);
    EXPECT_EQ(parsed.scenario.vehicles.size(), 10u);
    EXPECT_EQ(parsed.scenario.chargers.size(), 6u);
    // Weekdays: 10 trips a day for 5 days; the weekend: 3 a day.
    EXPECT_EQ(parsed.scenario.trips.size(), 56u);
}

} // namespace
} // namespace manage::sim

namespace manage::sim {
namespace {

TEST(ScenarioYaml, ReportsAVehicleThatLeavesBeforeItIsBack) {
    const auto parsed = parse_scenario(R"(
horizon: {start: 2026-03-02T00:00:00Z, days: 3}
site: {grid_limit_kw: 100}
chargers: [{id: c, max_kw: 22}]
fleet:
  vehicles: [{id: v, battery_kwh: 60, max_kw: 11}, {id: w, battery_kwh: 60, max_kw: 11}]
schedule:
  trips:
    - {vehicles: [v, w], depart: "07:00", arrive: "18:00", energy_kwh: 10}
    - {vehicle: v, depart: "12:00", arrive: "13:00", energy_kwh: 5}
    - {vehicle: w, depart: "19:00", arrive: "20:00", energy_kwh: 5}
)");
    // v's noon trip collides with its 07:00–18:00 one every day: one problem, at the later entry.
    ASSERT_EQ(parsed.problems.size(), 1u);
    EXPECT_EQ(parsed.problems[0].path, "schedule.trips[1]");
    EXPECT_EQ(parsed.problems[0].reason, "v leaves before it is back from schedule.trips[0]");
    EXPECT_EQ(parsed.problems[0].line, 10);
}

} // namespace
} // namespace manage::sim
