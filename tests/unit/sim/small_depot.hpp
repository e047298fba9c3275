#pragma once
// Hand-sized scenarios built in code, for tests whose numbers are checked by hand.
#include "manage/common/time_format.hpp"
#include "manage/sim/scenario.hpp"

namespace manage::sim::test {

// One hour of one 50 kW AC charger (efficiency 0.9) and one 100 kWh vehicle, 15-minute steps,
// flat price 0.20 per kWh, demand charge 10 per kW; starting Monday 2026-03-02 00:00 UTC.
inline Scenario one_charger_one_vehicle() {
    Scenario s;
    s.name = "one charger";
    s.start = parse_time("2026-03-02T00:00:00Z").value();
    s.duration_s = 12 * 3600;
    s.resolution_s = 900;
    s.site.grid_limit_kw = 200;
    Charger charger;
    charger.id = "c1";
    charger.max_kw = 50;
    charger.efficiency = 0.9;
    s.chargers.push_back(charger);
    Vehicle vehicle;
    vehicle.id = "v1";
    vehicle.battery_kwh = 100;
    vehicle.max_kw = 100;
    vehicle.initial_soc = 0.5;
    s.vehicles.push_back(vehicle);
    s.tariff.default_price_per_kwh = 0.20;
    s.tariff.demand_charge_per_kw = 10;
    return s;
}

} // namespace manage::sim::test
