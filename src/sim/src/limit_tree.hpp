#pragma once
// The site's limits as the strategies see them: node 0 is the grid connection, then the load
// groups (each after its parent), then one node per charger (its own power limit).
#include "manage/sim/scenario.hpp"
#include "manage/sim/strategy.hpp"

#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace manage::sim {

class LimitTree {
public:
    explicit LimitTree(const Scenario &scenario);

    std::size_t size() const { return nodes_.size(); }
    std::span<const LimitNode> nodes() const { return nodes_; }
    int charger_node(std::size_t charger) const { return static_cast<int>(first_charger_ + charger); }
    bool charger_failed(std::size_t charger) const { return failed_[charger]; }

    // Building load minus PV at the grid connection: what the chargers may not use.
    void set_root_base(double kw);
    bool set_limit(const std::string &node, double limit_kw);
    bool set_failed(const std::string &charger, bool failed);

    // Adds up the allocation at every node (the root with its base) and keeps each node's maximum.
    void record_peaks(std::span<const ChargeRequest> requests, std::span<const double> power_kw,
                      std::vector<double> &peaks) const;

    const std::vector<std::string> &names() const { return names_; }
    const std::vector<double> &limits() const { return limits_; }

private:
    void refresh(std::size_t node);

    std::vector<LimitNode> nodes_;
    std::vector<double> limits_;
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<bool> failed_;
    std::size_t first_charger_ = 0;
    double root_base_kw_ = 0;
    mutable std::vector<double> load_; // scratch for record_peaks
};

} // namespace manage::sim
