// OCPP 2.0.1 authorization, local lists, transactions, costs and meter values over a real WebSocket (C01,
// D01–D02, E01–E08, I02–I03, J01), seen through the same id-tag, local-list, sessions and meter-values API as 1.6.
#include "e2e_fixture.hpp"

#include <mutex>

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp201Transactions : public PlatformFixture {
protected:
    static Json event(const std::string &type, int seq_no, const std::string &timestamp, double register_kwh,
                      const std::string &transaction_id = "TX-7F3A") {
        return {{"eventType", type},
                {"timestamp", timestamp},
                {"triggerReason", type == "Started" ? "Authorized"
                                  : type == "Ended" ? "EVDeparted"
                                                    : "MeterValuePeriodic"},
                {"seqNo", seq_no},
                {"transactionInfo", {{"transactionId", transaction_id}, {"chargingState", "Charging"}}},
                {"evse", {{"id", 1}, {"connectorId", 1}}},
                {"meterValue",
                 Json::array({{{"timestamp", timestamp},
                               {"sampledValue",
                                Json::array({{{"value", register_kwh}, {"unitOfMeasure", {{"unit", "kWh"}}}}})}}})}};
    }

    // The station's only session, through the list (the platform gives it its own transactionId).
    Json only_session(const std::string &charger_id) {
        const auto list = get_json("/api/v1/sessions?chargerId=" + charger_id);
        EXPECT_EQ(list["items"].size(), 1U) << list.dump();
        return list["items"].empty() ? Json::object() : list["items"][0];
    }
};

} // namespace

TEST_F(Ocpp201Transactions, C01_AuthorizeAnswersFromTheIdTags) {
    put_id_tag("RFID-201", {{"parentIdTag", "FLEET-9"}});
    put_id_tag("FLEET-9");
    auto station = boot201("CS-AUTH");
    const auto known =
        result_of(station->call("Authorize", {{"idToken", {{"idToken", "RFID-201"}, {"type", "ISO14443"}}}}));
    EXPECT_EQ(known["idTokenInfo"]["status"], "Accepted");
    EXPECT_EQ(known["idTokenInfo"]["groupIdToken"]["idToken"], "FLEET-9");
    const auto unknown =
        result_of(station->call("Authorize", {{"idToken", {{"idToken", "NOBODY"}, {"type", "ISO14443"}}}}));
    EXPECT_EQ(unknown["idTokenInfo"]["status"], "Unknown");
}

// C01 with a 36-character eMAID: the platform's tags are 2.0.1 tokens, and keep their type.
TEST_F(Ocpp201Transactions, C01_LongTokensOfAnyTypeAreTheSameTags) {
    const std::string emaid = "NL-TNM-C00122045-K-0123456789ABCDEFG";
    ASSERT_EQ(emaid.size(), 36U);
    put_id_tag(emaid, {{"type", "eMAID"}});
    EXPECT_EQ(get_json("/api/v1/id-tags/" + emaid)["type"], "eMAID");
    auto station = boot201("CS-EMAID");
    const auto answer = result_of(station->call("Authorize", {{"idToken", {{"idToken", emaid}, {"type", "eMAID"}}}}));
    EXPECT_EQ(answer["idTokenInfo"]["status"], "Accepted");
}

// D01 (SendLocalList, Full then Differential) and D02 (GetLocalListVersion): the same local-list API as 1.6,
// sent in 2.0.1's shape (versionNumber, idToken with its type, idTokenInfo, groups as Central tokens).
TEST_F(Ocpp201Transactions, D01_D02_LocalListIsSentInTheStationsShape) {
    auto station = boot201("CS-LIST");
    std::mutex mutex;
    std::vector<ocpp::Call> calls;
    station->on_call([&](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
        std::lock_guard lock(mutex);
        calls.push_back(call);
        if (call.action == "GetLocalListVersion")
            return Json{{"versionNumber", 2}};
        return Json{{"status", "Accepted"}};
    });
    const std::string long_token(36, 'T');
    Json desired{{"entries", Json::array({{{"idTag", long_token},
                                           {"type", "KeyCode"},
                                           {"idTagInfo", {{"status", "Accepted"}, {"parentIdTag", "DEPOT-GROUP"}}}},
                                          {{"idTag", "CARD-2"}, {"idTagInfo", {{"status", "Blocked"}}}}})}};
    ASSERT_EQ(put("/api/v1/chargers/CS-LIST/local-list", desired.dump()).status, 200);
    auto reply = post("/api/v1/chargers/CS-LIST/local-list/sync", R"({"updateType":"Full"})");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body), Json::parse(R"({"chargerId":"CS-LIST","status":"Accepted","updateType":"Full",
                                                       "sentVersion":1,"entries":2,"leftOut":[],"listVersion":1})"));
    {
        std::lock_guard lock(mutex);
        ASSERT_EQ(calls.size(), 1U);
        EXPECT_EQ(calls[0].action, "SendLocalList");
        EXPECT_EQ(calls[0].payload, Json::parse(R"({"versionNumber": 1, "updateType": "Full",
            "localAuthorizationList": [
              {"idToken": {"idToken": "CARD-2", "type": "ISO14443"}, "idTokenInfo": {"status": "Blocked"}},
              {"idToken": {"idToken": ")" + long_token +
                                                R"(", "type": "KeyCode"},
               "idTokenInfo": {"status": "Accepted", "groupIdToken": {"idToken": "DEPOT-GROUP", "type": "Central"}}}]})"));
    }

    Json changed{{"entries", Json::array({{{"idTag", "CARD-2"}, {"idTagInfo", {{"status", "Accepted"}}}}})}};
    ASSERT_EQ(put("/api/v1/chargers/CS-LIST/local-list", changed.dump()).status, 200);
    reply = post("/api/v1/chargers/CS-LIST/local-list/sync", R"({"updateType":"Differential"})");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body)["listVersion"], 2);
    {
        std::lock_guard lock(mutex);
        ASSERT_EQ(calls.size(), 2U);
        EXPECT_EQ(calls[1].payload, Json::parse(R"({"versionNumber": 2, "updateType": "Differential",
            "localAuthorizationList": [
              {"idToken": {"idToken": "CARD-2", "type": "ISO14443"}, "idTokenInfo": {"status": "Accepted"}},
              {"idToken": {"idToken": ")" + long_token +
                                                R"(", "type": "KeyCode"}}]})"));
    }
    const auto list = get_json("/api/v1/chargers/CS-LIST/local-list");
    EXPECT_EQ(list["listVersion"], 2);
    EXPECT_EQ(list["inSync"], true);

    // D02: the station reports the version it holds.
    reply = post("/api/v1/chargers/CS-LIST/commands/GetLocalListVersion", "{}");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body), (Json{{"versionNumber", 2}}));
}

TEST_F(Ocpp201Transactions, E01_StartedUpdatedEndedIsOneSessionWithItsEnergy) {
    put_id_tag("RFID-201");
    auto station = boot201("CS-TX");
    auto started = event("Started", 0, "2026-11-26T18:00:00Z", 10.0);
    started["idToken"] = {{"idToken", "RFID-201"}, {"type", "ISO14443"}};
    EXPECT_EQ(result_of(station->call("TransactionEvent", started)), (Json{{"idTokenInfo", {{"status", "Accepted"}}}}));
    EXPECT_EQ(result_of(station->call("TransactionEvent", event("Updated", 1, "2026-11-26T18:30:00Z", 20.25))),
              Json::object());
    auto ended = event("Ended", 2, "2026-11-26T19:00:00Z", 31.5);
    ended["transactionInfo"]["stoppedReason"] = "EVDisconnected";
    ended["transactionInfo"]["chargingState"] = "EVConnected";
    result_of(station->call("TransactionEvent", ended));

    const auto session = only_session("CS-TX");
    EXPECT_EQ(session["stationTransactionId"], "TX-7F3A");
    EXPECT_GT(session["transactionId"].get<std::int64_t>(), 0);
    EXPECT_EQ(session["evseId"], 1);
    EXPECT_EQ(session["idTag"], "RFID-201");
    EXPECT_EQ(session["status"], "stopped");
    EXPECT_EQ(session["stopReason"], "EVDisconnected");
    EXPECT_EQ(session["chargingState"], "EVConnected");
    EXPECT_EQ(session["meterStartWh"], 10000);
    EXPECT_EQ(session["meterStopWh"], 31500);
    EXPECT_EQ(session["energyWh"], 21500);
    EXPECT_EQ(session["startedAt"], "2026-11-26T18:00:00.000Z");
    EXPECT_EQ(session["stoppedAt"], "2026-11-26T19:00:00.000Z");

    const auto path = "/api/v1/sessions/" + std::to_string(session["transactionId"].get<std::int64_t>());
    const auto events = get_json(path + "/events")["items"];
    ASSERT_EQ(events.size(), 3U);
    EXPECT_EQ(events[0]["eventType"], "Started");
    EXPECT_EQ(events[2]["eventType"], "Ended");
    EXPECT_EQ(events[2]["stoppedReason"], "EVDisconnected");
    const auto values = get_json(path + "/meter-values")["items"];
    ASSERT_EQ(values.size(), 3U);
    EXPECT_EQ(values[1]["value"], 20250);
    EXPECT_EQ(values[1]["unit"], "Wh");
    EXPECT_EQ(values[1]["rawUnit"], "kWh");
}

// I02 (running cost) and I03 (final cost): with a tariff billing the station, Updated and Ended are answered
// with totalCost, priced by the depot's local time of day.
TEST_F(Ocpp201Transactions, I02_I03_TotalCostFollowsTheStationsTariff) {
    auto station = boot201("CS-COST");
    // Thursday 26 November 2026 in Amsterdam (UTC+1): 0.20/kWh, 0.50 from 19:00 to 23:00, 1.00 per session.
    const Json tariff{{"name", "Depot evening peak"},
                      {"currency", "EUR"},
                      {"timezone", "Europe/Amsterdam"},
                      {"pricePerKwh", 0.20},
                      {"sessionFee", 1.00},
                      {"periods", Json::array({{{"days", {"Mon", "Tue", "Wed", "Thu", "Fri"}},
                                                {"start", "19:00"},
                                                {"end", "23:00"},
                                                {"pricePerKwh", 0.50}}})}};
    ASSERT_EQ(put("/api/v1/tariffs/evening-peak", tariff.dump()).status, 201);
    ASSERT_EQ(put("/api/v1/chargers/CS-COST/tariff", R"({"tariffId":"evening-peak"})").status, 200);

    const auto started =
        result_of(station->call("TransactionEvent", event("Started", 0, "2026-11-26T17:30:00Z", 10.0)));
    EXPECT_FALSE(started.contains("totalCost")) << started.dump();
    // 2 kWh between 18:30 and 19:00 local, at 0.20.
    const auto updated =
        result_of(station->call("TransactionEvent", event("Updated", 1, "2026-11-26T18:00:00Z", 12.0)));
    EXPECT_DOUBLE_EQ(updated.value("totalCost", -1.0), 1.40) << updated.dump();
    // 4 kWh more between 19:00 and 19:30 local, at 0.50.
    auto ended_event = event("Ended", 2, "2026-11-26T18:30:00Z", 16.0);
    ended_event["transactionInfo"]["stoppedReason"] = "Local";
    const auto ended = result_of(station->call("TransactionEvent", ended_event));
    EXPECT_DOUBLE_EQ(ended.value("totalCost", -1.0), 3.40) << ended.dump();

    const auto session = only_session("CS-COST");
    const auto cost =
        get_json("/api/v1/sessions/" + std::to_string(session["transactionId"].get<std::int64_t>()) + "/cost");
    EXPECT_EQ(cost["currency"], "EUR");
    EXPECT_EQ(cost["tariffId"], "evening-peak");
    EXPECT_DOUBLE_EQ(cost["amount"].get<double>(), 3.40);

    // Without a tariff, no cost is sent.
    ASSERT_EQ(put("/api/v1/chargers/CS-COST/tariff", R"({"tariffId":null})").status, 200);
    auto next = event("Started", 0, "2026-11-26T20:00:00Z", 16.0, "TX-NEXT");
    result_of(station->call("TransactionEvent", next));
    const auto unpriced =
        result_of(station->call("TransactionEvent", event("Updated", 1, "2026-11-26T20:30:00Z", 18.0, "TX-NEXT")));
    EXPECT_FALSE(unpriced.contains("totalCost")) << unpriced.dump();
}

TEST_F(Ocpp201Transactions, E08_OfflineQueueArrivingOutOfOrderAndResentLosesNothing) {
    auto station = boot201("CS-OFFLINE");
    auto ended = event("Ended", 2, "2026-11-26T21:00:00Z", 48.0);
    ended["offline"] = true;
    result_of(station->call("TransactionEvent", ended));
    auto started = event("Started", 0, "2026-11-26T19:00:00Z", 8.0);
    started["offline"] = true;
    result_of(station->call("TransactionEvent", started));
    result_of(station->call("TransactionEvent", started)); // resent: changes nothing
    result_of(station->call("TransactionEvent", event("Updated", 1, "2026-11-26T20:00:00Z", 30.0)));

    const auto session = only_session("CS-OFFLINE");
    EXPECT_EQ(session["status"], "stopped");
    EXPECT_EQ(session["startedAt"], "2026-11-26T19:00:00.000Z");
    EXPECT_EQ(session["energyWh"], 40000);
    const auto path = "/api/v1/sessions/" + std::to_string(session["transactionId"].get<std::int64_t>());
    const auto events = get_json(path + "/events")["items"];
    ASSERT_EQ(events.size(), 3U);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(events[static_cast<std::size_t>(i)]["seqNo"], i);
    EXPECT_EQ(events[0]["offline"], true);
}

TEST_F(Ocpp201Transactions, J01_MeterValuesOfAnEvseAreTheChargersValues) {
    auto station = boot201("CS-METER");
    const Json request{
        {"evseId", 2},
        {"meterValue", Json::array({{{"timestamp", "2026-11-26T18:15:00Z"},
                                     {"sampledValue", Json::array({{{"value", 7.2},
                                                                    {"measurand", "Power.Active.Import"},
                                                                    {"unitOfMeasure", {{"unit", "kW"}}}}})}}})}};
    EXPECT_EQ(result_of(station->call("MeterValues", request)), Json::object());
    const auto values = get_json("/api/v1/chargers/CS-METER/meter-values?connectorId=2")["items"];
    ASSERT_EQ(values.size(), 1U);
    EXPECT_EQ(values[0]["measurand"], "Power.Active.Import");
    EXPECT_EQ(values[0]["value"], 7200);
    EXPECT_TRUE(values[0]["transactionId"].is_null());
}
