// OCPP 1.6 Core profile: BootNotification (§4.2), Heartbeat (§4.6), StatusNotification (§4.9).
#include "dispatcher_fixture.hpp"
#include "v16_samples.hpp"

namespace manage::connect::testing {
namespace {

using Json = ocpp::Json;

TEST_F(DispatcherTest, BootNotificationAnswersCoresRegistrationStatus) {
    const auto answer = result("BootNotification", {{"chargePointVendor", "ACME"},
                                                    {"chargePointModel", "Volt 22"},
                                                    {"chargeBoxSerialNumber", "BOX-1"},
                                                    {"firmwareVersion", "1.4.2"},
                                                    {"iccid", "8949"},
                                                    {"imsi", "2620"},
                                                    {"meterType", "EM340"},
                                                    {"meterSerialNumber", "M-9"}});
    EXPECT_EQ(answer, (Json{{"status", "Accepted"}, {"currentTime", "2026-11-26T10:00:00.000Z"}, {"interval", 120}}));
    EXPECT_TRUE(answer["interval"].is_number_integer()) << answer.dump(); // 120, not 120.0: 1.6's type is integer
    EXPECT_EQ(core_.last_boot.vendor, "ACME");
    EXPECT_EQ(core_.last_boot.model, "Volt 22");
    EXPECT_EQ(core_.last_boot.serial_number, "BOX-1"); // the deprecated field still counts
    EXPECT_EQ(core_.last_boot.charge_box_serial_number, "BOX-1");
    EXPECT_EQ(core_.last_boot.firmware_version, "1.4.2");
    EXPECT_EQ(core_.last_boot.iccid, "8949");
    EXPECT_EQ(core_.last_boot.imsi, "2620");
    EXPECT_EQ(core_.last_boot.meter_type, "EM340");
    EXPECT_EQ(core_.last_boot.meter_serial_number, "M-9");
    EXPECT_TRUE(core_.last_boot.reason.empty());
}

TEST_F(DispatcherTest, BootNotificationPrefersChargePointSerialNumber) {
    result("BootNotification", {{"chargePointVendor", "A"},
                                {"chargePointModel", "B"},
                                {"chargeBoxSerialNumber", "BOX"},
                                {"chargePointSerialNumber", "CP"}});
    EXPECT_EQ(core_.last_boot.serial_number, "CP");
    EXPECT_EQ(core_.last_boot.charge_box_serial_number, "BOX");
}

TEST_F(DispatcherTest, BootNotificationPendingAndRejectedAreTold) {
    core_.boot_status = BootStatus::Pending;
    EXPECT_EQ(result("BootNotification", v16_request("BootNotification"))["status"], "Pending");
    core_.boot_status = BootStatus::Rejected;
    EXPECT_EQ(result("BootNotification", v16_request("BootNotification"))["status"], "Rejected");
}

TEST_F(DispatcherTest, HeartbeatAnswersCoresTime) {
    EXPECT_EQ(result("Heartbeat", Json::object()), (Json{{"currentTime", "2026-11-26T10:00:00.000Z"}}));
    EXPECT_EQ(core_.calls.back(), "heartbeat DEPOT-NORTH-BAY-07-CHARGER-0001");
}

TEST_F(DispatcherTest, StatusNotificationOfAFaultedConnectorReachesCore) {
    const auto answer = result("StatusNotification", {{"connectorId", 2},
                                                      {"errorCode", "GroundFailure"},
                                                      {"status", "Faulted"},
                                                      {"info", "RCD"},
                                                      {"vendorId", "com.acme"},
                                                      {"vendorErrorCode", "E1"},
                                                      {"timestamp", "2026-11-26T09:59:00Z"}});
    EXPECT_EQ(answer, Json::object());
    // A 1.6 connector is a 2.0.1 EVSE with one connector.
    EXPECT_EQ(core_.last_status.evse_id, 2);
    EXPECT_EQ(core_.last_status.connector_id, 2);
    EXPECT_EQ(core_.last_status.status, "Faulted");
    EXPECT_EQ(core_.last_status.error_code, "GroundFailure");
    EXPECT_EQ(core_.last_status.info, "RCD");
    EXPECT_EQ(core_.last_status.vendor_id, "com.acme");
    EXPECT_EQ(core_.last_status.vendor_error_code, "E1");
    EXPECT_EQ(core_.last_status.timestamp, parse_time("2026-11-26T09:59:00Z"));
}

TEST_F(DispatcherTest, StatusNotificationOfTheWholeChargePointUsesConnectorZero) {
    result("StatusNotification", {{"connectorId", 0}, {"errorCode", "NoError"}, {"status", "Unavailable"}});
    EXPECT_EQ(core_.last_status.connector_id, 0);
    EXPECT_EQ(core_.last_status.status, "Unavailable");
    EXPECT_FALSE(core_.last_status.timestamp.has_value());
    EXPECT_TRUE(core_.last_status.info.empty());
}

TEST_F(DispatcherTest, MalformedBootNotificationIsRefused) {
    const auto boot = v16_request("BootNotification");
    expect_refused(
        "BootNotification",
        {
            {"payload not an object", Json::array({"ACME"}), "FormationViolation", ""},
            {"member the PDU does not have", with(boot, "/colour", "red"), "FormationViolation", "/colour"},
            {"chargePointVendor missing", without(boot, "/chargePointVendor"), "OccurenceConstraintViolation", ""},
            {"chargePointModel a number", with(boot, "/chargePointModel", 22), "TypeConstraintViolation",
             "/chargePointModel"},
            {"firmwareVersion over 255 characters", with(boot, "/firmwareVersion", std::string(256, 'x')),
             "PropertyConstraintViolation", "/firmwareVersion"},
        });
}

TEST_F(DispatcherTest, MalformedHeartbeatIsRefused) {
    expect_refused("Heartbeat", {
                                    {"payload not an object", Json("beat"), "FormationViolation", ""},
                                    {"any member at all", Json{{"currentTime", "2026-11-26T10:00:00Z"}},
                                     "FormationViolation", "/currentTime"},
                                });
}

TEST_F(DispatcherTest, MalformedStatusNotificationIsRefused) {
    const auto status = v16_request("StatusNotification");
    expect_refused(
        "StatusNotification",
        {
            {"negative connectorId", with(status, "/connectorId", -1), "PropertyConstraintViolation", "/connectorId"},
            {"status outside ChargePointStatus", with(status, "/status", "Broken"), "PropertyConstraintViolation",
             "/status"},
            {"errorCode outside ChargePointErrorCode", with(status, "/errorCode", "Smoke"),
             "PropertyConstraintViolation", "/errorCode"},
            {"errorCode missing", without(status, "/errorCode"), "OccurenceConstraintViolation", ""},
            {"connectorId a string", with(status, "/connectorId", "1"), "TypeConstraintViolation", "/connectorId"},
            {"connectorId a fraction", with(status, "/connectorId", 1.5), "TypeConstraintViolation", "/connectorId"},
            {"timestamp not a date-time", with(status, "/timestamp", "yesterday"), "PropertyConstraintViolation",
             "/timestamp"},
            {"info over 50 characters", with(status, "/info", std::string(51, 'i')), "PropertyConstraintViolation",
             "/info"},
        });
}

} // namespace
} // namespace manage::connect::testing
