// Two nodes' LiveHubs on the in-process cache and bus.
#include "live_hub_cases.hpp"

namespace manage::testing {
namespace {

class LiveHubTest : public LiveHubCases {};

TEST_F(LiveHubTest, AnEventAppliedOnOneNodeReachesTheOtherNodesStreamAndSnapshot) {
    run_cross_node_case();
}

TEST_F(LiveHubTest, MeterValuesWithoutAPowerReadingChangeNothing) {
    bus_.publish(infra::Message{
        "m-1", "meter.values",
        nlohmann::json{{"chargerId", charger_id_},
                       {"connectorId", 1},
                       {"values", {{{"measurand", "Energy.Active.Import.Register"}, {"phase", ""}, {"value", 1000.0}}}}}
            .dump(),
        clock_.now()});
    ASSERT_TRUE(bus_.wait_idle(std::chrono::seconds(10)));
    EXPECT_EQ(nlohmann::json::parse(hubs_[0]->read_snapshot(organisation_).json)["sequence"], 0);
}

TEST_F(LiveHubTest, AnUnknownChargersEventsAreIgnored) {
    bus_.publish(infra::Message{
        "s-1", "charger.status",
        nlohmann::json{{"chargerId", "CP-nobody"}, {"evseId", 1}, {"connectorId", 1}, {"status", "Charging"}}.dump(),
        clock_.now()});
    ASSERT_TRUE(bus_.wait_idle(std::chrono::seconds(10)));
    EXPECT_TRUE(cache_.keys_with_prefix("live:").empty());
}

} // namespace
} // namespace manage::testing
