// The heuristic strategies: each decides what every vehicle would like, then one of the two
// sharing rules (strategy.hpp) fits that into the limit tree.
#include "manage/sim/strategy.hpp"

#include <algorithm>
#include <numeric>

namespace manage::sim {
namespace {

double hours_until(std::int64_t from_s, std::int64_t to_s) {
    return static_cast<double>(to_s - from_s) / 3600.0;
}

// Scratch kept between calls, so that a decision allocates nothing once the buffers have grown.
std::vector<double> &scratch_desired(std::size_t size) {
    thread_local std::vector<double> desired;
    desired.resize(size);
    return desired;
}

std::span<const double> max_power(const PlanningInput &input) {
    auto &desired = scratch_desired(input.requests.size());
    for (std::size_t i = 0; i < desired.size(); ++i)
        desired[i] = input.requests[i].max_kw;
    return desired;
}

// Every vehicle at its maximum; an overloaded node scales everything below it alike.
class Uncontrolled final : public Strategy {
public:
    std::string_view name() const override { return "uncontrolled"; }
    void allocate(const PlanningInput &input, std::span<double> power_kw) override {
        share_proportionally(input, max_power(input), power_kw);
    }
};

// Each vehicle asks for its remaining need spread evenly until its departure (at least one step,
// so a vehicle already due asks for its maximum), then the proportional rule.
class Balanced final : public Strategy {
public:
    std::string_view name() const override { return "balanced"; }
    void allocate(const PlanningInput &input, std::span<double> power_kw) override {
        auto &desired = scratch_desired(input.requests.size());
        for (std::size_t i = 0; i < desired.size(); ++i) {
            const auto &request = input.requests[i];
            const double hours =
                std::max(hours_until(input.now_s, request.departure_s), static_cast<double>(input.step_s) / 3600.0);
            desired[i] = std::min(request.max_kw, request.energy_needed_kwh / hours);
        }
        share_proportionally(input, desired, power_kw);
    }
};

// Orders the requests by a key (smallest first, ties by position) and lets each take its maximum.
template <class Key> void by_priority(const PlanningInput &input, std::span<double> power_kw, Key key) {
    thread_local std::vector<std::size_t> order;
    thread_local std::vector<double> keys;
    order.resize(input.requests.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    keys.resize(order.size());
    for (std::size_t i = 0; i < keys.size(); ++i)
        keys[i] = key(input.requests[i]);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    share_by_priority(input, order, max_power(input), power_kw);
}

// Earliest departure first.
class EarliestDeparture final : public Strategy {
public:
    std::string_view name() const override { return "edf"; }
    void allocate(const PlanningInput &input, std::span<double> power_kw) override {
        by_priority(input, power_kw, [](const ChargeRequest &r) { return static_cast<double>(r.departure_s); });
    }
};

// Least laxity first: laxity is the time left before departure minus the time the remaining need
// takes at the vehicle's maximum power.
class LeastLaxity final : public Strategy {
public:
    std::string_view name() const override { return "llf"; }
    void allocate(const PlanningInput &input, std::span<double> power_kw) override {
        by_priority(input, power_kw, [&](const ChargeRequest &r) {
            const double charging_hours = r.max_kw > 0 ? r.energy_needed_kwh / r.max_kw : 1e9;
            return hours_until(input.now_s, r.departure_s) - charging_hours;
        });
    }
};

} // namespace

std::unique_ptr<Strategy> make_strategy(std::string_view name) {
    if (name == "uncontrolled")
        return std::make_unique<Uncontrolled>();
    if (name == "balanced")
        return std::make_unique<Balanced>();
    if (name == "edf")
        return std::make_unique<EarliestDeparture>();
    if (name == "llf")
        return std::make_unique<LeastLaxity>();
    return nullptr;
}

const std::vector<std::string> &strategy_names() {
    static const std::vector<std::string> names{"uncontrolled", "balanced", "edf", "llf"};
    return names;
}

} // namespace manage::sim
