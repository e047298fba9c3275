// OCPP 2.0.1 authorization, transactions and meter values over a real WebSocket (C01, E01–E08,
// J01), seen through the same sessions and meter-values API as 1.6.
#include "e2e_fixture.hpp"

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
