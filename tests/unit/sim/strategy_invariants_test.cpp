// Properties every strategy keeps on random depots: no limit exceeded at any node, no negative
// power, and the energy balance closes.
#include "manage/sim/engine.hpp"
#include "manage/sim/generate.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace manage::sim {
namespace {

class StrategyInvariants : public ::testing::TestWithParam<std::string> {};

TEST_P(StrategyInvariants, HoldOnRandomDepots) {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        DepotSpec spec;
        spec.seed = seed;
        spec.vehicles = 8 + static_cast<int>(seed * 3);
        spec.chargers = 4 + static_cast<int>(seed * 2);
        spec.days = 3;
        spec.resolution_s = seed % 2 ? 900 : 300;
        spec.group_share = 0.2 + 0.1 * static_cast<double>(seed % 4);
        const auto s = generate_depot(spec);
        const auto r = simulate(s, GetParam()).value();
        SCOPED_TRACE("seed " + std::to_string(seed));

        for (std::size_t n = 0; n < r.node_names.size(); ++n)
            EXPECT_LE(r.node_peak_kw[n], r.node_limit_kw[n] + 1e-6) << r.node_names[n];
        EXPECT_LE(r.kpis.peak_site_kw, s.site.grid_limit_kw + 1e-6);
        for (const auto &charger : r.series.charger_kw)
            for (const double kw : charger)
                EXPECT_GE(kw, 0.0);

        // Grid energy through each charger times its efficiency is what the batteries gained,
        // and that is what they hold now minus what they held at the start plus what trips used.
        double into_batteries = 0;
        for (std::size_t c = 0; c < s.chargers.size(); ++c)
            into_batteries += r.charger_energy_kwh[c] * s.chargers[c].efficiency;
        double gained = 0;
        for (std::size_t v = 0; v < s.vehicles.size(); ++v)
            gained +=
                r.vehicle_final_kwh[v] - s.vehicles[v].initial_soc * s.vehicles[v].battery_kwh + r.vehicle_used_kwh[v];
        EXPECT_NEAR(into_batteries, gained, 1e-6);
        EXPECT_NEAR(into_batteries, r.kpis.energy_to_batteries_kwh, 1e-6);
        const double delivered = std::accumulate(r.charger_energy_kwh.begin(), r.charger_energy_kwh.end(), 0.0);
        EXPECT_NEAR(delivered, r.kpis.energy_delivered_kwh, 1e-6);
        // The series integrate to the same energy.
        double from_series = 0;
        for (const auto &charger : r.series.charger_kw)
            from_series +=
                std::accumulate(charger.begin(), charger.end(), 0.0) * static_cast<double>(s.resolution_s) / 3600.0;
        EXPECT_NEAR(from_series, delivered, 1e-6);
        EXPECT_GT(delivered, 0.0);
    }
}

INSTANTIATE_TEST_SUITE_P(Every, StrategyInvariants, ::testing::ValuesIn(strategy_names()));

} // namespace
} // namespace manage::sim
