// Payload validation against the OCPP 2.0.1 JSON schemas, and the OCPP 2.0.1 Part 4 §4.3 error code each
// violation maps to.
#include "schema_expectations.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace manage::ocpp;

namespace {

const manage::testing::SchemaExpectations schema{Version::v201};

// E01-E04 style TransactionEvent with every nesting level the tests below poke at.
Json transaction_event() {
    return Json::parse(R"({
        "eventType": "Updated",
        "timestamp": "2024-05-01T10:30:00.000Z",
        "triggerReason": "MeterValuePeriodic",
        "seqNo": 3,
        "offline": false,
        "transactionInfo": {"transactionId": "f9c4f3d2-1b1e-4a0a-9d43-6b0e9d1a7c11", "chargingState": "Charging"},
        "evse": {"id": 1, "connectorId": 1},
        "idToken": {"idToken": "04A2B3C4D5E6F7", "type": "ISO14443"},
        "meterValue": [{
            "timestamp": "2024-05-01T10:30:00.000Z",
            "sampledValue": [
                {"value": 12345.6, "context": "Sample.Periodic", "measurand": "Energy.Active.Import.Register",
                 "unitOfMeasure": {"unit": "Wh", "multiplier": 0}},
                {"value": 230.1, "measurand": "Voltage", "phase": "L1-N", "location": "Outlet"}
            ]
        }]
    })");
}

std::optional<Violation> check_event(const Json &payload) {
    return validate(Version::v201, "TransactionEvent", Direction::Request, payload);
}

void expect_event_violation(const Json &payload, RpcError error, const std::string &path) {
    const auto violation = check_event(payload);
    ASSERT_TRUE(violation) << payload.dump();
    EXPECT_EQ(violation->error, error) << violation->description;
    EXPECT_EQ(violation->path, path) << violation->description;
}

} // namespace

TEST(ValidationV201, KnowsAll64Actions) {
    const auto &actions = known_actions(Version::v201);
    EXPECT_EQ(actions.size(), 64u);
    EXPECT_TRUE(std::is_sorted(actions.begin(), actions.end()));
    for (const char *action : {"Authorize",
                               "BootNotification",
                               "CancelReservation",
                               "CertificateSigned",
                               "ChangeAvailability",
                               "ClearCache",
                               "ClearChargingProfile",
                               "ClearDisplayMessage",
                               "ClearVariableMonitoring",
                               "ClearedChargingLimit",
                               "CostUpdated",
                               "CustomerInformation",
                               "DataTransfer",
                               "DeleteCertificate",
                               "FirmwareStatusNotification",
                               "Get15118EVCertificate",
                               "GetBaseReport",
                               "GetCertificateStatus",
                               "GetChargingProfiles",
                               "GetCompositeSchedule",
                               "GetDisplayMessages",
                               "GetInstalledCertificateIds",
                               "GetLocalListVersion",
                               "GetLog",
                               "GetMonitoringReport",
                               "GetReport",
                               "GetTransactionStatus",
                               "GetVariables",
                               "Heartbeat",
                               "InstallCertificate",
                               "LogStatusNotification",
                               "MeterValues",
                               "NotifyChargingLimit",
                               "NotifyCustomerInformation",
                               "NotifyDisplayMessages",
                               "NotifyEVChargingNeeds",
                               "NotifyEVChargingSchedule",
                               "NotifyEvent",
                               "NotifyMonitoringReport",
                               "NotifyReport",
                               "PublishFirmware",
                               "PublishFirmwareStatusNotification",
                               "ReportChargingProfiles",
                               "RequestStartTransaction",
                               "RequestStopTransaction",
                               "ReservationStatusUpdate",
                               "ReserveNow",
                               "Reset",
                               "SecurityEventNotification",
                               "SendLocalList",
                               "SetChargingProfile",
                               "SetDisplayMessage",
                               "SetMonitoringBase",
                               "SetMonitoringLevel",
                               "SetNetworkProfile",
                               "SetVariableMonitoring",
                               "SetVariables",
                               "SignCertificate",
                               "StatusNotification",
                               "TransactionEvent",
                               "TriggerMessage",
                               "UnlockConnector",
                               "UnpublishFirmware",
                               "UpdateFirmware"}) {
        EXPECT_TRUE(is_known_action(Version::v201, action)) << action;
        EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
    }
    EXPECT_FALSE(is_known_action(Version::v201, "StartTransaction")); // 1.6 only
    EXPECT_FALSE(is_known_action(Version::v201, "RemoteStartTransaction"));
}

TEST(ValidationV201, ValidMessagesFromTheSpecificationPass) {
    schema.expect_valid("BootNotification", R"({"reason":"PowerUp","chargingStation":{"model":"SingleSocketCharger",
        "vendorName":"VendorX","modem":{"iccid":"8931","imsi":"2040"}}})");
    schema.expect_valid("BootNotification", R"({"currentTime":"2024-05-01T10:00:00Z","interval":300,"status":"Accepted",
        "statusInfo":{"reasonCode":"OK"}})",
                        Direction::Response);
    schema.expect_valid("Heartbeat", "{}");
    schema.expect_valid(
        "StatusNotification",
        R"({"timestamp":"2024-05-01T10:00:00Z","connectorStatus":"Occupied","evseId":1,"connectorId":1})");
    schema.expect_valid("TransactionEvent", transaction_event().dump());
    schema.expect_valid("TransactionEvent",
                        R"({"totalCost":12.5,"chargingPriority":0,"idTokenInfo":{"status":"Accepted"}})",
                        Direction::Response);
    schema.expect_valid("SetVariables",
                        R"({"setVariableData":[{"attributeValue":"60","component":{"name":"OCPPCommCtrlr"},
        "variable":{"name":"HeartbeatInterval"}}]})");
    schema.expect_valid("DataTransfer",
                        R"({"vendorId":"com.acme","messageId":"m","data":{"anything":[1,"two",null]}})");
    schema.expect_valid("DataTransfer", R"({"status":"Accepted","data":"text"})", Direction::Response);
    schema.expect_valid("NotifyEVChargingNeeds", R"({"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"DC",
        "dcChargingParameters":{"evMaxCurrent":200,"evMaxVoltage":800,"stateOfCharge":100}}})");
}

TEST(ValidationV201, PayloadThatIsNotAnObjectIsAFormatViolation) {
    schema.expect_violation("TransactionEvent", "[]", RpcError::FormationViolation, "");
    schema.expect_violation("Heartbeat", "\"{}\"", RpcError::FormationViolation, "");
    EXPECT_EQ(error_code_name(RpcError::FormationViolation, Version::v201), "FormatViolation");
}

TEST(ValidationV201, UnknownPropertyIsAFormatViolation) {
    auto payload = transaction_event();
    payload["transactionInfo"]["chargingSpeed"] = "fast";
    expect_event_violation(payload, RpcError::FormationViolation, "/transactionInfo/chargingSpeed");
    payload = transaction_event();
    payload["meterValue"][0]["sampledValue"][1]["unitOfMeasure"] = Json::parse(R"({"unit":"V","scale":1})");
    expect_event_violation(payload, RpcError::FormationViolation, "/meterValue/0/sampledValue/1/unitOfMeasure/scale");
}

TEST(ValidationV201, CustomDataAcceptsVendorProperties) {
    auto payload = transaction_event();
    payload["customData"] = Json::parse(R"({"vendorId":"com.acme","fleetId":17,"nested":{"a":[1]}})");
    EXPECT_FALSE(check_event(payload));
    payload["customData"].erase("vendorId");
    expect_event_violation(payload, RpcError::OccurrenceConstraintViolation, "/customData");
}

TEST(ValidationV201, WrongJsonTypeIsATypeConstraintViolation) {
    auto payload = transaction_event();
    payload["seqNo"] = "3";
    expect_event_violation(payload, RpcError::TypeConstraintViolation, "/seqNo");
    payload = transaction_event();
    payload["seqNo"] = 3.5;
    expect_event_violation(payload, RpcError::TypeConstraintViolation, "/seqNo");
    payload = transaction_event();
    payload["offline"] = 0;
    expect_event_violation(payload, RpcError::TypeConstraintViolation, "/offline");
    payload = transaction_event();
    payload["meterValue"][0]["sampledValue"][0]["value"] = "12345.6";
    expect_event_violation(payload, RpcError::TypeConstraintViolation, "/meterValue/0/sampledValue/0/value");
    payload = transaction_event();
    payload["evse"] = Json::array({1});
    expect_event_violation(payload, RpcError::TypeConstraintViolation, "/evse"); // only the payload itself is Formation
    EXPECT_EQ(error_code_name(RpcError::TypeConstraintViolation, Version::v201), "TypeConstraintViolation");
}

TEST(ValidationV201, MissingRequiredOrTooFewOrTooManyItemsIsAnOccurrenceConstraintViolation) {
    auto payload = transaction_event();
    payload.erase("triggerReason");
    const auto violation = check_event(payload);
    ASSERT_TRUE(violation);
    EXPECT_EQ(violation->error, RpcError::OccurrenceConstraintViolation);
    EXPECT_EQ(violation->path, "");
    EXPECT_NE(violation->description.find("'triggerReason'"), std::string::npos);

    payload = transaction_event();
    payload["transactionInfo"].erase("transactionId");
    expect_event_violation(payload, RpcError::OccurrenceConstraintViolation, "/transactionInfo");

    payload = transaction_event();
    payload["meterValue"] = Json::array(); // minItems 1
    expect_event_violation(payload, RpcError::OccurrenceConstraintViolation, "/meterValue");
    payload = transaction_event();
    payload["meterValue"][0]["sampledValue"] = Json::array(); // minItems 1
    expect_event_violation(payload, RpcError::OccurrenceConstraintViolation, "/meterValue/0/sampledValue");

    const std::string hash = R"({"hashAlgorithm":"SHA256","issuerNameHash":"a","issuerKeyHash":"b","serialNumber":"c",
        "responderURL":"http://ocsp.example.com"})";
    const std::string four = hash + "," + hash + "," + hash + "," + hash;
    schema.expect_valid("Authorize",
                        R"({"idToken":{"idToken":"A","type":"Central"},"iso15118CertificateHashData":[)" + four + "]}");
    schema.expect_violation("Authorize",
                            R"({"idToken":{"idToken":"A","type":"Central"},"iso15118CertificateHashData":[)" + four +
                                "," + hash + "]}",
                            RpcError::OccurrenceConstraintViolation, "/iso15118CertificateHashData"); // maxItems 4
    EXPECT_EQ(error_code_name(RpcError::OccurrenceConstraintViolation, Version::v201), "OccurrenceConstraintViolation");
}

TEST(ValidationV201, ValueOutsideItsConstraintsIsAPropertyConstraintViolation) {
    auto payload = transaction_event();
    payload["eventType"] = "Begun";
    expect_event_violation(payload, RpcError::PropertyConstraintViolation, "/eventType");
    payload = transaction_event();
    payload["meterValue"][0]["sampledValue"][1]["phase"] = "L1-L4";
    expect_event_violation(payload, RpcError::PropertyConstraintViolation, "/meterValue/0/sampledValue/1/phase");
    payload = transaction_event();
    payload["transactionInfo"]["transactionId"] = std::string(37, 'x'); // maxLength 36
    expect_event_violation(payload, RpcError::PropertyConstraintViolation, "/transactionInfo/transactionId");
    payload = transaction_event();
    payload["timestamp"] = "2024-05-01T10:30:00"; // no zone
    expect_event_violation(payload, RpcError::PropertyConstraintViolation, "/timestamp");
    payload = transaction_event();
    payload["meterValue"][0]["timestamp"] = "2024-02-30T10:30:00Z";
    expect_event_violation(payload, RpcError::PropertyConstraintViolation, "/meterValue/0/timestamp");

    // minimum and maximum (stateOfCharge is 0..100)
    schema.expect_violation("NotifyEVChargingNeeds", R"({"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"DC",
        "dcChargingParameters":{"evMaxCurrent":200,"evMaxVoltage":800,"stateOfCharge":101}}})",
                            RpcError::PropertyConstraintViolation, "/chargingNeeds/dcChargingParameters/stateOfCharge");
    schema.expect_violation("NotifyEVChargingNeeds", R"({"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"DC",
        "dcChargingParameters":{"evMaxCurrent":200,"evMaxVoltage":800,"stateOfCharge":-1}}})",
                            RpcError::PropertyConstraintViolation, "/chargingNeeds/dcChargingParameters/stateOfCharge");
    EXPECT_EQ(error_code_name(RpcError::PropertyConstraintViolation, Version::v201), "PropertyConstraintViolation");
}

TEST(ValidationV201, ResponsesAreValidatedToo) {
    schema.expect_violation("BootNotification",
                            R"({"currentTime":"2024-05-01T10:00:00Z","interval":"300","status":"Accepted"})",
                            RpcError::TypeConstraintViolation, "/interval", Direction::Response);
    schema.expect_violation("BootNotification",
                            R"({"currentTime":"2024-05-01T10:00:00Z","interval":300,"status":"OK"})",
                            RpcError::PropertyConstraintViolation, "/status", Direction::Response);
    schema.expect_violation("BootNotification", R"({"currentTime":"2024-05-01T10:00:00Z","status":"Accepted"})",
                            RpcError::OccurrenceConstraintViolation, "", Direction::Response);
}

TEST(ValidationV201, JsonPointerEscapesSpecialCharacters) {
    schema.expect_violation("Heartbeat", R"({"a/b~c":1})", RpcError::FormationViolation, "/a~1b~0c");
}
