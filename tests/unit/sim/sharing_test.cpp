#include "manage/sim/strategy.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace manage::sim {
namespace {

// grid (100 kW) ─ group (60 kW) ─ charger A (50 kW), charger B (50 kW)
//               └ charger C (50 kW)
std::vector<LimitNode> tree() {
    return {LimitNode{-1, 100}, LimitNode{0, 60}, LimitNode{1, 50}, LimitNode{1, 50}, LimitNode{0, 50}};
}

TEST(ShareProportionally, ScalesEverythingBelowAnOverloadedNodeAlike) {
    const auto nodes = tree();
    const std::vector<ChargeRequest> requests{{2, 40, 0, 100, 0}, {3, 20, 0, 100, 0}, {4, 50, 0, 100, 0}};
    const PlanningInput input{0, 900, 0, nodes, requests};
    std::vector<double> power(3);
    share_proportionally(input, std::vector<double>{40, 20, 50}, power);
    // The group is asked for 60 and carries 60; the grid is asked for 60 + 50 = 110 of 100, so
    // everything is scaled by 100/110: A 40·10/11 = 36.36, B 20·10/11 = 18.18, C 50·10/11 = 45.45.
    EXPECT_NEAR(power[0], 400.0 / 11, 1e-9);
    EXPECT_NEAR(power[1], 200.0 / 11, 1e-9);
    EXPECT_NEAR(power[2], 500.0 / 11, 1e-9);
}

TEST(ShareProportionally, GivesNothingBelowTheMinimumPower) {
    const std::vector<LimitNode> nodes{LimitNode{-1, 10}, LimitNode{0, 50}, LimitNode{0, 50}};
    const std::vector<ChargeRequest> requests{{1, 40, 6, 100, 0}, {2, 40, 0, 100, 0}};
    const PlanningInput input{0, 900, 0, nodes, requests};
    std::vector<double> power(2);
    share_proportionally(input, std::vector<double>{40, 40}, power);
    // 10 kW shared half and half: 5 kW is below the first charger's 6 kW minimum.
    EXPECT_EQ(power[0], 0.0);
    EXPECT_NEAR(power[1], 5.0, 1e-9);
}

TEST(ShareByPriority, FillsInOrderUpToWhatIsLeftOnEachPath) {
    const auto nodes = tree();
    const std::vector<ChargeRequest> requests{{2, 50, 0, 100, 0}, {3, 50, 0, 100, 0}, {4, 50, 0, 100, 0}};
    const PlanningInput input{0, 900, 0, nodes, requests};
    std::vector<double> power(3);
    const std::vector<std::size_t> order{1, 2, 0};
    share_by_priority(input, order, std::vector<double>{50, 50, 50}, power);
    // B first: 50 (group 10 left, grid 50 left); C: 50 (grid 0 left); A: nothing left.
    EXPECT_EQ(power[1], 50.0);
    EXPECT_EQ(power[2], 50.0);
    EXPECT_EQ(power[0], 0.0);
}

TEST(Strategies, AreKnownByName) {
    for (const auto &name : strategy_names()) {
        const auto strategy = make_strategy(name);
        ASSERT_NE(strategy, nullptr) << name;
        EXPECT_EQ(strategy->name(), name);
    }
    EXPECT_EQ(make_strategy("fastest"), nullptr);
}

TEST(Balanced, SpreadsTheNeedUntilDeparture) {
    const std::vector<LimitNode> nodes{LimitNode{-1, 1000}, LimitNode{0, 150}};
    // 60 kWh needed, departure in 4 h: 15 kW.
    const std::vector<ChargeRequest> requests{{1, 150, 0, 60, 4 * 3600}};
    const PlanningInput input{0, 900, 0, nodes, requests};
    std::vector<double> power(1);
    make_strategy("balanced")->allocate(input, power);
    EXPECT_NEAR(power[0], 15.0, 1e-9);
}

} // namespace
} // namespace manage::sim
