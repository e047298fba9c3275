#pragma once
// Fleets, their vehicles, and when each vehicle leaves with how much energy: the records, their own
// rules, and the vehicle's next departures. Pure: the only outside input is the system's time zone
// database.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace manage::core {

struct Fleet {
    std::string id; // a UUID the server makes
    std::string organisation_id;
    std::string name;        // 1–200 characters
    std::string description; // at most 2000 characters; empty: none
    std::int64_t version = 1;
    TimePoint created_at{};
    TimePoint updated_at{};
};

constexpr std::size_t kMostRfidTokens = 10;

struct Vehicle {
    std::string id; // a UUID the server makes
    std::string organisation_id;
    std::string fleet_id;                 // a fleet of the same organisation
    std::string name;                     // 1–200 characters
    std::string registration;             // licence plate, at most 20 characters; empty: none
    std::string vin;                      // 17 of [A-HJ-NPR-Z0-9]; empty: none
    double battery_kwh = 0;               // usable capacity, > 0 and ≤ 2000
    double max_ac_kw = 0;                 // 0–50
    double max_dc_kw = 0;                 // 0–1000; at least one of the two above 0
    double target_soc = 100;              // percent, 1–100
    std::string timezone = "UTC";         // IANA; weekly departures are in its local time
    std::vector<std::string> rfid_tokens; // ID tag values, each the vehicle's alone in its organisation
    std::int64_t version = 1;
    TimePoint created_at{};
    TimePoint updated_at{};
};

enum class DepartureKind { Weekly, Trip };
std::string_view to_string(DepartureKind kind);
std::optional<DepartureKind> parse_departure_kind(std::string_view text);

// A weekly departure (the days marked in `days`, Monday first, at `minute` local time in the vehicle's
// time zone) or a one-off trip (at `at`), each with either the energy or the state of charge the
// battery must hold when the vehicle leaves.
struct Departure {
    std::string id; // a UUID the server makes
    std::string organisation_id;
    std::string vehicle_id;
    DepartureKind kind = DepartureKind::Weekly;
    std::string name;                 // a route or block id; empty: none
    std::array<bool, 7> days{};       // weekly
    int minute = 0;                   // weekly: minutes after local midnight, 0–1439
    TimePoint at{};                   // trip
    std::optional<double> energy_kwh; // exactly one of these two
    std::optional<double> soc;        // percent
    std::int64_t version = 1;
    TimePoint created_at{};
    TimePoint updated_at{};
};

// Each record's own rules; the error names the field as the API spells it (`rfidTokens/2`).
Result<void> check_fleet(const Fleet &fleet);
// Fails `unknown_timezone` for a time zone the system does not know.
Result<void> check_vehicle(const Vehicle &vehicle);
// The departure against its vehicle: energy at most the vehicle's battery.
Result<void> check_departure(const Departure &departure, const Vehicle &vehicle);

// One departure of a vehicle at one instant.
struct UpcomingDeparture {
    std::string departure_id;
    DepartureKind kind = DepartureKind::Weekly;
    std::string name;
    TimePoint at{};
    double energy_kwh = 0; // what the battery must hold at `at`
    double soc = 0;        // the same as a percentage of the battery
};

// The vehicle's departures at or after `from` and before `to`, in time order (then by departure id).
// Weekly times are read in the vehicle's time zone: a time that does not exist that day (clocks go
// forward) is the instant the clocks change; a time that happens twice (clocks go back) is its first
// occurrence. Trips outside [from, to) are left out. A state of charge becomes energy with the
// battery's size. Fails `unknown_timezone` when the time zone database lacks the vehicle's zone.
Result<std::vector<UpcomingDeparture>> next_departures(const Vehicle &vehicle, const std::vector<Departure> &departures,
                                                       TimePoint from, TimePoint to);

} // namespace manage::core
