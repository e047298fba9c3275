#include "manage/sim/generate.hpp"

#include "manage/common/time_format.hpp"

#include <algorithm>
#include <random>

namespace manage::sim {
namespace {

// A uniform draw in [low, high) from raw generator bits (portable across standard libraries).
double draw(std::mt19937_64 &rng, double low, double high) {
    return low + (high - low) * static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

} // namespace

Scenario generate_depot(const DepotSpec &spec) {
    std::mt19937_64 rng(spec.seed);
    Scenario s;
    s.name = "generated depot";
    s.start = parse_time("2026-03-02T00:00:00Z").value(); // a Monday
    s.duration_s = Seconds{spec.days} * 86'400;
    s.resolution_s = spec.resolution_s;
    s.seed = spec.seed;
    s.arrival_jitter_s = 20 * 60;

    double total_kw = 0;
    const int groups = std::max(1, spec.groups);
    for (int g = 0; g < groups; ++g)
        s.site.groups.push_back(LoadGroup{"hall-" + std::to_string(g + 1), "", 0});
    std::vector<double> group_kw(static_cast<std::size_t>(groups), 0.0);
    for (int c = 0; c < spec.chargers; ++c) {
        Charger charger;
        charger.id = "charger-" + std::to_string(c + 1);
        const bool dc = c % 2 == 0;
        charger.kind = dc ? ChargerKind::dc : ChargerKind::ac;
        charger.max_kw = dc ? 150 : 44;
        charger.efficiency = dc ? 0.95 : 0.92;
        charger.min_kw = dc ? 5 : 4;
        if (dc)
            charger.curve = {{0.0, 150}, {0.8, 150}, {1.0, 50}};
        const auto group = static_cast<std::size_t>(c % groups);
        charger.group = s.site.groups[group].id;
        group_kw[group] += charger.max_kw;
        total_kw += charger.max_kw;
        s.chargers.push_back(charger);
    }
    for (std::size_t g = 0; g < group_kw.size(); ++g)
        s.site.groups[g].limit_kw = group_kw[g] * spec.group_share;
    s.site.grid_limit_kw = spec.grid_limit_kw > 0 ? spec.grid_limit_kw : 0.4 * total_kw;

    // Two shifts a day: early buses out 05:00–07:00 back 13:00–15:00, late ones out 13:00–15:00
    // back 21:00–23:00; weekends lighter.
    for (int v = 0; v < spec.vehicles; ++v) {
        Vehicle vehicle;
        vehicle.id = "bus-" + std::to_string(v + 1);
        vehicle.battery_kwh = draw(rng, 250, 400);
        vehicle.consumption_kwh_per_km = draw(rng, 1.0, 1.4);
        vehicle.max_kw = draw(rng, 100, 150);
        vehicle.initial_soc = draw(rng, 0.5, 1.0);
        vehicle.reserve_soc = 0.1;
        s.vehicles.push_back(vehicle);
        const bool early = v % 2 == 0;
        const Seconds leave = static_cast<Seconds>(draw(rng, early ? 5 : 13, early ? 7 : 15) * 3600);
        const Seconds out = static_cast<Seconds>(draw(rng, 7, 9) * 3600);
        // A shift uses 40–70 % of the battery: every trip is possible, not every one is easy.
        const double km = draw(rng, 0.4, 0.7) * vehicle.battery_kwh / vehicle.consumption_kwh_per_km;
        for (int d = 0; d < spec.days; ++d) {
            const bool weekend = d % 7 >= 5;
            if (weekend && v % 3 != 0)
                continue;
            const Seconds departure = Seconds{d} * 86'400 + leave;
            s.trips.push_back(
                Trip{static_cast<std::size_t>(v), departure, departure + out, km * vehicle.consumption_kwh_per_km});
        }
    }
    std::stable_sort(s.trips.begin(), s.trips.end(),
                     [](const Trip &a, const Trip &b) { return a.departure < b.departure; });

    s.site.building_kw.points = {};
    for (int d = 0; d < spec.days; ++d) {
        const Seconds midnight = Seconds{d} * 86'400;
        s.site.building_kw.points.emplace_back(midnight, 30);
        s.site.building_kw.points.emplace_back(midnight + 7 * 3600, 80);
        s.site.building_kw.points.emplace_back(midnight + 19 * 3600, 40);
    }
    s.tariff.default_price_per_kwh = 0.28;
    s.tariff.periods = {PricePeriod{22 * 3600, 6 * 3600, 0x7F, 0.18}, PricePeriod{17 * 3600, 20 * 3600, 0x1F, 0.42}};
    s.tariff.demand_charge_per_kw = 11.0;
    return s;
}

} // namespace manage::sim
