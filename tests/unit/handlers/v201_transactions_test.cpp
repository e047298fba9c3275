// OCPP 2.0.1 C01 Authorize, E01–E15 TransactionEvent and J01 MeterValues: what reaches core and what
// the station is answered, and the malformed payloads each is refused with (2.0.1 error codes).
#include "dispatcher_fixture.hpp"
#include "v16_samples.hpp"

#include <cmath>

namespace manage::connect::testing {
namespace {

using Json = ocpp::Json;
constexpr auto v201 = ocpp::Version::v201;

Json started_event() {
    return Json{
        {"eventType", "Started"},
        {"timestamp", "2026-11-26T10:00:00Z"},
        {"triggerReason", "Authorized"},
        {"seqNo", 0},
        {"transactionInfo", {{"transactionId", "TX-0001-A"}, {"chargingState", "Charging"}}},
        {"evse", {{"id", 2}, {"connectorId", 1}}},
        {"idToken", {{"idToken", "04A2B3C4D5E6F7"}, {"type", "ISO14443"}}},
        {"meterValue", Json::array({{{"timestamp", "2026-11-26T10:00:00Z"},
                                     {"sampledValue", Json::array({{{"value", 12.5},
                                                                    {"context", "Transaction.Begin"},
                                                                    {"unitOfMeasure", {{"unit", "kWh"}}}}})}}})}};
}

class V201TransactionsTest : public DispatcherTest {
protected:
    Json result201(const std::string &action, Json payload) {
        return result_of(v201, action, call(v201, action, std::move(payload)));
    }
    // Runs each case along the server's whole path: the code and the path must match, and core hears nothing.
    void expect_refused201(const std::string &action, const std::vector<Malformed> &cases) {
        for (const auto &c : cases) {
            SCOPED_TRACE(action + ": " + c.what);
            const auto before = core_.call_count();
            const auto frame = answer(v201, action, c.payload);
            const auto *error = std::get_if<ocpp::CallError>(&frame);
            ASSERT_NE(error, nullptr) << c.payload.dump() << " was not refused";
            EXPECT_EQ(error->error_code, c.error_code) << error->description;
            EXPECT_EQ(error->details.value("path", std::string("<none>")), c.path) << error->description;
            EXPECT_EQ(core_.call_count(), before) << "a refused CALL reached core";
        }
    }
};

TEST_F(V201TransactionsTest, C01_AuthorizeAnswersFromTheSameTokensAs16IdTags) {
    core_.id_tag_answer = IdTagAnswer{AuthorizationStatus::Accepted, parse_time("2026-12-31T23:59:59Z"), "FLEET-7"};
    const auto answer = result201("Authorize", {{"idToken", {{"idToken", "04A2B3C4D5E6F7"}, {"type", "ISO14443"}}}});
    EXPECT_EQ(answer, (Json{{"idTokenInfo",
                             {{"status", "Accepted"},
                              {"cacheExpiryDateTime", "2026-12-31T23:59:59.000Z"},
                              {"groupIdToken", {{"idToken", "FLEET-7"}, {"type", "Central"}}}}}}));
    EXPECT_EQ(core_.last_id_token.id, "04A2B3C4D5E6F7");
    EXPECT_EQ(core_.last_id_token.type, "ISO14443");
}

TEST_F(V201TransactionsTest, C01_EveryCoreDecisionHasIts201Status) {
    for (const auto &[status, text] : std::vector<std::pair<AuthorizationStatus, std::string>>{
             {AuthorizationStatus::Blocked, "Blocked"},
             {AuthorizationStatus::Expired, "Expired"},
             {AuthorizationStatus::Invalid, "Invalid"},
             {AuthorizationStatus::ConcurrentTx, "ConcurrentTx"}}) {
        core_.id_tag_answer = IdTagAnswer{status, std::nullopt, ""};
        EXPECT_EQ(result201("Authorize", {{"idToken", {{"idToken", "T"}, {"type", "Local"}}}}),
                  (Json{{"idTokenInfo", {{"status", text}}}}));
    }
}

TEST_F(V201TransactionsTest, C01_ATokenCoreHasNeverHeardOfIsUnknown) {
    core_.id_tag_answer = IdTagAnswer{AuthorizationStatus::Invalid, std::nullopt, "", true};
    EXPECT_EQ(result201("Authorize", {{"idToken", {{"idToken", "NOBODY"}, {"type", "ISO14443"}}}}),
              (Json{{"idTokenInfo", {{"status", "Unknown"}}}}));
}

TEST_F(V201TransactionsTest, C01_NoAuthorizationTokenMayBeEmpty) {
    result201("Authorize", {{"idToken", {{"idToken", ""}, {"type", "NoAuthorization"}}}});
    EXPECT_EQ(core_.last_id_token.type, "NoAuthorization");
    EXPECT_TRUE(core_.last_id_token.id.empty());
}

TEST_F(V201TransactionsTest, E01_StartedEventReachesCoreWithItsTokenEvseAndMeterValues) {
    core_.id_tag_answer = IdTagAnswer{AuthorizationStatus::Accepted, std::nullopt, ""};
    core_.transaction_event_answer.id_token_info = IdTagAnswer{AuthorizationStatus::Accepted, std::nullopt, ""};
    const auto answer = result201("TransactionEvent", started_event());
    EXPECT_EQ(answer, (Json{{"idTokenInfo", {{"status", "Accepted"}}}}));
    const auto &event = core_.last_transaction_event;
    EXPECT_EQ(event.event_type, "Started");
    EXPECT_EQ(event.trigger_reason, "Authorized");
    EXPECT_EQ(event.seq_no, 0);
    EXPECT_FALSE(event.offline);
    EXPECT_EQ(event.transaction_id, "TX-0001-A");
    EXPECT_EQ(event.charging_state, "Charging");
    EXPECT_EQ(event.evse_id, 2);
    EXPECT_EQ(event.connector_id, 1);
    ASSERT_TRUE(event.id_token.has_value());
    EXPECT_EQ(event.id_token->id, "04A2B3C4D5E6F7");
    EXPECT_EQ(event.id_token->type, "ISO14443");
    ASSERT_EQ(event.samples.size(), 1U);
    EXPECT_EQ(event.samples[0].measurand, "Energy.Active.Import.Register"); // OCPP's default
    EXPECT_EQ(event.samples[0].context, "Transaction.Begin");
    EXPECT_EQ(event.samples[0].unit, "kWh");
    EXPECT_DOUBLE_EQ(event.samples[0].value, 12.5);
}

TEST_F(V201TransactionsTest, E02_EventWithoutTokenGetsNoIdTokenInfo) {
    auto updated = without(started_event(), "/idToken");
    updated["eventType"] = "Updated";
    updated["triggerReason"] = "MeterValuePeriodic";
    EXPECT_EQ(result201("TransactionEvent", updated), Json::object());
    EXPECT_FALSE(core_.last_transaction_event.id_token.has_value());
}

TEST_F(V201TransactionsTest, E06_EndedEventCarriesStoppedReasonAndOfflineFlag) {
    auto ended = started_event();
    ended["eventType"] = "Ended";
    ended["triggerReason"] = "EVCommunicationLost";
    ended["seqNo"] = 7;
    ended["offline"] = true;
    ended["transactionInfo"]["stoppedReason"] = "EVDisconnected";
    result201("TransactionEvent", ended);
    EXPECT_EQ(core_.last_transaction_event.event_type, "Ended");
    EXPECT_EQ(core_.last_transaction_event.stopped_reason, "EVDisconnected");
    EXPECT_TRUE(core_.last_transaction_event.offline);
    EXPECT_EQ(core_.last_transaction_event.seq_no, 7);
}

TEST_F(V201TransactionsTest, I02_TotalCostIsSentWhenCoreHasOne) {
    core_.transaction_event_answer.total_cost = 4.56;
    const auto answer = result201("TransactionEvent", without(started_event(), "/idToken"));
    EXPECT_EQ(answer, (Json{{"totalCost", 4.56}}));
}

TEST_F(V201TransactionsTest, J01_UnitMultiplierIsAppliedAndTheSentTextKept) {
    auto event = started_event();
    event["meterValue"][0]["sampledValue"] = Json::array(
        {{{"value", 7.4}, {"measurand", "Power.Active.Import"}, {"unitOfMeasure", {{"unit", "W"}, {"multiplier", 3}}}},
         {{"value", 230.0}, {"measurand", "Voltage"}, {"phase", "L1-N"}, {"unitOfMeasure", {{"unit", "V"}}}}});
    result201("TransactionEvent", event);
    const auto &samples = core_.last_transaction_event.samples;
    ASSERT_EQ(samples.size(), 2U);
    EXPECT_EQ(samples[0].unit, "W");
    EXPECT_NEAR(samples[0].value, 7400.0, 1e-9);
    EXPECT_EQ(samples[0].raw_value, "7.4e3");
    EXPECT_EQ(samples[1].phase, "L1-N");
    EXPECT_EQ(samples[1].context, "Sample.Periodic");
    EXPECT_EQ(samples[1].location, "Outlet");
}

TEST_F(V201TransactionsTest, J01_MeterValuesOfAnEvseReachCoreAsThatConnector) {
    const Json request{
        {"evseId", 3},
        {"meterValue",
         Json::array({{{"timestamp", "2026-11-26T10:05:00Z"},
                       {"sampledValue", Json::array({{{"value", 1500}, {"unitOfMeasure", {{"unit", "Wh"}}}}})}}})}};
    EXPECT_EQ(result201("MeterValues", request), Json::object());
    EXPECT_EQ(core_.last_meter_report.connector_id, 3);
    EXPECT_FALSE(core_.last_meter_report.transaction_id.has_value());
    ASSERT_EQ(core_.last_meter_report.samples.size(), 1U);
    EXPECT_DOUBLE_EQ(core_.last_meter_report.samples[0].value, 1500.0);
    EXPECT_EQ(core_.last_meter_report.samples[0].timestamp, *parse_time("2026-11-26T10:05:00Z"));
}

TEST_F(V201TransactionsTest, J01_MeterValuesTheStoreCouldNotKeepAreAnInternalError) {
    core_.meter_values_fail = true;
    const Json request{{"evseId", 0},
                       {"meterValue", Json::array({{{"timestamp", "2026-11-26T10:05:00Z"},
                                                    {"sampledValue", Json::array({{{"value", 1}}})}}})}};
    const auto frame = answer(v201, "MeterValues", request);
    ASSERT_TRUE(std::holds_alternative<ocpp::CallError>(frame));
    EXPECT_EQ(std::get<ocpp::CallError>(frame).error_code, "InternalError");
}

TEST_F(V201TransactionsTest, MalformedAuthorizeIsRefused) {
    expect_refused201(
        "Authorize",
        {
            {"idToken missing", Json::object(), "OccurrenceConstraintViolation", ""},
            {"idToken empty for an RFID card", Json{{"idToken", {{"idToken", ""}, {"type", "ISO14443"}}}},
             "PropertyConstraintViolation", "/idToken/idToken"},
            {"type outside IdTokenEnumType", Json{{"idToken", {{"idToken", "T"}, {"type", "Badge"}}}},
             "PropertyConstraintViolation", "/idToken/type"},
            {"idToken over 36 characters", Json{{"idToken", {{"idToken", std::string(37, 'T')}, {"type", "Local"}}}},
             "PropertyConstraintViolation", "/idToken/idToken"},
        });
}

TEST_F(V201TransactionsTest, MalformedTransactionEventIsRefused) {
    const auto event = started_event();
    expect_refused201(
        "TransactionEvent",
        {
            {"negative seqNo", with(event, "/seqNo", -1), "PropertyConstraintViolation", "/seqNo"},
            {"evse 0: the station as a whole", with(event, "/evse/id", 0), "PropertyConstraintViolation", "/evse/id"},
            {"connectorId 0", with(event, "/evse/connectorId", 0), "PropertyConstraintViolation", "/evse/connectorId"},
            {"empty transactionId", with(event, "/transactionInfo/transactionId", ""), "PropertyConstraintViolation",
             "/transactionInfo/transactionId"},
            {"eventType outside its enumeration", with(event, "/eventType", "Paused"), "PropertyConstraintViolation",
             "/eventType"},
            {"stoppedReason outside its enumeration", with(event, "/transactionInfo/stoppedReason", "Bored"),
             "PropertyConstraintViolation", "/transactionInfo/stoppedReason"},
            {"transactionInfo missing", without(event, "/transactionInfo"), "OccurrenceConstraintViolation", ""},
            {"seqNo a string", with(event, "/seqNo", "1"), "TypeConstraintViolation", "/seqNo"},
            {"timestamp not a date-time", with(event, "/timestamp", "yesterday"), "PropertyConstraintViolation",
             "/timestamp"},
            {"meter value without sampled values", with(event, "/meterValue/0/sampledValue", Json::array()),
             "OccurrenceConstraintViolation", "/meterValue/0/sampledValue"},
            {"sampled value not a number", with(event, "/meterValue/0/sampledValue/0/value", "12.5"),
             "TypeConstraintViolation", "/meterValue/0/sampledValue/0/value"},
            {"absurd unit multiplier", with(event, "/meterValue/0/sampledValue/0/unitOfMeasure/multiplier", 400),
             "PropertyConstraintViolation", "/meterValue/0/sampledValue/0/unitOfMeasure/multiplier"},
            {"member the message does not have", with(event, "/pin", "1234"), "FormatViolation", "/pin"},
        });
}

TEST_F(V201TransactionsTest, MalformedMeterValuesIsRefused) {
    const Json request{{"evseId", 1},
                       {"meterValue", Json::array({{{"timestamp", "2026-11-26T10:05:00Z"},
                                                    {"sampledValue", Json::array({{{"value", 1}}})}}})}};
    expect_refused201("MeterValues",
                      {
                          {"negative evseId", with(request, "/evseId", -1), "PropertyConstraintViolation", "/evseId"},
                          {"no meter values", with(request, "/meterValue", Json::array()),
                           "OccurrenceConstraintViolation", "/meterValue"},
                          {"evseId missing", without(request, "/evseId"), "OccurrenceConstraintViolation", ""},
                      });
}

} // namespace
} // namespace manage::connect::testing
