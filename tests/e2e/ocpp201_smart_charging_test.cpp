// OCPP 2.0.1 functional block K over a real WebSocket: what a station reports of smart charging (K15–K17
// NotifyEVChargingNeeds and NotifyEVChargingSchedule, K12 NotifyChargingLimit, K13 ClearedChargingLimit, K09
// ReportChargingProfiles), read back through the charger's smart-charging routes.
#include "e2e_fixture.hpp"

#include <chrono>
#include <map>
#include <set>
#include <string>

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp201SmartCharging : public PlatformFixture {
protected:
    static Json schedule(double limit) {
        return {{"id", 1},
                {"chargingRateUnit", "W"},
                {"chargingSchedulePeriod", Json::array({{{"startPeriod", 0}, {"limit", limit}}})}};
    }

    // Reports are ordered by their arrival in milliseconds, ties by their random id: a report that must read
    // as newer than the one before waits for the next millisecond (at most one).
    static void next_millisecond() {
        using namespace std::chrono;
        const auto now = [] { return time_point_cast<milliseconds>(system_clock::now()); };
        const auto start = now();
        while (now() == start) {
        }
    }

    static Json needs(int evse, const std::string &departure, int energy_wh) {
        return {{"evseId", evse},
                {"maxScheduleTuples", 3},
                {"chargingNeeds",
                 {{"requestedEnergyTransfer", "AC_three_phase"},
                  {"departureTime", departure},
                  {"acChargingParameters",
                   {{"energyAmount", energy_wh}, {"evMinCurrent", 6}, {"evMaxCurrent", 32}, {"evMaxVoltage", 400}}}}}};
    }
};

TEST_F(Ocpp201SmartCharging, K15_K17_EvChargingNeedsAreReadBackLatestPerEvse) {
    auto station = boot201("CS-K");
    EXPECT_EQ(result_of(station->call("NotifyEVChargingNeeds", needs(1, "2026-11-27T06:00:00Z", 20000))),
              (Json{{"status", "Accepted"}}));
    EXPECT_EQ(result_of(station->call("NotifyEVChargingNeeds", needs(2, "2026-11-27T07:00:00Z", 30000))),
              (Json{{"status", "Accepted"}}));
    next_millisecond();
    EXPECT_EQ(result_of(station->call("NotifyEVChargingNeeds", needs(1, "2026-11-27T08:00:00Z", 25000))),
              (Json{{"status", "Accepted"}}));

    const auto items = get_json("/api/v1/chargers/CS-K/ev-charging-needs")["items"];
    ASSERT_EQ(items.size(), 2u) << items.dump();
    std::map<int, Json> by_evse;
    for (const auto &item : items)
        by_evse[item["evseId"].get<int>()] = item;
    EXPECT_EQ(by_evse[1]["departureTime"], "2026-11-27T08:00:00.000Z") << "the latest needs of EVSE 1";
    EXPECT_EQ(by_evse[1]["acChargingParameters"]["energyAmount"], 25000);
    EXPECT_EQ(by_evse[1]["requestedEnergyTransfer"], "AC_three_phase");
    EXPECT_EQ(by_evse[1]["maxScheduleTuples"], 3);
    EXPECT_FALSE(by_evse[1].contains("dcChargingParameters"));
    EXPECT_EQ(by_evse[2]["acChargingParameters"]["energyAmount"], 30000);
    EXPECT_EQ(get_json("/api/v1/chargers/CS-K/ev-charging-needs?limit=1")["items"].size(), 1u);
}

TEST_F(Ocpp201SmartCharging, K15_K12_K13_K09_ReportsAreReadBackPerRoute) {
    auto station = boot201("CS-K2");
    const Json ev_schedule{{"timeBase", "2026-11-27T08:00:00Z"}, {"evseId", 1}, {"chargingSchedule", schedule(7400)}};
    EXPECT_EQ(result_of(station->call("NotifyEVChargingSchedule", ev_schedule)), (Json{{"status", "Accepted"}}));
    const Json limit{{"chargingLimit", {{"chargingLimitSource", "EMS"}, {"isGridCritical", true}}},
                     {"chargingSchedule", Json::array({schedule(11000)})}};
    EXPECT_EQ(result_of(station->call("NotifyChargingLimit", limit)), Json::object());
    EXPECT_EQ(result_of(station->call("ClearedChargingLimit", {{"chargingLimitSource", "EMS"}, {"evseId", 2}})),
              Json::object());
    const Json profiles{{"requestId", 5},
                        {"chargingLimitSource", "CSO"},
                        {"evseId", 1},
                        {"chargingProfile", Json::array({{{"id", 7},
                                                          {"stackLevel", 0},
                                                          {"chargingProfilePurpose", "TxDefaultProfile"},
                                                          {"chargingProfileKind", "Absolute"},
                                                          {"chargingSchedule", Json::array({schedule(3700)})}}})}};
    EXPECT_EQ(result_of(station->call("ReportChargingProfiles", profiles)), Json::object());

    const auto schedules = get_json("/api/v1/chargers/CS-K2/ev-charging-schedules")["items"];
    ASSERT_EQ(schedules.size(), 1u) << schedules.dump();
    EXPECT_EQ(schedules[0]["action"], "NotifyEVChargingSchedule");
    EXPECT_EQ(schedules[0]["evseId"], 1);
    EXPECT_EQ(schedules[0]["details"]["chargingSchedule"]["chargingSchedulePeriod"][0]["limit"], 7400.0);
    EXPECT_FALSE(schedules[0]["id"].get<std::string>().empty());

    const auto limits = get_json("/api/v1/chargers/CS-K2/charging-limits")["items"];
    ASSERT_EQ(limits.size(), 2u) << limits.dump();
    std::set<std::string> actions;
    for (const auto &item : limits)
        actions.insert(item["action"].get<std::string>());
    EXPECT_EQ(actions, (std::set<std::string>{"NotifyChargingLimit", "ClearedChargingLimit"}));
    for (const auto &item : limits) {
        if (item["action"] == "NotifyChargingLimit") {
            EXPECT_EQ(item["evseId"], 0) << "no evseId: the whole station";
            EXPECT_EQ(item["details"]["chargingLimit"]["isGridCritical"], true);
        } else {
            EXPECT_EQ(item["evseId"], 2);
            EXPECT_EQ(item["details"], (Json{{"chargingLimitSource", "EMS"}, {"evseId", 2}}));
        }
    }

    const auto reported = get_json("/api/v1/chargers/CS-K2/reported-charging-profiles")["items"];
    ASSERT_EQ(reported.size(), 1u) << reported.dump();
    EXPECT_EQ(reported[0]["action"], "ReportChargingProfiles");
    EXPECT_EQ(reported[0]["details"]["requestId"], 5);
    EXPECT_EQ(reported[0]["details"]["chargingProfile"][0]["id"], 7);
    EXPECT_EQ(get_json("/api/v1/chargers/CS-K2/ev-charging-needs")["items"], Json::array());
}

TEST_F(Ocpp201SmartCharging, SmartChargingRoutesRefuseUnknownChargersAndBadLimits) {
    auto station = boot201("CS-K3");
    for (const char *route :
         {"ev-charging-needs", "ev-charging-schedules", "charging-limits", "reported-charging-profiles"}) {
        SCOPED_TRACE(route);
        const auto missing = get(std::string("/api/v1/chargers/NOPE/") + route);
        EXPECT_EQ(missing.status, 404) << missing.body;
        EXPECT_EQ(api_error(missing).value("code", ""), "charger_not_found");
        EXPECT_EQ(anonymous("GET", std::string("/api/v1/chargers/CS-K3/") + route).status, 401);
        const auto bad = get(std::string("/api/v1/chargers/CS-K3/") + route + "?limit=1001");
        EXPECT_EQ(bad.status, 422) << bad.body;
        EXPECT_EQ(api_error(bad).value("code", ""), "invalid_parameter");
        EXPECT_EQ(api_error(bad).value("field", ""), "limit");
        const auto unknown = get(std::string("/api/v1/chargers/CS-K3/") + route + "?evseId=1");
        EXPECT_EQ(unknown.status, 422) << unknown.body;
        EXPECT_EQ(api_error(unknown).value("code", ""), "unknown_parameter");
        EXPECT_EQ(get_json(std::string("/api/v1/chargers/CS-K3/") + route)["items"], Json::array());
    }
}

} // namespace
