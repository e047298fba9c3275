#pragma once
// Synthetic depots for benchmarks and property tests: a bus fleet on shifts, chargers under a
// two-level load group tree, a building load and a time-of-use tariff. Deterministic for a seed.
#include "manage/sim/scenario.hpp"

#include <cstdint>

namespace manage::sim {

struct DepotSpec {
    int vehicles = 100;
    int chargers = 100;
    int days = 30;
    Seconds resolution_s = 900;
    std::uint64_t seed = 1;
    double grid_limit_kw = 0; // 0: 40 % of the chargers' total power
    int groups = 4;           // load groups under the grid, chargers spread over them
    double group_share = 0.3; // each group's limit as a share of its chargers' power
};

Scenario generate_depot(const DepotSpec &spec);

} // namespace manage::sim
