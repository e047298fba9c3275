#include "manage/sim/strategy.hpp"

#include <algorithm>

namespace manage::sim {

void share_proportionally(const PlanningInput &input, std::span<const double> desired, std::span<double> power_kw) {
    const auto &nodes = input.nodes;
    const auto &requests = input.requests;
    // Bottom-up: what each node is asked for, and what it can pass on (the ask, capped).
    // Scratch kept between calls: a decision allocates nothing once the buffers have grown.
    thread_local std::vector<double> asked, passed, factor;
    asked.assign(nodes.size(), 0.0);
    for (std::size_t i = 0; i < requests.size(); ++i)
        asked[static_cast<std::size_t>(requests[i].node)] += std::max(0.0, desired[i]);
    passed.assign(nodes.size(), 0.0);
    for (std::size_t n = nodes.size(); n-- > 0;) {
        passed[n] = std::min(asked[n], std::max(0.0, nodes[n].capacity_kw));
        if (nodes[n].parent >= 0)
            asked[static_cast<std::size_t>(nodes[n].parent)] += passed[n];
    }
    // Top-down: each node scales what its children asked by granted / asked.
    factor.assign(nodes.size(), 0.0);
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        const double granted =
            nodes[n].parent < 0 ? passed[n] : passed[n] * factor[static_cast<std::size_t>(nodes[n].parent)];
        factor[n] = asked[n] > 0 ? std::min(1.0, granted / asked[n]) : 0.0;
    }
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const double p = std::max(0.0, desired[i]) * factor[static_cast<std::size_t>(requests[i].node)];
        power_kw[i] = p + 1e-9 < requests[i].min_kw ? 0.0 : p;
    }
}

void share_by_priority(const PlanningInput &input, std::span<const std::size_t> order, std::span<const double> desired,
                       std::span<double> power_kw) {
    const auto &nodes = input.nodes;
    thread_local std::vector<double> left;
    left.resize(nodes.size());
    for (std::size_t n = 0; n < nodes.size(); ++n)
        left[n] = std::max(0.0, nodes[n].capacity_kw);
    std::fill(power_kw.begin(), power_kw.end(), 0.0);
    for (const std::size_t i : order) {
        const auto &request = input.requests[i];
        double p = std::max(0.0, desired[i]);
        for (int n = request.node; n >= 0; n = nodes[static_cast<std::size_t>(n)].parent)
            p = std::min(p, left[static_cast<std::size_t>(n)]);
        if (p + 1e-9 < request.min_kw || p <= 0)
            continue;
        power_kw[i] = p;
        for (int n = request.node; n >= 0; n = nodes[static_cast<std::size_t>(n)].parent)
            left[static_cast<std::size_t>(n)] = std::max(0.0, left[static_cast<std::size_t>(n)] - p);
    }
}

} // namespace manage::sim
