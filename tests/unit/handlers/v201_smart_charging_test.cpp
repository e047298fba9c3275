// OCPP 2.0.1 functional block K, Smart charging, the station → CSMS messages: K15–K17
// NotifyEVChargingNeeds and NotifyEVChargingSchedule, K12 NotifyChargingLimit, K13 ClearedChargingLimit,
// K09 ReportChargingProfiles.
#include "dispatcher_fixture.hpp"
#include "v16_samples.hpp"

#include <nlohmann/json.hpp>

namespace manage::connect::testing {
namespace {

using Json = ocpp::Json;
constexpr auto kV201 = ocpp::Version::v201;

Json schedule() {
    return Json{{"id", 1},
                {"chargingRateUnit", "W"},
                {"chargingSchedulePeriod", Json::array({{{"startPeriod", 0}, {"limit", 11000.0}}})}};
}

// A valid request of each action tested here, for tests that start from one and break it.
Json k_request(const std::string &action) {
    if (action == "NotifyEVChargingNeeds")
        return Json{{"evseId", 1},
                    {"maxScheduleTuples", 3},
                    {"chargingNeeds",
                     {{"requestedEnergyTransfer", "AC_three_phase"},
                      {"departureTime", "2026-11-27T18:00:00.000Z"},
                      {"acChargingParameters",
                       {{"energyAmount", 20000}, {"evMinCurrent", 6}, {"evMaxCurrent", 32}, {"evMaxVoltage", 400}}}}}};
    if (action == "NotifyEVChargingSchedule")
        return Json{{"timeBase", "2026-11-27T08:00:00.000Z"}, {"evseId", 1}, {"chargingSchedule", schedule()}};
    if (action == "NotifyChargingLimit")
        return Json{{"chargingLimit", {{"chargingLimitSource", "EMS"}, {"isGridCritical", true}}},
                    {"evseId", 2},
                    {"chargingSchedule", Json::array({schedule()})}};
    if (action == "ClearedChargingLimit")
        return Json{{"chargingLimitSource", "EMS"}, {"evseId", 2}};
    if (action == "ReportChargingProfiles")
        return Json{{"requestId", 5},
                    {"chargingLimitSource", "CSO"},
                    {"evseId", 0},
                    {"tbc", false},
                    {"chargingProfile", Json::array({{{"id", 7},
                                                      {"stackLevel", 0},
                                                      {"chargingProfilePurpose", "TxDefaultProfile"},
                                                      {"chargingProfileKind", "Absolute"},
                                                      {"chargingSchedule", Json::array({schedule()})}}})}};
    return Json();
}

TEST_F(DispatcherTest, K15_NotifyEVChargingNeedsIsKeptForThePlannerAndAccepted) {
    auto request = k_request("NotifyEVChargingNeeds");
    EXPECT_EQ(result(kV201, "NotifyEVChargingNeeds", with(request, "/customData", {{"vendorId", "acme"}})),
              (Json{{"status", "Accepted"}}));
    const auto &report = core_.last_smart_charging_report;
    EXPECT_EQ(report.action, "NotifyEVChargingNeeds");
    EXPECT_EQ(report.evse_id, 1);
    EXPECT_EQ(Json::parse(report.details), request); // customData left out
}

TEST_F(DispatcherTest, K17_NotifyEVChargingNeedsCarriesDcParameters) {
    const Json request{{"evseId", 3},
                       {"chargingNeeds",
                        {{"requestedEnergyTransfer", "DC"},
                         {"dcChargingParameters",
                          {{"evMaxCurrent", 200},
                           {"evMaxVoltage", 800},
                           {"energyAmount", 50000},
                           {"evMaxPower", 150000},
                           {"stateOfCharge", 20},
                           {"evEnergyCapacity", 77000},
                           {"fullSoC", 100},
                           {"bulkSoC", 80}}}}}};
    EXPECT_EQ(result(kV201, "NotifyEVChargingNeeds", request), (Json{{"status", "Accepted"}}));
    EXPECT_EQ(core_.last_smart_charging_report.evse_id, 3);
    EXPECT_EQ(Json::parse(core_.last_smart_charging_report.details), request);
}

TEST_F(DispatcherTest, K15_NotifyEVChargingScheduleIsRecordedAndAccepted) {
    const auto request = k_request("NotifyEVChargingSchedule");
    EXPECT_EQ(result(kV201, "NotifyEVChargingSchedule", request), (Json{{"status", "Accepted"}}));
    EXPECT_EQ(core_.last_smart_charging_report.action, "NotifyEVChargingSchedule");
    EXPECT_EQ(core_.last_smart_charging_report.evse_id, 1);
    EXPECT_EQ(Json::parse(core_.last_smart_charging_report.details), request);
}

TEST_F(DispatcherTest, K12_NotifyChargingLimitReachesCore) {
    const auto request = k_request("NotifyChargingLimit");
    EXPECT_EQ(result(kV201, "NotifyChargingLimit", request), Json::object());
    EXPECT_EQ(core_.last_smart_charging_report.action, "NotifyChargingLimit");
    EXPECT_EQ(core_.last_smart_charging_report.evse_id, 2);
    EXPECT_EQ(Json::parse(core_.last_smart_charging_report.details), request);
    // Without evseId the limit is on the whole station.
    result(kV201, "NotifyChargingLimit", without(request, "/evseId"));
    EXPECT_EQ(core_.last_smart_charging_report.evse_id, 0);
}

TEST_F(DispatcherTest, K13_ClearedChargingLimitReachesCore) {
    EXPECT_EQ(result(kV201, "ClearedChargingLimit", k_request("ClearedChargingLimit")), Json::object());
    EXPECT_EQ(core_.last_smart_charging_report.action, "ClearedChargingLimit");
    EXPECT_EQ(core_.last_smart_charging_report.evse_id, 2);
    result(kV201, "ClearedChargingLimit", {{"chargingLimitSource", "SO"}});
    EXPECT_EQ(core_.last_smart_charging_report.evse_id, 0);
    EXPECT_EQ(Json::parse(core_.last_smart_charging_report.details), (Json{{"chargingLimitSource", "SO"}}));
}

TEST_F(DispatcherTest, K09_ReportChargingProfilesReachesCore) {
    const auto request = k_request("ReportChargingProfiles");
    EXPECT_EQ(result(kV201, "ReportChargingProfiles", request), Json::object());
    EXPECT_EQ(core_.last_smart_charging_report.action, "ReportChargingProfiles");
    EXPECT_EQ(core_.last_smart_charging_report.evse_id, 0);
    EXPECT_EQ(Json::parse(core_.last_smart_charging_report.details), request);
}

TEST_F(DispatcherTest, K15_MalformedNotifyEVChargingNeedsIsRefusedWith201Codes) {
    const auto needs = k_request("NotifyEVChargingNeeds");
    expect_refused(
        kV201, "NotifyEVChargingNeeds",
        {
            {"chargingNeeds missing", without(needs, "/chargingNeeds"), "OccurrenceConstraintViolation", ""},
            {"evseId 0: an EV is on an EVSE", with(needs, "/evseId", 0), "PropertyConstraintViolation", "/evseId"},
            {"evseId negative", with(needs, "/evseId", -1), "PropertyConstraintViolation", "/evseId"},
            {"evseId a string", with(needs, "/evseId", "1"), "TypeConstraintViolation", "/evseId"},
            {"requestedEnergyTransfer outside EnergyTransferModeEnumType",
             with(needs, "/chargingNeeds/requestedEnergyTransfer", "AC_four_phase"), "PropertyConstraintViolation",
             "/chargingNeeds/requestedEnergyTransfer"},
            {"departureTime not a date-time", with(needs, "/chargingNeeds/departureTime", "tonight"),
             "PropertyConstraintViolation", "/chargingNeeds/departureTime"},
            {"evMaxCurrent missing from AC parameters",
             without(needs, "/chargingNeeds/acChargingParameters/evMaxCurrent"), "OccurrenceConstraintViolation",
             "/chargingNeeds/acChargingParameters"},
        });
}

TEST_F(DispatcherTest, K15_MalformedNotifyEVChargingScheduleIsRefusedWith201Codes) {
    const auto request = k_request("NotifyEVChargingSchedule");
    expect_refused(
        kV201, "NotifyEVChargingSchedule",
        {
            {"timeBase missing", without(request, "/timeBase"), "OccurrenceConstraintViolation", ""},
            {"timeBase not a date-time", with(request, "/timeBase", "now"), "PropertyConstraintViolation", "/timeBase"},
            {"evseId 0", with(request, "/evseId", 0), "PropertyConstraintViolation", "/evseId"},
            {"chargingSchedule missing", without(request, "/chargingSchedule"), "OccurrenceConstraintViolation", ""},
        });
}

TEST_F(DispatcherTest, K12_K13_MalformedChargingLimitsAreRefusedWith201Codes) {
    const auto limit = k_request("NotifyChargingLimit");
    expect_refused(kV201, "NotifyChargingLimit",
                   {
                       {"chargingLimit missing", without(limit, "/chargingLimit"), "OccurrenceConstraintViolation", ""},
                       {"chargingLimitSource outside the enum", with(limit, "/chargingLimit/chargingLimitSource", "X"),
                        "PropertyConstraintViolation", "/chargingLimit/chargingLimitSource"},
                       {"evseId negative", with(limit, "/evseId", -1), "PropertyConstraintViolation", "/evseId"},
                   });
    const auto cleared = k_request("ClearedChargingLimit");
    expect_refused(kV201, "ClearedChargingLimit",
                   {
                       {"chargingLimitSource missing", without(cleared, "/chargingLimitSource"),
                        "OccurrenceConstraintViolation", ""},
                       {"evseId negative", with(cleared, "/evseId", -3), "PropertyConstraintViolation", "/evseId"},
                   });
}

TEST_F(DispatcherTest, K09_MalformedReportChargingProfilesIsRefusedWith201Codes) {
    const auto report = k_request("ReportChargingProfiles");
    expect_refused(
        kV201, "ReportChargingProfiles",
        {
            {"requestId missing", without(report, "/requestId"), "OccurrenceConstraintViolation", ""},
            {"chargingProfile missing", without(report, "/chargingProfile"), "OccurrenceConstraintViolation", ""},
            {"evseId negative", with(report, "/evseId", -1), "PropertyConstraintViolation", "/evseId"},
            {"chargingProfilePurpose outside the enum", with(report, "/chargingProfile/0/chargingProfilePurpose", "X"),
             "PropertyConstraintViolation", "/chargingProfile/0/chargingProfilePurpose"},
        });
}

} // namespace
} // namespace manage::connect::testing
