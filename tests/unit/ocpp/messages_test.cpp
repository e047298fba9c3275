// The generated message types: to_json and parse round trips, names, enums with protocol spellings.
#include "manage/ocpp/message.hpp"
#include "manage/ocpp/rpc.hpp"
#include "manage/ocpp/v16/messages.hpp"
#include "manage/ocpp/v201/messages.hpp"

#include <gtest/gtest.h>

using namespace manage;
using namespace manage::ocpp;
using namespace std::chrono;

namespace {

template <class T> T parsed(const Json &json) {
    auto result = parse<T>(json);
    if (auto *violation = std::get_if<Violation>(&result)) {
        ADD_FAILURE() << violation->path << ": " << violation->description;
        return T{};
    }
    return std::get<T>(std::move(result));
}

template <class T> void expect_round_trip(const Json &json) {
    const T value = parsed<T>(json);
    const Json back = value;
    EXPECT_EQ(back, json);
    EXPECT_EQ(parsed<T>(back), value);
}

const DateTime::TimePoint kNoon = sys_days{2024y / May / 1} + 12h;

} // namespace

TEST(MessagesV16, BootNotificationRoundTrips) {
    expect_round_trip<v16::BootNotificationRequest>(Json::parse(
        R"({"chargePointVendor":"VendorX","chargePointModel":"SingleSocketCharger","firmwareVersion":"1.2.3"})"));
    expect_round_trip<v16::BootNotificationResponse>(
        Json::parse(R"({"status":"Pending","currentTime":"2013-02-01T20:53:32.486Z","interval":300})"));
}

TEST(MessagesV16, MeterValuesRoundTripsWithSanitisedEnumerators) {
    const auto json =
        Json::parse(R"({"connectorId":2,"transactionId":7,"meterValue":[{"timestamp":"2024-05-01T12:00:00.000Z",
        "sampledValue":[{"value":"750","context":"Sample.Periodic","measurand":"Energy.Active.Import.Register",
        "phase":"L1-N","unit":"kWh"},{"value":"3","vendor":{"x":1}}]}]})");
    expect_round_trip<v16::MeterValuesRequest>(json);

    const auto request = parsed<v16::MeterValuesRequest>(json);
    EXPECT_EQ(request.connector_id, 2);
    EXPECT_EQ(request.transaction_id, 7);
    ASSERT_EQ(request.meter_value.size(), 1u);
    EXPECT_EQ(request.meter_value[0].timestamp, DateTime(kNoon));
    const auto &sample = request.meter_value[0].sampled_value[0];
    EXPECT_EQ(sample.measurand, v16::Measurand::Energy_Active_Import_Register);
    EXPECT_EQ(sample.context, v16::Context::Sample_Periodic);
    EXPECT_EQ(sample.phase, v16::Phase::L1_N);
    EXPECT_EQ(sample.unit, v16::Unit::kWh);
    EXPECT_EQ(sample.location, std::nullopt);
    // Unknown members of open objects are kept as JSON text.
    EXPECT_EQ(request.meter_value[0].sampled_value[1].extra.at("vendor"), R"({"x":1})");
}

TEST(MessagesV16, BuildingAMessageInCodeGivesTheProtocolJson) {
    v16::StatusNotificationRequest status{.connector_id = 1,
                                          .error_code = v16::ErrorCode::NoError,
                                          .status = v16::StatusNotificationRequestStatus::SuspendedEVSE,
                                          .timestamp = DateTime(kNoon)};
    const Json json = status;
    EXPECT_EQ(json, Json::parse(R"({"connectorId":1,"errorCode":"NoError","status":"SuspendedEVSE",
        "timestamp":"2024-05-01T12:00:00.000Z"})"));
    EXPECT_EQ(v16::StatusNotificationRequest::kAction, "StatusNotification");
    EXPECT_EQ(v16::StatusNotificationResponse::kAction, "StatusNotification");
}

TEST(MessagesV16, SharedSchemasAreOneType) {
    // RemoteStartTransaction.chargingProfile and SetChargingProfile.csChargingProfiles are one schema.
    static_assert(std::is_same_v<v16::CsChargingProfiles, v16::ChargingProfile>);
    static_assert(std::is_same_v<decltype(v16::SetChargingProfileRequest::cs_charging_profiles), v16::ChargingProfile>);
    static_assert(std::is_same_v<decltype(v16::RemoteStartTransactionRequest::charging_profile),
                                 std::optional<v16::ChargingProfile>>);
    // StopTransaction.transactionData and MeterValues.meterValue too.
    static_assert(std::is_same_v<v16::TransactionData, v16::MeterValue>);
    // "status" is a different enumeration in each message: each gets its holder's name.
    static_assert(!std::is_same_v<v16::BootNotificationResponseStatus, v16::IdTagInfoStatus>);
    static_assert(std::is_same_v<decltype(v16::AuthorizeResponse::id_tag_info), v16::IdTagInfo>);
}

TEST(MessagesV16, SetChargingProfileRoundTrips) {
    expect_round_trip<v16::SetChargingProfileRequest>(Json::parse(R"({"connectorId":1,"csChargingProfiles":{
        "chargingProfileId":4,"stackLevel":1,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Absolute",
        "transactionId":7,"chargingSchedule":{"duration":3600,"startSchedule":"2024-05-01T12:00:00.000Z",
        "chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":11000.0,"numberPhases":3},
        {"startPeriod":1800,"limit":7400.5}]}}})"));
}

TEST(MessagesV16, ParseReportsTheViolation) {
    auto result = parse<v16::AuthorizeRequest>(Json::parse(R"({"idTag":"123456789012345678901"})"));
    const auto *violation = std::get_if<Violation>(&result);
    ASSERT_NE(violation, nullptr);
    EXPECT_EQ(violation->error, RpcError::PropertyConstraintViolation);
    EXPECT_EQ(violation->path, "/idTag");
    EXPECT_FALSE(check<v16::AuthorizeRequest>(Json::parse(R"({"idTag":"12345678901234567890"})")));
}

TEST(MessagesV201, TransactionEventRoundTrips) {
    const auto json = Json::parse(R"({
        "eventType":"Started","timestamp":"2024-05-01T12:00:00.000Z","triggerReason":"CablePluggedIn","seqNo":0,
        "transactionInfo":{"transactionId":"f9c4f3d2-1b1e-4a0a-9d43-6b0e9d1a7c11","chargingState":"EVConnected"},
        "evse":{"id":1,"connectorId":1},"idToken":{"idToken":"04A2B3C4","type":"ISO14443",
        "additionalInfo":[{"additionalIdToken":"X","type":"Contract"}]},
        "customData":{"vendorId":"com.acme","fleet":{"id":17}},
        "meterValue":[{"timestamp":"2024-05-01T12:00:00.000Z","sampledValue":[{"value":0.0,
        "measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"kWh","multiplier":3}}]}]})");
    expect_round_trip<v201::TransactionEventRequest>(json);
    const auto event = parsed<v201::TransactionEventRequest>(json);
    EXPECT_EQ(event.event_type, v201::TransactionEventEnumType::Started);
    EXPECT_EQ(event.trigger_reason, v201::TriggerReasonEnumType::CablePluggedIn);
    EXPECT_EQ(event.transaction_info.transaction_id, "f9c4f3d2-1b1e-4a0a-9d43-6b0e9d1a7c11");
    ASSERT_TRUE(event.custom_data);
    EXPECT_EQ(event.custom_data->vendor_id, "com.acme");
    EXPECT_EQ(event.custom_data->extra.at("fleet"), R"({"id":17})");
    ASSERT_TRUE(event.meter_value);
    EXPECT_EQ((*event.meter_value)[0].sampled_value[0].measurand,
              v201::MeasurandEnumType::Energy_Active_Import_Register);

    expect_round_trip<v201::TransactionEventResponse>(
        Json::parse(R"({"totalCost":1.25,"idTokenInfo":{"status":"Accepted","chargingPriority":-9}})"));
}

TEST(MessagesV201, BootNotificationRoundTrips) {
    expect_round_trip<v201::BootNotificationRequest>(Json::parse(
        R"({"reason":"PowerUp","chargingStation":{"model":"M1","vendorName":"VendorX","modem":{"iccid":"8931"}}})"));
    expect_round_trip<v201::BootNotificationResponse>(
        Json::parse(R"({"currentTime":"2024-05-01T12:00:00.000Z","interval":300,"status":"Accepted"})"));
}

TEST(MessagesV201, DataTransferCarriesAnyJson) {
    expect_round_trip<v201::DataTransferRequest>(
        Json::parse(R"({"vendorId":"com.acme","data":{"list":[1,"two",null,true],"n":1.5}})"));
    expect_round_trip<v201::DataTransferRequest>(Json::parse(R"({"vendorId":"com.acme","data":"plain"})"));
    const auto request = parsed<v201::DataTransferRequest>(Json::parse(R"({"vendorId":"v","data":[1,2]})"));
    ASSERT_TRUE(request.data);
    EXPECT_EQ(request.data->text, "[1,2]");
}

TEST(MessagesV201, SetVariablesRoundTrips) {
    expect_round_trip<v201::SetVariablesRequest>(Json::parse(R"({"setVariableData":[{"attributeType":"Actual",
        "attributeValue":"60","component":{"name":"OCPPCommCtrlr","evse":{"id":1}},"variable":{"name":"HeartbeatInterval"}}]})"));
}

TEST(Enums, ConvertToAndFromTheProtocolSpelling) {
    EXPECT_EQ(to_string(v16::Measurand::Energy_Active_Import_Register), "Energy.Active.Import.Register");
    EXPECT_EQ(to_string(v16::Phase::L3_L1), "L3-L1");
    EXPECT_EQ(to_string(v201::ConnectorEnumType::s309_1P_16A), "s309-1P-16A");
    EXPECT_EQ(to_string(v201::ConnectorEnumType::sCEE_7_7), "sCEE-7-7");
    EXPECT_EQ(enum_from_string<v16::Measurand>("Power.Active.Import"), v16::Measurand::Power_Active_Import);
    EXPECT_EQ(enum_from_string<v16::Measurand>("Power_Active_Import"), std::nullopt);
    EXPECT_EQ(enum_from_string<v201::IdTokenEnumType>("eMAID"), v201::IdTokenEnumType::eMAID);
    EXPECT_EQ(enum_from_string<v201::IdTokenEnumType>("emaid"), std::nullopt);
    // Both spellings of 1.6's Celsius are kept apart.
    EXPECT_NE(enum_from_string<v16::Unit>("Celcius"), enum_from_string<v16::Unit>("Celsius"));
}
