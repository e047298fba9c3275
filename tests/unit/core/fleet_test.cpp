// Fleets, vehicles and departures: each record's own rules (every field named as the API names it), a
// vehicle's next departures (across midnight, the week's end and daylight saving changes; past trips left
// out; SoC as energy), and the repository and service on SQLite (the same scenarios run on PostgreSQL in
// fleet_postgres_itest.cpp).
#include "core_fixture.hpp"
#include "fleet_scenarios.hpp"
#include "manage/core/fleet.hpp"

#include <gtest/gtest.h>

using namespace manage;
using namespace std::chrono_literals;

namespace {

using date_days = std::chrono::sys_days;

TimePoint utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0) {
    return date_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}} +
           std::chrono::hours{hour} + std::chrono::minutes{minute};
}

core::Vehicle valid_vehicle() {
    core::Vehicle v;
    v.fleet_id = "fleet";
    v.name = "Bus 12";
    v.battery_kwh = 300;
    v.max_ac_kw = 22;
    v.max_dc_kw = 150;
    return v;
}

core::Departure weekly(std::initializer_list<int> days, int hour, int minute, double soc, std::string id = "w") {
    core::Departure d;
    d.id = std::move(id);
    for (const int day : days)
        d.days[static_cast<std::size_t>(day)] = true;
    d.minute = hour * 60 + minute;
    d.soc = soc;
    return d;
}

core::Departure trip(TimePoint at, double energy, std::string id = "t") {
    core::Departure d;
    d.id = std::move(id);
    d.kind = core::DepartureKind::Trip;
    d.at = at;
    d.energy_kwh = energy;
    return d;
}

void expect_refused(const Result<void> &checked, const std::string &code, const std::string &field) {
    ASSERT_FALSE(checked) << "expected " << code << " on " << field;
    EXPECT_EQ(checked.error().code, code);
    EXPECT_EQ(checked.error().field, field);
}

std::vector<TimePoint> times(const std::vector<core::UpcomingDeparture> &next) {
    std::vector<TimePoint> at;
    for (const auto &d : next)
        at.push_back(d.at);
    return at;
}

} // namespace

TEST(FleetRules, AFleetHasANameOf1To200CharactersAndAShortDescription) {
    core::Fleet fleet;
    fleet.name = "Buses";
    EXPECT_TRUE(core::check_fleet(fleet));
    fleet.name = std::string(200, 'x');
    EXPECT_TRUE(core::check_fleet(fleet));
    fleet.name = "";
    expect_refused(core::check_fleet(fleet), "invalid_name", "name");
    fleet.name = std::string(201, 'x');
    expect_refused(core::check_fleet(fleet), "invalid_name", "name");
    fleet.name = "Bus\ndepot";
    expect_refused(core::check_fleet(fleet), "invalid_name", "name");
    // 200 two-byte characters are 200 characters.
    fleet.name.clear();
    for (int i = 0; i < 200; ++i)
        fleet.name += "\xC3\xA9";
    EXPECT_TRUE(core::check_fleet(fleet));
    fleet.description = std::string(2001, 'd');
    expect_refused(core::check_fleet(fleet), "invalid_description", "description");
}

TEST(FleetRules, EveryVehicleFieldIsCheckedAndNamed) {
    EXPECT_TRUE(core::check_vehicle(valid_vehicle()));
    const auto refused = [](auto change, const std::string &code, const std::string &field) {
        auto v = valid_vehicle();
        change(v);
        SCOPED_TRACE(field);
        expect_refused(core::check_vehicle(v), code, field);
    };
    refused([](core::Vehicle &v) { v.fleet_id.clear(); }, "missing_field", "fleetId");
    refused([](core::Vehicle &v) { v.name.clear(); }, "invalid_name", "name");
    refused([](core::Vehicle &v) { v.registration = std::string(21, 'A'); }, "invalid_registration", "registration");
    refused([](core::Vehicle &v) { v.vin = "WDB9066331S12345"; }, "invalid_vin", "vin");   // 16
    refused([](core::Vehicle &v) { v.vin = "WDB9066331S1234567"; }, "invalid_vin", "vin"); // 18
    refused([](core::Vehicle &v) { v.vin = "WDB9066331I123456"; }, "invalid_vin", "vin");  // I
    refused([](core::Vehicle &v) { v.vin = "WDB9066331O123456"; }, "invalid_vin", "vin");  // O
    refused([](core::Vehicle &v) { v.vin = "WDB9066331Q123456"; }, "invalid_vin", "vin");  // Q
    refused([](core::Vehicle &v) { v.vin = "wdb9066331s123456"; }, "invalid_vin", "vin");  // lower case
    refused([](core::Vehicle &v) { v.battery_kwh = 0; }, "invalid_battery", "batteryKwh");
    refused([](core::Vehicle &v) { v.battery_kwh = 2000.5; }, "invalid_battery", "batteryKwh");
    refused([](core::Vehicle &v) { v.battery_kwh = -1; }, "invalid_battery", "batteryKwh");
    refused([](core::Vehicle &v) { v.max_ac_kw = 50.1; }, "invalid_power", "maxAcKw");
    refused([](core::Vehicle &v) { v.max_ac_kw = -1; }, "invalid_power", "maxAcKw");
    refused([](core::Vehicle &v) { v.max_dc_kw = 1001; }, "invalid_power", "maxDcKw");
    refused([](core::Vehicle &v) { v.max_ac_kw = v.max_dc_kw = 0; }, "invalid_power", "maxAcKw");
    refused([](core::Vehicle &v) { v.target_soc = 0; }, "invalid_soc", "targetSoc");
    refused([](core::Vehicle &v) { v.target_soc = 100.5; }, "invalid_soc", "targetSoc");
    refused([](core::Vehicle &v) { v.timezone = "Mars/Olympus"; }, "unknown_timezone", "timezone");
    refused([](core::Vehicle &v) { v.rfid_tokens = std::vector<std::string>(11, "T"); }, "too_many_rfid_tokens",
            "rfidTokens");
    refused([](core::Vehicle &v) { v.rfid_tokens = {"OK", "has space"}; }, "invalid_id_tag", "rfidTokens/1");
    refused([](core::Vehicle &v) { v.rfid_tokens = {"OK", std::string(37, 'T')}; }, "invalid_id_tag", "rfidTokens/1");
    refused([](core::Vehicle &v) { v.rfid_tokens = {"A", "B", "A"}; }, "duplicate_id_tag", "rfidTokens/2");

    auto edge = valid_vehicle();
    edge.vin = "1HGCM82633A004352";
    edge.battery_kwh = 2000;
    edge.max_ac_kw = 0;
    edge.max_dc_kw = 1000;
    edge.target_soc = 1;
    edge.registration = std::string(20, 'Z');
    edge.timezone = "America/New_York";
    edge.rfid_tokens = std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
    EXPECT_TRUE(core::check_vehicle(edge));
}

TEST(FleetRules, ADepartureNeedsExactlyOneOfEnergyAndSoc) {
    const auto bus = valid_vehicle();
    auto d = weekly({0}, 7, 0, 80);
    EXPECT_TRUE(core::check_departure(d, bus));
    d.energy_kwh = 100;
    expect_refused(core::check_departure(d, bus), "invalid_energy", "energyKwh");
    d.energy_kwh.reset();
    d.soc.reset();
    expect_refused(core::check_departure(d, bus), "invalid_energy", "energyKwh");
    d.energy_kwh = 300;
    EXPECT_TRUE(core::check_departure(d, bus)) << "the whole battery";
    d.energy_kwh = 300.1;
    expect_refused(core::check_departure(d, bus), "invalid_energy", "energyKwh");
    d.energy_kwh = 0;
    expect_refused(core::check_departure(d, bus), "invalid_energy", "energyKwh");
    d.energy_kwh.reset();
    d.soc = 0;
    expect_refused(core::check_departure(d, bus), "invalid_soc", "soc");
    d.soc = 101;
    expect_refused(core::check_departure(d, bus), "invalid_soc", "soc");
    d.soc = 100;
    d.days = {};
    expect_refused(core::check_departure(d, bus), "invalid_days", "days");
    d.days[6] = true;
    d.minute = 1440;
    expect_refused(core::check_departure(d, bus), "invalid_time_of_day", "time");
    d.minute = 1439;
    d.name = std::string(201, 'r');
    expect_refused(core::check_departure(d, bus), "invalid_name", "name");
    // A trip has no days.
    EXPECT_TRUE(core::check_departure(trip(utc(2026, 12, 1), 50), bus));
}

TEST(NextDepartures, WeeklyAndTripsInTimeOrderWithTheEnergyEachNeeds) {
    const auto bus = valid_vehicle(); // 300 kWh, UTC
    // Thursday 26 November 2026 00:00 UTC, for a week.
    const auto from = utc(2026, 11, 26);
    const std::vector<core::Departure> schedule{weekly({0, 4}, 7, 30, 80, "w"), trip(utc(2026, 11, 28, 12), 150, "t")};
    const auto next = core::next_departures(bus, schedule, from, from + 7 * 24h);
    ASSERT_TRUE(next) << next.error().message;
    EXPECT_EQ(times(next.value()),
              (std::vector<TimePoint>{utc(2026, 11, 27, 7, 30), utc(2026, 11, 28, 12), utc(2026, 11, 30, 7, 30)}));
    const auto &first = next.value()[0];
    EXPECT_EQ(first.departure_id, "w");
    EXPECT_EQ(first.kind, core::DepartureKind::Weekly);
    EXPECT_DOUBLE_EQ(first.energy_kwh, 240) << "80 % of 300 kWh";
    EXPECT_DOUBLE_EQ(first.soc, 80);
    EXPECT_DOUBLE_EQ(next.value()[1].energy_kwh, 150);
    EXPECT_DOUBLE_EQ(next.value()[1].soc, 50);
}

TEST(NextDepartures, TheWindowIsHalfOpenAndPastTripsAreLeftOut) {
    const auto bus = valid_vehicle();
    const auto from = utc(2026, 11, 26, 12);
    const std::vector<core::Departure> schedule{trip(from - 1min, 10, "past"), trip(from, 20, "now"),
                                                trip(from + 2h, 30, "soon"), trip(from + 3h, 40, "at-end")};
    const auto next = core::next_departures(bus, schedule, from, from + 3h);
    ASSERT_TRUE(next);
    ASSERT_EQ(next.value().size(), 2u);
    EXPECT_EQ(next.value()[0].departure_id, "now");
    EXPECT_EQ(next.value()[1].departure_id, "soon");
    // A weekly time earlier today is past too.
    const auto today = core::next_departures(bus, {weekly({3}, 11, 0, 50)}, from, from + 24h);
    ASSERT_TRUE(today);
    EXPECT_TRUE(today.value().empty()) << "Thursday 11:00 is before Thursday 12:00";
    EXPECT_TRUE(core::next_departures(bus, schedule, from, from).value().empty());
}

TEST(NextDepartures, LocalDaysDecideAcrossMidnight) {
    auto bus = valid_vehicle();
    bus.timezone = "Europe/Amsterdam"; // UTC+1 in November
    // Tuesday 00:30 in Amsterdam is Monday 23:30 UTC.
    const auto next = core::next_departures(bus, {weekly({1}, 0, 30, 60)}, utc(2026, 11, 30, 23), utc(2026, 12, 1));
    ASSERT_TRUE(next);
    EXPECT_EQ(times(next.value()), std::vector<TimePoint>{utc(2026, 11, 30, 23, 30)});
    // And Monday 23:30 in Amsterdam is not in that hour at all.
    const auto monday = core::next_departures(bus, {weekly({0}, 23, 30, 60)}, utc(2026, 11, 30, 23), utc(2026, 12, 1));
    EXPECT_TRUE(monday.value().empty());
    // New York (UTC-5): Monday 22:00 local is Tuesday 03:00 UTC.
    bus.timezone = "America/New_York";
    const auto west = core::next_departures(bus, {weekly({0}, 22, 0, 60)}, utc(2026, 12, 1), utc(2026, 12, 2));
    EXPECT_EQ(times(west.value()), std::vector<TimePoint>{utc(2026, 12, 1, 3)});
}

TEST(NextDepartures, TheWeekWrapsFromSundayToMonday) {
    const auto bus = valid_vehicle();
    // Saturday 28 November 12:00 to Tuesday 1 December 12:00.
    const std::vector<core::Departure> schedule{weekly({0}, 6, 0, 50, "monday"), weekly({6}, 22, 0, 50, "sunday")};
    const auto next = core::next_departures(bus, schedule, utc(2026, 11, 28, 12), utc(2026, 12, 1, 12));
    ASSERT_TRUE(next);
    EXPECT_EQ(times(next.value()), (std::vector<TimePoint>{utc(2026, 11, 29, 22), utc(2026, 11, 30, 6)}));
    EXPECT_EQ(next.value()[0].departure_id, "sunday");
    // Over 31 days a daily departure comes 31 times.
    const auto month =
        core::next_departures(bus, {weekly({0, 1, 2, 3, 4, 5, 6}, 5, 0, 50)}, utc(2026, 12, 1), utc(2027, 1, 1));
    EXPECT_EQ(month.value().size(), 31u);
}

TEST(NextDepartures, DaylightSavingChangesKeepTheLocalTime) {
    auto bus = valid_vehicle();
    bus.timezone = "Europe/Amsterdam";
    // Clocks go forward on Sunday 28 March 2027 at 02:00 (UTC+1 → UTC+2).
    const auto spring = core::next_departures(bus, {weekly({6}, 7, 0, 50)}, utc(2027, 3, 20), utc(2027, 4, 1));
    EXPECT_EQ(times(spring.value()), (std::vector<TimePoint>{utc(2027, 3, 21, 6), utc(2027, 3, 28, 5)}));
    // 02:30 does not exist that day: the vehicle leaves as the clocks change (01:00 UTC).
    const auto skipped = core::next_departures(bus, {weekly({6}, 2, 30, 50)}, utc(2027, 3, 27), utc(2027, 3, 29));
    EXPECT_EQ(times(skipped.value()), std::vector<TimePoint>{utc(2027, 3, 28, 1)});
    // Clocks go back on Sunday 25 October 2026 at 03:00 (UTC+2 → UTC+1): 02:30 happens twice; the first counts.
    const auto twice = core::next_departures(bus, {weekly({6}, 2, 30, 50)}, utc(2026, 10, 24), utc(2026, 10, 26));
    EXPECT_EQ(times(twice.value()), std::vector<TimePoint>{utc(2026, 10, 25, 0, 30)});
    const auto autumn = core::next_departures(bus, {weekly({6}, 7, 0, 50)}, utc(2026, 10, 18), utc(2026, 10, 26));
    EXPECT_EQ(times(autumn.value()), (std::vector<TimePoint>{utc(2026, 10, 18, 5), utc(2026, 10, 25, 6)}));
}

TEST(NextDepartures, AnUnknownTimezoneFails) {
    auto bus = valid_vehicle();
    bus.timezone = "Nowhere/Land";
    const auto next = core::next_departures(bus, {weekly({0}, 7, 0, 50)}, utc(2026, 11, 26), utc(2026, 12, 3));
    ASSERT_FALSE(next);
    EXPECT_EQ(next.error().code, "unknown_timezone");
}

class FleetStore : public manage::testing::CoreFixture {};

TEST_F(FleetStore, RecordsRoundTripAndEachOrganisationSeesItsOwn) {
    manage::testing::fleet::records_round_trip_per_organisation(*database_, clock_);
}

TEST_F(FleetStore, VersionsGuardConcurrentEdits) {
    manage::testing::fleet::versions_guard_concurrent_edits(*database_, clock_);
}

TEST_F(FleetStore, FleetsInUseStayAndTokensAreOneVehiclesEach) {
    manage::testing::fleet::references_and_tokens(*database_, clock_);
}

TEST_F(FleetStore, NextDeparturesComeFromTheStoredSchedule) {
    manage::testing::fleet::next_departures_from_the_store(*database_, clock_);
}
