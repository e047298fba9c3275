#include "limit_tree.hpp"

#include <algorithm>

namespace manage::sim {

LimitTree::LimitTree(const Scenario &scenario) {
    const auto add = [&](const std::string &name, int parent, double limit) {
        index_[name] = nodes_.size();
        names_.push_back(name);
        limits_.push_back(limit);
        nodes_.push_back(LimitNode{parent, limit});
    };
    add("grid", -1, scenario.site.grid_limit_kw);
    // Groups in an order where every parent comes first (validation has ruled out cycles and
    // unknown parents; a group left over here would be a bug, and it is attached to the grid).
    std::vector<bool> placed(scenario.site.groups.size(), false);
    for (bool progress = true; progress;) {
        progress = false;
        for (std::size_t g = 0; g < scenario.site.groups.size(); ++g) {
            const auto &group = scenario.site.groups[g];
            if (placed[g])
                continue;
            const auto parent = group.parent.empty() ? index_.find("grid") : index_.find(group.parent);
            if (parent == index_.end())
                continue;
            add(group.id, static_cast<int>(parent->second), group.limit_kw);
            placed[g] = progress = true;
        }
    }
    for (std::size_t g = 0; g < placed.size(); ++g)
        if (!placed[g])
            add(scenario.site.groups[g].id, 0, scenario.site.groups[g].limit_kw);
    first_charger_ = nodes_.size();
    for (const auto &charger : scenario.chargers) {
        const auto group = index_.find(charger.group.empty() ? std::string("grid") : charger.group);
        add(charger.id, group == index_.end() ? 0 : static_cast<int>(group->second), charger.max_kw);
    }
    failed_.assign(scenario.chargers.size(), false);
    load_.assign(nodes_.size(), 0.0);
}

void LimitTree::refresh(std::size_t node) {
    double capacity = limits_[node];
    if (node == 0)
        capacity -= root_base_kw_;
    if (node >= first_charger_ && failed_[node - first_charger_])
        capacity = 0;
    nodes_[node].capacity_kw = capacity;
}

void LimitTree::set_root_base(double kw) {
    root_base_kw_ = kw;
    refresh(0);
}

bool LimitTree::set_limit(const std::string &node, double limit_kw) {
    const auto it = index_.find(node);
    if (it == index_.end())
        return false;
    limits_[it->second] = limit_kw;
    refresh(it->second);
    return true;
}

bool LimitTree::set_failed(const std::string &charger, bool failed) {
    const auto it = index_.find(charger);
    if (it == index_.end() || it->second < first_charger_)
        return false;
    failed_[it->second - first_charger_] = failed;
    refresh(it->second);
    return true;
}

void LimitTree::record_peaks(std::span<const ChargeRequest> requests, std::span<const double> power_kw,
                             std::vector<double> &peaks) const {
    std::fill(load_.begin(), load_.end(), 0.0);
    for (std::size_t i = 0; i < requests.size(); ++i)
        load_[static_cast<std::size_t>(requests[i].node)] += power_kw[i];
    for (std::size_t n = nodes_.size(); n-- > 1;)
        load_[static_cast<std::size_t>(nodes_[n].parent)] += load_[n];
    load_[0] += root_base_kw_;
    for (std::size_t n = 0; n < nodes_.size(); ++n)
        peaks[n] = std::max(peaks[n], load_[n]);
}

} // namespace manage::sim
