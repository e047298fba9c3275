// OCPP 2.0.1 smart charging reports (functional block K) in core: the EV's charging needs (K15–K17) kept
// per charger and EVSE for the planner, and the other reports, newest first, published.
#include "charging_fixture.hpp"
#include "event_log.hpp"

using namespace manage;
using namespace std::chrono_literals;
using Json = nlohmann::json;

using SmartChargingReportsTest = manage::testing::ChargingFixture;

TEST_F(SmartChargingReportsTest, K15_EvChargingNeedsAreStoredPerEvseNewestFirstAndPublished) {
    manage::testing::EventLog events(bus_, "smart_charging.reported");
    const Json ac{{"evseId", 1},
                  {"maxScheduleTuples", 3},
                  {"chargingNeeds",
                   {{"requestedEnergyTransfer", "AC_three_phase"},
                    {"departureTime", "2026-11-27T18:00:00Z"},
                    {"acChargingParameters",
                     {{"energyAmount", 20000}, {"evMinCurrent", 6}, {"evMaxCurrent", 32}, {"evMaxVoltage", 400}}}}}};
    const Json dc{{"evseId", 2},
                  {"chargingNeeds",
                   {{"requestedEnergyTransfer", "DC"},
                    {"dcChargingParameters", {{"evMaxCurrent", 200}, {"evMaxVoltage", 800}, {"stateOfCharge", 20}}}}}};
    const auto first = clock_.now();
    reports_->on_smart_charging_report("CP-1", "NotifyEVChargingNeeds", 1, ac.dump());
    clock_.advance(1s);
    reports_->on_smart_charging_report("CP-1", "NotifyEVChargingNeeds", 2, dc.dump());
    clock_.advance(1s);
    reports_->on_smart_charging_report("CP-1", "NotifyChargingLimit", 0, R"({"chargingLimit":{}})");

    const auto needs = reports_->smart_charging_reports("CP-1", "NotifyEVChargingNeeds");
    ASSERT_EQ(needs.size(), 2u);
    EXPECT_EQ(needs[0].evse_id, 2);
    EXPECT_EQ(Json::parse(needs[0].details), dc);
    EXPECT_EQ(needs[1].evse_id, 1);
    EXPECT_EQ(Json::parse(needs[1].details), ac);
    EXPECT_EQ(needs[1].received_at, first);
    EXPECT_EQ(needs[1].charger_id, "CP-1");
    EXPECT_FALSE(needs[1].id.empty());

    const auto all = reports_->smart_charging_reports("CP-1");
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].action, "NotifyChargingLimit");
    EXPECT_TRUE(reports_->smart_charging_reports("CP-2").empty());

    const auto published = events.wait_for("smart_charging.reported", 3);
    ASSERT_EQ(published.size(), 3u);
    const auto payload = Json::parse(published[0].payload);
    EXPECT_EQ(payload["chargerId"], "CP-1");
    EXPECT_EQ(payload["action"], "NotifyEVChargingNeeds");
    EXPECT_EQ(payload["evseId"], 1);
    EXPECT_EQ(payload["reportId"], needs[1].id);
}
