// LiveState: connector status and power from the core's events, roll-ups over the load-group tree and
// the site, and one organisation never seeing another's records.
#include "manage/core/live_state.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace manage::core {
namespace {

const TimePoint kT0 = TimePoint{} + std::chrono::hours(24 * 365 * 56);

Site site(const std::string &id, double grid_kw) {
    Site s;
    s.id = id;
    s.organisation_id = "org-a";
    s.name = id;
    s.timezone = "UTC";
    s.grid_limit_kw = grid_kw;
    return s;
}

LoadGroup group(const std::string &id, std::optional<std::string> parent, double limit_kw) {
    LoadGroup g;
    g.id = id;
    g.organisation_id = "org-a";
    g.site_id = "site-1";
    g.name = id;
    g.parent_id = std::move(parent);
    g.limit.value = limit_kw;
    return g;
}

// site-1 (100 kW) ─ feeder A (50 kW) ─ group B (22 kW): CP-1 in B, CP-2 in A, CP-3 at the site in no
// group, CP-4 nowhere.
LiveTopology depot() {
    LiveTopology topology;
    topology.sites = {site("site-1", 100)};
    topology.load_groups = {group("A", std::nullopt, 50), group("B", "A", 22)};
    topology.chargers["CP-1"] = {"site-1", "B"};
    topology.chargers["CP-2"] = {"site-1", "A"};
    topology.chargers["CP-3"] = {"site-1", std::nullopt};
    topology.chargers["CP-4"] = {std::nullopt, std::nullopt};
    return topology;
}

template <class T> std::vector<T> of_kind(const std::vector<LiveChange> &changes) {
    std::vector<T> out;
    for (const auto &change : changes)
        if (const auto *record = std::get_if<T>(&change))
            out.push_back(*record);
    return out;
}

const LiveLoadGroup &group_in(const LiveSnapshot &snapshot, const std::string &id) {
    const auto found = std::find_if(snapshot.load_groups.begin(), snapshot.load_groups.end(),
                                    [&](const auto &g) { return g.id == id; });
    EXPECT_NE(found, snapshot.load_groups.end()) << id;
    return *found;
}

// Charging at `watts` on EVSE 1.
void charge(LiveState &state, const std::string &org, const std::string &charger, double watts) {
    state.on_status(org, charger, 1, 1, "Charging", kT0);
    state.on_power(org, charger, 1, watts, kT0);
}

TEST(LiveState, AStatusNotificationSetsTheConnectorAndConnectorZeroTheCharger) {
    LiveState state;
    const auto changes = state.on_status("org-a", "CP-1", 1, 1, "Preparing", kT0);
    const auto connectors = of_kind<LiveConnector>(changes);
    ASSERT_EQ(connectors.size(), 1u);
    EXPECT_EQ(connectors[0], (LiveConnector{"CP-1", 1, 1, "Preparing", 0, kT0}));
    ASSERT_EQ(of_kind<LiveCharger>(changes).size(), 1u);
    EXPECT_TRUE(of_kind<LiveCharger>(changes)[0].online);

    const auto charger = of_kind<LiveCharger>(state.on_status("org-a", "CP-1", 0, 0, "Unavailable", kT0));
    ASSERT_EQ(charger.size(), 1u);
    EXPECT_EQ(charger[0].status, "Unavailable");
    EXPECT_EQ(state.snapshot("org-a").connectors.size(), 1u) << "connector 0 is the charger, not a connector";
}

TEST(LiveState, MeterValuesGiveAChargingConnectorItsPower) {
    LiveState state;
    state.on_status("org-a", "CP-1", 1, 1, "Charging", kT0);
    const auto connectors = of_kind<LiveConnector>(state.on_power("org-a", "CP-1", 1, 7200, kT0));
    ASSERT_EQ(connectors.size(), 1u);
    EXPECT_EQ(connectors[0].power_w, 7200);
    EXPECT_EQ(connectors[0].status, "Charging");
}

TEST(LiveState, APowerReadingBeforeAnyStatusMakesTheConnector) {
    LiveState state;
    state.on_power("org-a", "CP-1", 2, 3000, kT0);
    const auto snapshot = state.snapshot("org-a");
    ASSERT_EQ(snapshot.connectors.size(), 1u);
    EXPECT_EQ(snapshot.connectors[0], (LiveConnector{"CP-1", 2, 2, "", 3000, kT0}));
}

TEST(LiveState, PowerRollsUpThroughTheLoadGroupTreeToTheSite) {
    LiveState state;
    state.set_topology("org-a", depot(), kT0);
    charge(state, "org-a", "CP-1", 7000);
    charge(state, "org-a", "CP-2", 11000);
    charge(state, "org-a", "CP-3", 3000);
    charge(state, "org-a", "CP-4", 5000); // placed nowhere: in no roll-up
    const auto snapshot = state.snapshot("org-a");
    EXPECT_DOUBLE_EQ(group_in(snapshot, "B").power_kw, 7);
    EXPECT_DOUBLE_EQ(group_in(snapshot, "A").power_kw, 18) << "A holds B";
    ASSERT_EQ(snapshot.sites.size(), 1u);
    EXPECT_DOUBLE_EQ(snapshot.sites[0].power_kw, 21) << "every charger placed at the site";
    EXPECT_EQ(group_in(snapshot, "B").limit_kw_now, 22);
    EXPECT_EQ(group_in(snapshot, "A").limit_kw_now, 50);
    EXPECT_EQ(snapshot.sites[0].limit_kw_now, 100);
}

TEST(LiveState, AChangeOfPowerAnswersTheRollUpsItMoved) {
    LiveState state;
    state.set_topology("org-a", depot(), kT0);
    state.on_status("org-a", "CP-2", 1, 1, "Charging", kT0);
    const auto changes = state.on_power("org-a", "CP-2", 1, 11000, kT0);
    const auto groups = of_kind<LiveLoadGroup>(changes);
    ASSERT_EQ(groups.size(), 1u) << "A changed, B did not";
    EXPECT_EQ(groups[0].id, "A");
    ASSERT_EQ(of_kind<LiveSite>(changes).size(), 1u);
    EXPECT_DOUBLE_EQ(of_kind<LiveSite>(changes)[0].power_kw, 11);
}

TEST(LiveState, StoppingTheSessionBringsTheConnectorAndItsRollUpsToZero) {
    LiveState state;
    state.set_topology("org-a", depot(), kT0);
    charge(state, "org-a", "CP-1", 7000);
    const auto changes = state.on_session_stopped("org-a", "CP-1", 1, kT0 + std::chrono::minutes(1));
    const auto connectors = of_kind<LiveConnector>(changes);
    ASSERT_EQ(connectors.size(), 1u);
    EXPECT_EQ(connectors[0].power_w, 0);
    EXPECT_EQ(of_kind<LiveLoadGroup>(changes).size(), 2u) << "B and A";
    ASSERT_EQ(of_kind<LiveSite>(changes).size(), 1u);
    EXPECT_DOUBLE_EQ(of_kind<LiveSite>(changes)[0].power_kw, 0);
}

TEST(LiveState, AStatusInWhichNoPowerFlowsZeroesThePowerAndLateReadingsAreIgnored) {
    LiveState state;
    charge(state, "org-a", "CP-1", 7000);
    state.on_status("org-a", "CP-1", 1, 1, "Finishing", kT0);
    EXPECT_EQ(state.snapshot("org-a").connectors[0].power_w, 0);
    state.on_power("org-a", "CP-1", 1, 6500, kT0);
    EXPECT_EQ(state.snapshot("org-a").connectors[0].power_w, 0) << "a reading after charging ended";
}

TEST(LiveState, ADisconnectedChargerIsOfflineAndDrawsNothing) {
    LiveState state;
    state.set_topology("org-a", depot(), kT0);
    charge(state, "org-a", "CP-1", 7000);
    const auto changes = state.on_connection("org-a", "CP-1", false, kT0);
    ASSERT_FALSE(of_kind<LiveCharger>(changes).empty());
    EXPECT_FALSE(of_kind<LiveCharger>(changes)[0].online);
    EXPECT_DOUBLE_EQ(group_in(state.snapshot("org-a"), "B").power_kw, 0);
}

TEST(LiveState, OrganisationsNeverSeeEachOthersRecords) {
    LiveState state;
    state.set_topology("org-a", depot(), kT0);
    auto other = depot();
    state.set_topology("org-b", other, kT0);
    charge(state, "org-a", "CP-1", 7000);
    const auto b = state.snapshot("org-b");
    EXPECT_TRUE(b.chargers.empty());
    EXPECT_TRUE(b.connectors.empty());
    EXPECT_DOUBLE_EQ(group_in(b, "B").power_kw, 0) << "org-b's tree is its own even with the same ids";
    EXPECT_DOUBLE_EQ(group_in(state.snapshot("org-a"), "B").power_kw, 7);
}

TEST(LiveState, AMirroredConnectorCountsInTheRollUps) {
    LiveState state;
    state.set_topology("org-a", depot(), kT0);
    const auto changes = state.mirror("org-a", LiveConnector{"CP-1", 1, 1, "Charging", 4000, kT0}, kT0);
    EXPECT_EQ(of_kind<LiveLoadGroup>(changes).size(), 2u);
    EXPECT_DOUBLE_EQ(group_in(state.snapshot("org-a"), "A").power_kw, 4);
}

TEST(LiveState, MovingAChargerMovesItsPowerWhenTheTopologyIsReloaded) {
    LiveState state;
    state.set_topology("org-a", depot(), kT0);
    charge(state, "org-a", "CP-1", 7000);
    auto moved = depot();
    moved.chargers["CP-1"] = {"site-1", "A"};
    const auto changes = state.set_topology("org-a", moved, kT0);
    EXPECT_EQ(of_kind<LiveLoadGroup>(changes).size(), 1u) << "B lost it; A keeps 7 kW";
    EXPECT_DOUBLE_EQ(group_in(state.snapshot("org-a"), "B").power_kw, 0);
    EXPECT_DOUBLE_EQ(group_in(state.snapshot("org-a"), "A").power_kw, 7);
}

} // namespace
} // namespace manage::core
