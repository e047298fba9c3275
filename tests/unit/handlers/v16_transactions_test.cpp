// OCPP 1.6 Core profile: Authorize (§4.1), MeterValues (§4.7), StartTransaction (§4.8),
// StopTransaction (§4.10).
#include "dispatcher_fixture.hpp"
#include "v16_samples.hpp"

namespace manage::connect::testing {
namespace {

using Json = ocpp::Json;

TimePoint at(const char *text) {
    return *parse_time(text);
}

TEST_F(DispatcherTest, AuthorizeAnswersFromCoresIdTagInfo) {
    core_.id_tag_answer = IdTagAnswer{AuthorizationStatus::Accepted, at("2026-12-31T23:59:59Z"), "FLEET-7"};
    const auto answer = result("Authorize", {{"idTag", "04A2B3C4D5E6F7"}});
    EXPECT_EQ(
        answer,
        (Json{{"idTagInfo",
               {{"status", "Accepted"}, {"expiryDate", "2026-12-31T23:59:59.000Z"}, {"parentIdTag", "FLEET-7"}}}}));
    EXPECT_EQ(core_.last_id_tag, "04A2B3C4D5E6F7");
}

// The platform's tags are up to 36 characters (2.0.1 tokens): a parent a 1.6 charger cannot carry is left out
// rather than breaking the answer.
TEST_F(DispatcherTest, AuthorizeLeavesOutAParentLongerThanA16IdTag) {
    core_.id_tag_answer = IdTagAnswer{AuthorizationStatus::Accepted, std::nullopt, std::string(21, 'G')};
    EXPECT_EQ(result("Authorize", {{"idTag", "04A2B3C4D5E6F7"}}), (Json{{"idTagInfo", {{"status", "Accepted"}}}}));
}

TEST_F(DispatcherTest, AuthorizeTellsEveryAuthorizationStatus) {
    for (const auto &[status, text] : std::vector<std::pair<AuthorizationStatus, std::string>>{
             {AuthorizationStatus::Accepted, "Accepted"},
             {AuthorizationStatus::Blocked, "Blocked"},
             {AuthorizationStatus::Expired, "Expired"},
             {AuthorizationStatus::Invalid, "Invalid"},
             {AuthorizationStatus::ConcurrentTx, "ConcurrentTx"}}) {
        core_.id_tag_answer = IdTagAnswer{status, std::nullopt, ""};
        // Without expiry and parent, IdTagInfo holds the status only.
        EXPECT_EQ(result("Authorize", {{"idTag", "T"}}), (Json{{"idTagInfo", {{"status", text}}}}));
    }
}

TEST_F(DispatcherTest, StartTransactionReturnsTheTransactionIdCoreAssigns) {
    core_.start_answer = TransactionStartAnswer{4711, {AuthorizationStatus::ConcurrentTx, std::nullopt, ""}};
    const auto answer = result("StartTransaction", {{"connectorId", 2},
                                                    {"idTag", "04A2B3C4D5E6F7"},
                                                    {"meterStart", 123456},
                                                    {"reservationId", 9},
                                                    {"timestamp", "2026-11-26T10:00:00+01:00"}});
    EXPECT_EQ(answer, (Json{{"idTagInfo", {{"status", "ConcurrentTx"}}}, {"transactionId", 4711}}));
    EXPECT_EQ(core_.last_start.connector_id, 2);
    EXPECT_EQ(core_.last_start.id_tag, "04A2B3C4D5E6F7");
    EXPECT_EQ(core_.last_start.meter_start_wh, 123456);
    EXPECT_EQ(core_.last_start.reservation_id, 9);
    EXPECT_EQ(core_.last_start.timestamp, at("2026-11-26T09:00:00Z"));
}

TEST_F(DispatcherTest, StartTransactionWithoutReservation) {
    result("StartTransaction", v16_request("StartTransaction"));
    EXPECT_FALSE(core_.last_start.reservation_id.has_value());
}

TEST_F(DispatcherTest, StartTransactionWithATransactionIdOutsideOcppsIntegerIsAnInternalError) {
    core_.start_answer.transaction_id = std::int64_t{1} << 40; // core's bug: 1.6 ids are 32 bits
    const auto frame = answer(ocpp::Version::v16, "StartTransaction", v16_request("StartTransaction"));
    ASSERT_TRUE(std::holds_alternative<ocpp::CallError>(frame));
    EXPECT_EQ(std::get<ocpp::CallError>(frame).error_code, "InternalError");
}

TEST_F(DispatcherTest, StopTransactionCarriesTransactionData) {
    core_.stop_answer = IdTagAnswer{AuthorizationStatus::Accepted, std::nullopt, "FLEET-7"};
    const auto answer = result(
        "StopTransaction",
        {{"transactionId", 4711},
         {"idTag", "04A2B3C4D5E6F7"},
         {"meterStop", 19000},
         {"timestamp", "2026-11-26T11:00:00Z"},
         {"reason", "EVDisconnected"},
         {"transactionData",
          Json::array(
              {{{"timestamp", "2026-11-26T10:00:00Z"},
                {"sampledValue", Json::array({{{"value", "1000"}, {"context", "Transaction.Begin"}}})}},
               {{"timestamp", "2026-11-26T11:00:00Z"},
                {"sampledValue", Json::array({{{"value", "19.0"}, {"context", "Transaction.End"}, {"unit", "kWh"}},
                                              {{"value", "80"},
                                               {"context", "Transaction.End"},
                                               {"measurand", "SoC"},
                                               {"location", "EV"},
                                               {"unit", "Percent"}}})}}})}});
    EXPECT_EQ(answer, (Json{{"idTagInfo", {{"status", "Accepted"}, {"parentIdTag", "FLEET-7"}}}}));
    const auto &stop = core_.last_stop;
    EXPECT_EQ(stop.transaction_id, 4711);
    EXPECT_EQ(stop.id_tag, "04A2B3C4D5E6F7");
    EXPECT_EQ(stop.meter_stop_wh, 19000);
    EXPECT_EQ(stop.timestamp, at("2026-11-26T11:00:00Z"));
    EXPECT_EQ(stop.reason, "EVDisconnected");
    ASSERT_EQ(stop.transaction_data.size(), 3u); // flattened: one sample per sampledValue
    EXPECT_EQ(stop.transaction_data[0].timestamp, at("2026-11-26T10:00:00Z"));
    EXPECT_EQ(stop.transaction_data[0].context, "Transaction.Begin");
    EXPECT_EQ(stop.transaction_data[0].value, 1000);
    EXPECT_EQ(stop.transaction_data[1].timestamp, at("2026-11-26T11:00:00Z"));
    EXPECT_EQ(stop.transaction_data[1].unit, "kWh"); // as sent: core normalises
    EXPECT_EQ(stop.transaction_data[1].value, 19.0);
    EXPECT_EQ(stop.transaction_data[1].measurand, "Energy.Active.Import.Register");
    EXPECT_EQ(stop.transaction_data[2].measurand, "SoC");
    EXPECT_EQ(stop.transaction_data[2].location, "EV");
    EXPECT_EQ(stop.transaction_data[2].unit, "Percent");
}

TEST_F(DispatcherTest, StopTransactionWithoutIdTagAnswersWithoutIdTagInfo) {
    const auto answer = result("StopTransaction", v16_request("StopTransaction"));
    EXPECT_EQ(answer, Json::object());
    EXPECT_TRUE(core_.last_stop.id_tag.empty());
    EXPECT_TRUE(core_.last_stop.reason.empty()); // Local, the default
    EXPECT_TRUE(core_.last_stop.transaction_data.empty());
}

TEST_F(DispatcherTest, MeterValuesPassesEveryMeasurandPerPhase) {
    Json sampled = Json::array();
    for (const char *phase : {"L1", "L2", "L3"}) {
        sampled.push_back(
            {{"value", "230.1"}, {"measurand", "Voltage"}, {"phase", std::string(phase) + "-N"}, {"unit", "V"}});
        sampled.push_back({{"value", "15.9"}, {"measurand", "Current.Import"}, {"phase", phase}, {"unit", "A"}});
    }
    sampled.push_back({{"value", "11.2"},
                       {"measurand", "Power.Active.Import"},
                       {"unit", "kW"},
                       {"context", "Sample.Clock"},
                       {"location", "Inlet"}});
    sampled.push_back({{"value", "12.75"}, {"unit", "kWh"}});
    result("MeterValues",
           {{"connectorId", 1},
            {"transactionId", 4711},
            {"meterValue", Json::array({{{"timestamp", "2026-11-26T10:15:00Z"}, {"sampledValue", sampled}}})}});
    const auto &report = core_.last_meter_report;
    EXPECT_EQ(report.connector_id, 1);
    EXPECT_EQ(report.transaction_id, 4711);
    ASSERT_EQ(report.samples.size(), 8u);
    const std::vector<std::tuple<std::string, std::string, std::string, double>> expected{
        {"Voltage", "L1-N", "V", 230.1},         {"Current.Import", "L1", "A", 15.9},
        {"Voltage", "L2-N", "V", 230.1},         {"Current.Import", "L2", "A", 15.9},
        {"Voltage", "L3-N", "V", 230.1},         {"Current.Import", "L3", "A", 15.9},
        {"Power.Active.Import", "", "kW", 11.2}, {"Energy.Active.Import.Register", "", "kWh", 12.75}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(i);
        const auto &sample = report.samples[i];
        EXPECT_EQ(sample.measurand, std::get<0>(expected[i]));
        EXPECT_EQ(sample.phase, std::get<1>(expected[i]));
        EXPECT_EQ(sample.unit, std::get<2>(expected[i]));
        EXPECT_EQ(sample.value, std::get<3>(expected[i]));
        EXPECT_EQ(sample.timestamp, at("2026-11-26T10:15:00Z"));
        EXPECT_EQ(sample.format, "Raw");
    }
    EXPECT_EQ(report.samples[0].context, "Sample.Periodic");
    EXPECT_EQ(report.samples[0].location, "Outlet");
    EXPECT_EQ(report.samples[6].context, "Sample.Clock");
    EXPECT_EQ(report.samples[6].location, "Inlet");
    EXPECT_EQ(report.samples[7].raw_value, "12.75");
}

// The CALLRESULT means "stored": when the Store fails, the charger gets a CALLERROR and keeps its values.
TEST_F(DispatcherTest, MeterValuesTheStoreCouldNotKeepGetAnInternalError) {
    core_.meter_values_fail = true;
    const auto refused = refusal("MeterValues", v16_request("MeterValues"));
    EXPECT_EQ(refused.error_code, "InternalError");
}

TEST_F(DispatcherTest, MeterValuesFillsInOcppDefaults) {
    result("MeterValues", v16_request("MeterValues"));
    ASSERT_EQ(core_.last_meter_report.samples.size(), 1u);
    const auto &sample = core_.last_meter_report.samples[0];
    EXPECT_EQ(sample.measurand, "Energy.Active.Import.Register");
    EXPECT_EQ(sample.unit, "Wh");
    EXPECT_EQ(sample.context, "Sample.Periodic");
    EXPECT_EQ(sample.location, "Outlet");
    EXPECT_EQ(sample.format, "Raw");
    EXPECT_TRUE(sample.phase.empty());
    EXPECT_EQ(sample.value, 1250.5);
}

TEST_F(DispatcherTest, MeterValuesOfTheMainMeterWithoutTransaction) {
    result("MeterValues", without(with(v16_request("MeterValues"), "/connectorId", 0), "/transactionId"));
    EXPECT_EQ(core_.last_meter_report.connector_id, 0);
    EXPECT_FALSE(core_.last_meter_report.transaction_id.has_value());
}

TEST_F(DispatcherTest, MeterValuesKeepsSignedDataAsSent) {
    const auto signed_value = Json{{"value", "OCMF|{\"FV\":\"1.0\"}|{\"SA\":\"ECDSA\"}"}, {"format", "SignedData"}};
    result("MeterValues", with(v16_request("MeterValues"), "/meterValue/0/sampledValue/0", signed_value));
    const auto &sample = core_.last_meter_report.samples.at(0);
    EXPECT_EQ(sample.format, "SignedData");
    EXPECT_EQ(sample.raw_value, signed_value["value"]);
    EXPECT_EQ(sample.value, 0);
}

TEST_F(DispatcherTest, MalformedAuthorizeIsRefused) {
    expect_refused("Authorize", {
                                    {"idTag missing", Json::object(), "OccurenceConstraintViolation", ""},
                                    {"idTag a number", Json{{"idTag", 42}}, "TypeConstraintViolation", "/idTag"},
                                    {"idTag over 20 characters", Json{{"idTag", std::string(21, 'T')}},
                                     "PropertyConstraintViolation", "/idTag"},
                                    {"idTag empty", Json{{"idTag", ""}}, "PropertyConstraintViolation", "/idTag"},
                                    {"member the PDU does not have", Json{{"idTag", "T"}, {"pin", "1234"}},
                                     "FormationViolation", "/pin"},
                                });
}

TEST_F(DispatcherTest, MalformedStartTransactionIsRefused) {
    const auto start = v16_request("StartTransaction");
    expect_refused(
        "StartTransaction",
        {
            {"connectorId 0: the charge point as a whole", with(start, "/connectorId", 0),
             "PropertyConstraintViolation", "/connectorId"},
            {"negative connectorId", with(start, "/connectorId", -2), "PropertyConstraintViolation", "/connectorId"},
            {"negative meterStart", with(start, "/meterStart", -5), "PropertyConstraintViolation", "/meterStart"},
            {"idTag empty", with(start, "/idTag", ""), "PropertyConstraintViolation", "/idTag"},
            {"timestamp not a date-time", with(start, "/timestamp", "2026-13-45T25:00:00Z"),
             "PropertyConstraintViolation", "/timestamp"},
            {"timestamp missing", without(start, "/timestamp"), "OccurenceConstraintViolation", ""},
            {"meterStart a fraction", with(start, "/meterStart", 10.5), "TypeConstraintViolation", "/meterStart"},
            {"meterStart beyond 32 bits", with(start, "/meterStart", 5000000000), "TypeConstraintViolation",
             "/meterStart"},
        });
}

TEST_F(DispatcherTest, MalformedStopTransactionIsRefused) {
    const auto stop = v16_request("StopTransaction");
    const auto data = [&](Json sampled_value) {
        return with(stop, "/transactionData",
                    Json::array({{{"timestamp", "2026-11-26T11:00:00Z"}, {"sampledValue", std::move(sampled_value)}}}));
    };
    expect_refused(
        "StopTransaction",
        {
            {"negative meterStop", with(stop, "/meterStop", -1), "PropertyConstraintViolation", "/meterStop"},
            {"idTag empty", with(stop, "/idTag", ""), "PropertyConstraintViolation", "/idTag"},
            {"reason outside Reason", with(stop, "/reason", "Bored"), "PropertyConstraintViolation", "/reason"},
            {"transactionId missing", without(stop, "/transactionId"), "OccurenceConstraintViolation", ""},
            {"transactionData not an array", with(stop, "/transactionData", Json::object()), "TypeConstraintViolation",
             "/transactionData"},
            {"transactionData value not a number", data(Json::array({{{"value", "lots"}}})),
             "PropertyConstraintViolation", "/transactionData/0/sampledValue/0/value"},
            {"transactionData without sampled values", data(Json::array()), "OccurenceConstraintViolation",
             "/transactionData/0/sampledValue"},
        });
}

TEST_F(DispatcherTest, MalformedMeterValuesIsRefused) {
    const auto meter = v16_request("MeterValues");
    const auto value = [&](const std::string &pointer, Json v) {
        return with(meter, "/meterValue/0/sampledValue/0" + pointer, std::move(v));
    };
    expect_refused(
        "MeterValues",
        {
            {"negative connectorId", with(meter, "/connectorId", -1), "PropertyConstraintViolation", "/connectorId"},
            {"no meterValue", with(meter, "/meterValue", Json::array()), "OccurenceConstraintViolation", "/meterValue"},
            {"meterValue without sampled values", with(meter, "/meterValue/0/sampledValue", Json::array()),
             "OccurenceConstraintViolation", "/meterValue/0/sampledValue"},
            {"Raw value not a number", value("/value", "twelve"), "PropertyConstraintViolation",
             "/meterValue/0/sampledValue/0/value"},
            {"Raw value with trailing text", value("/value", "12.5 kWh"), "PropertyConstraintViolation",
             "/meterValue/0/sampledValue/0/value"},
            {"Raw value empty", value("/value", ""), "PropertyConstraintViolation",
             "/meterValue/0/sampledValue/0/value"},
            {"Raw value not finite", value("/value", "inf"), "PropertyConstraintViolation",
             "/meterValue/0/sampledValue/0/value"},
            {"value a JSON number", value("/value", 12.5), "TypeConstraintViolation",
             "/meterValue/0/sampledValue/0/value"},
            {"measurand unknown", value("/measurand", "Energy.Magic"), "PropertyConstraintViolation",
             "/meterValue/0/sampledValue/0/measurand"},
            {"unit unknown", value("/unit", "MWh"), "PropertyConstraintViolation", "/meterValue/0/sampledValue/0/unit"},
            {"timestamp missing", without(meter, "/meterValue/0/timestamp"), "OccurenceConstraintViolation",
             "/meterValue/0"},
            {"timestamp not a date-time", with(meter, "/meterValue/0/timestamp", "10:15"),
             "PropertyConstraintViolation", "/meterValue/0/timestamp"},
            {"meterValue missing", without(meter, "/meterValue"), "OccurenceConstraintViolation", ""},
        });
}

} // namespace
} // namespace manage::connect::testing
