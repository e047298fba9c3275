#pragma once
// The charging strategy interface. It knows nothing of the simulator: the core's smart-charging
// planner implements the same interface on live data. Every power is grid side (what the limits
// count); energies are grid-side kWh (battery energy divided by the charger's efficiency).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace manage::sim {

// A node of the limit tree: 0 is the grid connection; every other node's parent has a smaller
// index, so one pass from the end to the start visits children before their parents.
struct LimitNode {
    int parent = -1;
    double capacity_kw = 0; // what this node may carry now (at the root: grid limit − building + PV)
};

// One plugged vehicle that still wants energy.
struct ChargeRequest {
    int node = 0;      // the tree node it draws through (its charger)
    double max_kw = 0; // the most it can take now
    double min_kw = 0; // below this its charger delivers nothing
    double energy_needed_kwh = 0;
    std::int64_t departure_s = 0; // next departure, seconds since the horizon's start
};

struct PlanningInput {
    std::int64_t now_s = 0;
    std::int64_t step_s = 900; // the next decision comes at the latest this much later
    double price_per_kwh = 0;  // now
    std::span<const LimitNode> nodes;
    std::span<const ChargeRequest> requests;
};

class Strategy {
public:
    virtual ~Strategy() = default;
    virtual std::string_view name() const = 0;
    // Writes one power per request into `power_kw` (same order). It must respect every node's
    // capacity along each request's path, each request's max_kw, and give 0 or at least min_kw.
    virtual void allocate(const PlanningInput &input, std::span<double> power_kw) = 0;
};

// uncontrolled, balanced, edf, llf; nullptr for an unknown name.
std::unique_ptr<Strategy> make_strategy(std::string_view name);
const std::vector<std::string> &strategy_names();

// Sharing rules, used by the strategies and exposed for tests.
//
// Proportional: every request asks for `desired[i]`; where a node cannot carry the sum of what is
// asked below it, everything below it is scaled by the same factor (so a 150 kW bus gets three
// times what a 50 kW bus gets). Requests that end below their min_kw get 0; what they leave is not
// handed on, so every limit still holds.
void share_proportionally(const PlanningInput &input, std::span<const double> desired, std::span<double> power_kw);

// In priority order: each request takes what it desires, or what is left on its path, whichever is
// smaller (0 if that is below its min_kw).
void share_by_priority(const PlanningInput &input, std::span<const std::size_t> order, std::span<const double> desired,
                       std::span<double> power_kw);

} // namespace manage::sim
