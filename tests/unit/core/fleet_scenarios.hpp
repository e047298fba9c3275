#pragma once
// The fleet repository and service, through the Fleets service over a real database: run on SQLite by
// fleet_test.cpp and on PostgreSQL by fleet_postgres_itest.cpp, so both engines pass the same checks.
#include "manage/common/clock.hpp"
#include "manage/core/fleets.hpp"
#include "manage/core/sql_fleet_repository.hpp"
#include "manage/infra/database.hpp"

#include <gtest/gtest.h>

namespace manage::testing::fleet {

inline core::Vehicle vehicle(const std::string &fleet_id, const std::string &name,
                             std::vector<std::string> tokens = {}) {
    core::Vehicle v;
    v.fleet_id = fleet_id;
    v.name = name;
    v.battery_kwh = 300;
    v.max_dc_kw = 150;
    v.rfid_tokens = std::move(tokens);
    return v;
}

inline core::Departure soc_trip(TimePoint at, double soc) {
    core::Departure d;
    d.kind = core::DepartureKind::Trip;
    d.at = at;
    d.soc = soc;
    return d;
}

inline core::Fleet created_fleet(core::Fleets &fleets, const std::string &organisation, const std::string &name) {
    core::Fleet fleet;
    fleet.name = name;
    auto created = fleets.create_fleet(organisation, fleet);
    EXPECT_TRUE(created.ok()) << created.error.message;
    return created.record;
}

inline core::Vehicle created_vehicle(core::Fleets &fleets, const std::string &organisation, core::Vehicle v) {
    auto created = fleets.create_vehicle(organisation, std::move(v));
    EXPECT_TRUE(created.ok()) << created.error.code << ": " << created.error.message;
    return created.record;
}

// Records round-trip with every field; lists are by name then id; each organisation sees its own.
inline void records_round_trip_per_organisation(infra::Database &database, const Clock &clock) {
    core::SqlFleetRepository repository(database);
    core::Fleets fleets(repository, clock);
    const auto buses = created_fleet(fleets, "default", "Buses");
    const auto vans = created_fleet(fleets, "default", "Vans");
    EXPECT_EQ(buses.id.size(), 36u) << "a UUID";
    auto full = vehicle(buses.id, "Bus 12", {"TAG-B", "TAG-A"});
    full.registration = "AB-123-C";
    full.vin = "WDB9066331S123456";
    full.max_ac_kw = 22;
    full.target_soc = 90.5;
    full.timezone = "Europe/Amsterdam";
    const auto bus = created_vehicle(fleets, "default", full);
    created_vehicle(fleets, "default", vehicle(vans.id, "A van"));
    created_vehicle(fleets, "default", vehicle(buses.id, "Bus 02"));

    const auto found = fleets.find_vehicle("default", bus.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->fleet_id, buses.id);
    EXPECT_EQ(found->registration, "AB-123-C");
    EXPECT_EQ(found->vin, "WDB9066331S123456");
    EXPECT_DOUBLE_EQ(found->battery_kwh, 300);
    EXPECT_DOUBLE_EQ(found->max_ac_kw, 22);
    EXPECT_DOUBLE_EQ(found->max_dc_kw, 150);
    EXPECT_DOUBLE_EQ(found->target_soc, 90.5);
    EXPECT_EQ(found->timezone, "Europe/Amsterdam");
    EXPECT_EQ(found->rfid_tokens, (std::vector<std::string>{"TAG-B", "TAG-A"})) << "in the order given";
    EXPECT_EQ(found->version, 1);
    EXPECT_EQ(found->created_at, clock.now());

    std::vector<std::string> names;
    for (const auto &v : fleets.list_vehicles("default"))
        names.push_back(v.name);
    EXPECT_EQ(names, (std::vector<std::string>{"A van", "Bus 02", "Bus 12"}));
    EXPECT_EQ(fleets.list_vehicles("default", buses.id).size(), 2u);
    ASSERT_EQ(fleets.list_fleets("default").size(), 2u);
    EXPECT_EQ(fleets.list_fleets("default")[0].name, "Buses");

    core::Departure weekly;
    weekly.name = "Route 7";
    weekly.days[0] = weekly.days[4] = true;
    weekly.minute = 6 * 60 + 45;
    weekly.energy_kwh = 180;
    const auto made = fleets.create_departure("default", bus.id, weekly);
    ASSERT_TRUE(made.ok()) << made.error.message;
    const auto trip = fleets.create_departure("default", bus.id, soc_trip(clock.now() + std::chrono::hours{30}, 80));
    ASSERT_TRUE(trip.ok()) << trip.error.message;
    const auto stored = fleets.find_departure("default", bus.id, made.record.id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored.record.days, weekly.days);
    EXPECT_EQ(stored.record.minute, weekly.minute);
    EXPECT_EQ(stored.record.energy_kwh, std::optional<double>(180));
    EXPECT_FALSE(stored.record.soc);
    const auto stored_trip = fleets.find_departure("default", bus.id, trip.record.id);
    ASSERT_TRUE(stored_trip.ok());
    EXPECT_EQ(stored_trip.record.kind, core::DepartureKind::Trip);
    EXPECT_EQ(stored_trip.record.at, clock.now() + std::chrono::hours{30});
    EXPECT_EQ(stored_trip.record.soc, std::optional<double>(80));
    EXPECT_EQ(fleets.list_departures("default", bus.id).record.size(), 2u);

    // Another organisation sees none of it and reaches none of it by id.
    EXPECT_TRUE(fleets.list_fleets("org-b").empty());
    EXPECT_TRUE(fleets.list_vehicles("org-b").empty());
    EXPECT_FALSE(fleets.find_fleet("org-b", buses.id));
    EXPECT_FALSE(fleets.find_vehicle("org-b", bus.id));
    EXPECT_EQ(fleets.list_departures("org-b", bus.id).error.code, "vehicle_not_found");
    EXPECT_EQ(fleets.find_departure("org-b", bus.id, made.record.id).error.code, "vehicle_not_found");
    EXPECT_EQ(fleets.remove_vehicle("org-b", bus.id, std::nullopt).error.code, "vehicle_not_found");
    EXPECT_EQ(fleets.remove_fleet("org-b", vans.id, std::nullopt).error.code, "fleet_not_found");
    EXPECT_EQ(fleets
                  .update_fleet("org-b", vans.id, std::nullopt,
                                [](core::Fleet f) -> Result<core::Fleet> {
                                    f.name = "Mine";
                                    return f;
                                })
                  .error.code,
              "fleet_not_found");
    EXPECT_EQ(fleets.next_departures("org-b", bus.id, clock.now(), clock.now() + std::chrono::hours{48}).error.code,
              "vehicle_not_found");
    EXPECT_FALSE(fleets.vehicle_for_token("org-b", "TAG-A"));
    // A vehicle of org-b cannot join a fleet of default.
    created_fleet(fleets, "org-b", "Theirs");
    const auto refused = fleets.create_vehicle("org-b", vehicle(buses.id, "Intruder"));
    EXPECT_EQ(refused.error.code, "unknown_fleet");
    EXPECT_EQ(refused.error.field, "fleetId");
    EXPECT_EQ(fleets.find_fleet("default", buses.id)->name, "Buses");
}

// Versions grow by one per update; a stale If-Match is refused with the current version, and without
// one the last write wins.
inline void versions_guard_concurrent_edits(infra::Database &database, const Clock &clock) {
    core::SqlFleetRepository repository(database);
    core::Fleets fleets(repository, clock);
    const auto fleet = created_fleet(fleets, "default", "Buses");
    const auto rename = [](std::string name) {
        return [name](core::Fleet f) -> Result<core::Fleet> {
            f.name = name;
            return f;
        };
    };
    const auto first = fleets.update_fleet("default", fleet.id, std::int64_t{1}, rename("Coaches"));
    ASSERT_TRUE(first.ok()) << first.error.message;
    EXPECT_EQ(first.record.version, 2);
    const auto stale = fleets.update_fleet("default", fleet.id, std::int64_t{1}, rename("Trams"));
    EXPECT_EQ(stale.error.code, "precondition_failed");
    EXPECT_EQ(stale.current_version, 2);
    EXPECT_EQ(fleets.find_fleet("default", fleet.id)->name, "Coaches");
    EXPECT_EQ(fleets.update_fleet("default", fleet.id, std::nullopt, rename("Trams")).record.version, 3);
    EXPECT_EQ(fleets.remove_fleet("default", fleet.id, std::int64_t{2}).error.code, "precondition_failed");
    EXPECT_EQ(fleets.remove_fleet("default", fleet.id, std::int64_t{2}).current_version, 3);
    ASSERT_TRUE(fleets.find_fleet("default", fleet.id));

    // The repository itself: an update at an old version touches nothing.
    auto changed = *fleets.find_fleet("default", fleet.id);
    changed.name = "Direct";
    const auto refused = repository.update_fleet(changed, 1);
    EXPECT_EQ(refused.status, core::WriteStatus::Stale);
    EXPECT_EQ(refused.version, 3);
    EXPECT_EQ(repository.update_fleet(changed, 3).status, core::WriteStatus::Done);
    changed.id = "no-such-fleet";
    EXPECT_EQ(repository.update_fleet(changed, 1).status, core::WriteStatus::Missing);

    const auto v = created_vehicle(fleets, "default", vehicle(fleet.id, "Bus"));
    const auto d = fleets.create_departure("default", v.id, soc_trip(clock.now() + std::chrono::hours{1}, 50));
    ASSERT_TRUE(d.ok());
    const auto moved = fleets.update_departure("default", v.id, d.record.id, std::int64_t{1},
                                               [](core::Departure dep) -> Result<core::Departure> {
                                                   dep.soc = 60;
                                                   return dep;
                                               });
    ASSERT_TRUE(moved.ok()) << moved.error.message;
    EXPECT_EQ(moved.record.version, 2);
    EXPECT_EQ(fleets.remove_departure("default", v.id, d.record.id, std::int64_t{1}).current_version, 2);
    EXPECT_TRUE(fleets.remove_departure("default", v.id, d.record.id, std::int64_t{2}).ok());
    EXPECT_EQ(fleets.find_departure("default", v.id, d.record.id).error.code, "departure_not_found");
    EXPECT_EQ(fleets.remove_vehicle("default", v.id, std::int64_t{7}).error.code, "precondition_failed");
    EXPECT_TRUE(fleets.remove_vehicle("default", v.id, std::int64_t{1}).ok());
}

// A fleet with vehicles stays; a vehicle goes with its departures and tokens; a token is one vehicle's
// within an organisation.
inline void references_and_tokens(infra::Database &database, const Clock &clock) {
    core::SqlFleetRepository repository(database);
    core::Fleets fleets(repository, clock);
    const auto fleet = created_fleet(fleets, "default", "Buses");
    const auto bus = created_vehicle(fleets, "default", vehicle(fleet.id, "Bus 1", {"CARD-1", "CARD-2"}));

    const auto in_use = fleets.remove_fleet("default", fleet.id, std::nullopt);
    EXPECT_EQ(in_use.error.code, "fleet_in_use");
    EXPECT_NE(in_use.error.message.find("'Bus 1'"), std::string::npos) << in_use.error.message;

    const auto taken = fleets.create_vehicle("default", vehicle(fleet.id, "Bus 2", {"CARD-9", "CARD-2"}));
    EXPECT_EQ(taken.error.code, "rfid_token_taken");
    EXPECT_EQ(taken.error.field, "rfidTokens/1");
    EXPECT_NE(taken.error.message.find("Bus 1"), std::string::npos) << taken.error.message;
    EXPECT_EQ(fleets.list_vehicles("default").size(), 1u) << "nothing written";
    // Another organisation may use the same card number.
    const auto theirs = created_fleet(fleets, "org-b", "Theirs");
    const auto other = created_vehicle(fleets, "org-b", vehicle(theirs.id, "Their bus", {"CARD-2"}));
    EXPECT_EQ(fleets.vehicle_for_token("default", "CARD-2")->id, bus.id);
    EXPECT_EQ(fleets.vehicle_for_token("org-b", "CARD-2")->id, other.id);
    EXPECT_FALSE(fleets.vehicle_for_token("default", "card-2")) << "tokens match exactly";

    // A vehicle keeps its own tokens when edited; giving one away frees it.
    const auto second = created_vehicle(fleets, "default", vehicle(fleet.id, "Bus 2", {"CARD-9"}));
    const auto set_tokens = [](std::vector<std::string> tokens) {
        return [tokens](core::Vehicle v) -> Result<core::Vehicle> {
            v.rfid_tokens = tokens;
            return v;
        };
    };
    EXPECT_EQ(fleets.update_vehicle("default", second.id, std::nullopt, set_tokens({"CARD-9", "CARD-1"})).error.code,
              "rfid_token_taken");
    ASSERT_TRUE(fleets.update_vehicle("default", bus.id, std::nullopt, set_tokens({"CARD-2", "CARD-1"})).ok());
    ASSERT_TRUE(fleets.update_vehicle("default", bus.id, std::nullopt, set_tokens({"CARD-2"})).ok());
    ASSERT_TRUE(fleets.update_vehicle("default", second.id, std::nullopt, set_tokens({"CARD-9", "CARD-1"})).ok());
    EXPECT_EQ(fleets.vehicle_for_token("default", "CARD-1")->id, second.id);
    EXPECT_EQ(fleets.find_vehicle("default", bus.id)->rfid_tokens, std::vector<std::string>{"CARD-2"});

    // A vehicle cannot move to another organisation's fleet; a departure's energy bounds its battery.
    const auto to_fleet = [](std::string id) {
        return [id](core::Vehicle v) -> Result<core::Vehicle> {
            v.fleet_id = id;
            return v;
        };
    };
    EXPECT_EQ(fleets.update_vehicle("default", bus.id, std::nullopt, to_fleet(theirs.id)).error.code, "unknown_fleet");
    core::Departure big;
    big.kind = core::DepartureKind::Trip;
    big.at = clock.now();
    big.energy_kwh = 250;
    ASSERT_TRUE(fleets.create_departure("default", bus.id, big).ok());
    const auto smaller =
        fleets.update_vehicle("default", bus.id, std::nullopt, [](core::Vehicle v) -> Result<core::Vehicle> {
            v.battery_kwh = 200;
            return v;
        });
    EXPECT_EQ(smaller.error.code, "invalid_battery");
    EXPECT_EQ(smaller.error.field, "batteryKwh");

    // Deleting the vehicle takes its departures and tokens; then the fleet can go.
    ASSERT_TRUE(fleets.remove_vehicle("default", bus.id, std::nullopt).ok());
    ASSERT_TRUE(fleets.remove_vehicle("default", second.id, std::nullopt).ok());
    EXPECT_FALSE(fleets.vehicle_for_token("default", "CARD-2"));
    EXPECT_TRUE(repository.list_departures("default", bus.id).empty());
    const auto again = created_vehicle(fleets, "default", vehicle(fleet.id, "Bus 3", {"CARD-2"}));
    EXPECT_EQ(fleets.vehicle_for_token("default", "CARD-2")->id, again.id) << "the token is free again";
    ASSERT_TRUE(fleets.remove_vehicle("default", again.id, std::nullopt).ok());
    EXPECT_TRUE(fleets.remove_fleet("default", fleet.id, std::nullopt).ok());
    EXPECT_FALSE(fleets.find_fleet("default", fleet.id));
}

// The next departures come from the stored schedule.
inline void next_departures_from_the_store(infra::Database &database, const Clock &clock) {
    core::SqlFleetRepository repository(database);
    core::Fleets fleets(repository, clock);
    const auto fleet = created_fleet(fleets, "default", "Buses");
    const auto bus = created_vehicle(fleets, "default", vehicle(fleet.id, "Bus"));
    // The clock is Thursday 26 November 2026, 00:00 UTC.
    core::Departure friday;
    friday.days[4] = true;
    friday.minute = 7 * 60;
    friday.soc = 80;
    ASSERT_TRUE(fleets.create_departure("default", bus.id, friday).ok());
    ASSERT_TRUE(fleets.create_departure("default", bus.id, soc_trip(clock.now() - std::chrono::hours{1}, 50)).ok());
    const auto next = fleets.next_departures("default", bus.id, clock.now(), clock.now() + std::chrono::days{7});
    ASSERT_TRUE(next.ok()) << next.error.message;
    ASSERT_EQ(next.record.size(), 1u) << "the past trip is left out";
    EXPECT_EQ(next.record[0].at, clock.now() + std::chrono::hours{24 + 7});
    EXPECT_DOUBLE_EQ(next.record[0].energy_kwh, 240);
}

} // namespace manage::testing::fleet
