#pragma once
// A depot scenario as plain data: what the YAML file says, after validation. Times inside the
// simulator are seconds since the horizon's start (Seconds); wall-clock instants appear only here.
#include "manage/common/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace manage::sim {

using Seconds = std::int64_t;

// A value that holds from each point's time until the next point (seconds since the horizon's
// start); before the first point it is zero. Used for building load and PV.
struct StepSeries {
    std::vector<std::pair<Seconds, double>> points; // sorted by time
    double at(Seconds t) const;
};

// A node of the site's limit tree below the grid connection (a switchboard, a feeder, a cable).
struct LoadGroup {
    std::string id;
    std::string parent; // empty: the grid connection
    double limit_kw = 0;
};

struct CurvePoint {
    double soc = 0;    // 0..1
    double max_kw = 0; // battery side
};

enum class ChargerKind { ac, dc };

struct Charger {
    std::string id;
    ChargerKind kind = ChargerKind::ac;
    double max_kw = 0; // grid side, shared by its connectors
    int connectors = 1;
    double efficiency = 1.0;       // battery energy / grid energy
    double min_kw = 0;             // below this the charger cannot deliver: it delivers nothing
    std::string group;             // empty: directly under the grid connection
    std::vector<CurvePoint> curve; // DC: battery-side maximum by SoC, linear between points
};

struct Vehicle {
    std::string id;
    double battery_kwh = 0;
    double consumption_kwh_per_km = 0;
    double max_kw = 0; // battery side, what the vehicle accepts
    double initial_soc = 1.0;
    double target_soc = 1.0; // charging stops here
    double reserve_soc = 0;  // a trip must leave at least this much in the battery
};

// One trip of one vehicle, expanded from the duty schedule.
struct Trip {
    std::size_t vehicle = 0;
    Seconds departure = 0;
    Seconds arrival = 0;
    double energy_kwh = 0;
};

// A time-of-use period: from `from` (seconds after midnight, UTC) until `to`, on the weekdays
// in `days` (bit 0 = Monday). Later periods win where they overlap; outside every period the
// tariff's default price applies.
struct PricePeriod {
    int from_s = 0;
    int to_s = 86'400;
    unsigned days = 0x7F;
    double price_per_kwh = 0;
};

struct Tariff {
    double default_price_per_kwh = 0;
    std::vector<PricePeriod> periods;
    double demand_charge_per_kw = 0; // per kW of each calendar month's peak site import
};

struct Battery {
    double capacity_kwh = 0;
    double max_kw = 0;
    double initial_soc = 0.5;
};

struct Site {
    double grid_limit_kw = 0;
    std::vector<LoadGroup> groups;
    StepSeries building_kw;
    StepSeries pv_kw;
    std::optional<Battery> battery; // parsed, not yet modelled
};

struct Scenario {
    std::string name;
    TimePoint start;
    Seconds duration_s = 0;
    Seconds resolution_s = 900;
    std::uint64_t seed = 1;
    Seconds arrival_jitter_s = 0; // each arrival is late by a uniform draw in [0, jitter]
    std::string strategy = "uncontrolled";
    Site site;
    std::vector<Charger> chargers;
    std::vector<Vehicle> vehicles;
    std::vector<Trip> trips; // sorted by departure; jitter is applied by the engine
    Tariff tariff;
};

// Weekday of a time point in UTC: 0 = Monday … 6 = Sunday.
int weekday_utc(TimePoint t);

// The price per kWh at `t` seconds after the scenario's start, and when it next changes.
struct PriceAt {
    double price_per_kwh = 0;
    Seconds next_change = 0;
};
PriceAt price_at(const Tariff &tariff, TimePoint start, Seconds t);

// The maximum battery-side power of a vehicle at `soc` on `charger`: the vehicle's own limit and
// the charger's DC curve (linear between its points, flat beyond its ends).
double curve_limit_kw(const Charger &charger, double soc);

} // namespace manage::sim
