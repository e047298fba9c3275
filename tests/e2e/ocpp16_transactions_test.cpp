// OCPP 1.6 transactions, charge point → central system: StartTransaction, MeterValues and
// StopTransaction over a real WebSocket, seen through the sessions, meter-values and orphans API;
// and the offline case: a charger resending what it queued while it had no connection.
#include "e2e_fixture.hpp"

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp16Transactions : public PlatformFixture {};
class Ocpp16MeterValues : public PlatformFixture {};
class Ocpp16OfflineResend : public PlatformFixture {};

Json start_payload(int connector, const std::string &id_tag, std::int64_t meter_start, const std::string &timestamp) {
    return {{"connectorId", connector}, {"idTag", id_tag}, {"meterStart", meter_start}, {"timestamp", timestamp}};
}

Json stop_payload(std::int64_t transaction_id, std::int64_t meter_stop, const std::string &timestamp) {
    return {{"transactionId", transaction_id}, {"meterStop", meter_stop}, {"timestamp", timestamp}};
}

// Starts a transaction and returns its answer.
Json start_tx(OcppTestClient &charger, int connector, const std::string &id_tag, std::int64_t meter_start,
              const std::string &timestamp) {
    return result_of(charger.call("StartTransaction", start_payload(connector, id_tag, meter_start, timestamp)));
}

std::int64_t transaction_id(const Json &start_answer) {
    return start_answer.is_object() ? start_answer.value("transactionId", std::int64_t{0}) : 0;
}

// The item of `items` with this measurand (and phase, when given); null when none.
Json find_value(const Json &items, const std::string &measurand, const std::string &phase = "") {
    for (const auto &item : items) {
        if (item["measurand"] == measurand && (phase.empty() || item["phase"] == phase))
            return item;
    }
    ADD_FAILURE() << "no " << measurand << " " << phase << " in " << items.dump();
    return nullptr;
}

std::string session_path(std::int64_t id) {
    return "/api/v1/sessions/" + std::to_string(id);
}

Json report(int connector, std::optional<std::int64_t> transaction, const Json &meter_values) {
    Json payload{{"connectorId", connector}, {"meterValue", meter_values}};
    if (transaction)
        payload["transactionId"] = *transaction;
    return payload;
}

} // namespace

TEST_F(Ocpp16Transactions, StartMeterStopRecordsEnergyAsStopMinusStart) {
    put_id_tag("TAG-1");
    auto charger = boot("CP-TX");

    const auto started = start_tx(*charger, 1, "TAG-1", 10000, "2026-11-26T18:00:00Z");
    EXPECT_EQ(started["idTagInfo"]["status"], "Accepted");
    const auto id = transaction_id(started);
    ASSERT_GT(id, 0);

    auto session = get_json(session_path(id));
    EXPECT_EQ(session["transactionId"], id);
    EXPECT_EQ(session["chargerId"], "CP-TX");
    EXPECT_EQ(session["connectorId"], 1);
    EXPECT_EQ(session["idTag"], "TAG-1");
    EXPECT_EQ(session["authorization"], "Accepted");
    EXPECT_EQ(session["status"], "active");
    EXPECT_EQ(session["meterStartWh"], 10000);
    EXPECT_EQ(session["startedAt"], "2026-11-26T18:00:00.000Z");
    EXPECT_TRUE(session["meterStopWh"].is_null());
    EXPECT_TRUE(session["energyWh"].is_null());
    EXPECT_TRUE(session["stoppedAt"].is_null());
    EXPECT_TRUE(session["stopReason"].is_null());

    const auto values =
        Json::array({sampled_value("15.5", "Energy.Active.Import.Register", "kWh"),
                     sampled_value("7.2", "Power.Active.Import", "kW"), sampled_value("55", "SoC", "Percent")});
    EXPECT_EQ(result_of(charger->call("MeterValues",
                                      report(1, id, Json::array({meter_value("2026-11-26T18:15:00Z", values)})))),
              Json::object());

    auto stop = stop_payload(id, 22500, "2026-11-26T19:00:00Z");
    stop["idTag"] = "TAG-1";
    stop["reason"] = "EVDisconnected";
    stop["transactionData"] = Json::array(
        {meter_value("2026-11-26T19:00:00Z",
                     Json::array({sampled_value("22500", "Energy.Active.Import.Register", "Wh", "Transaction.End")}))});
    const auto stopped = result_of(charger->call("StopTransaction", stop));
    EXPECT_EQ(stopped["idTagInfo"]["status"], "Accepted");

    session = get_json(session_path(id));
    EXPECT_EQ(session["status"], "stopped");
    EXPECT_EQ(session["meterStopWh"], 22500);
    EXPECT_EQ(session["energyWh"], 12500);
    EXPECT_EQ(session["stoppedAt"], "2026-11-26T19:00:00.000Z");
    EXPECT_EQ(session["stopReason"], "EVDisconnected");
    EXPECT_EQ(session["stopIdTag"], "TAG-1");

    // Values in base units, with what the charger sent beside them.
    const auto items = get_json(session_path(id) + "/meter-values")["items"];
    ASSERT_EQ(items.size(), 4u) << items.dump();
    const auto energy = find_value(items, "Energy.Active.Import.Register");
    EXPECT_EQ(energy["value"], 15500);
    EXPECT_EQ(energy["unit"], "Wh");
    EXPECT_EQ(energy["rawValue"], "15.5");
    EXPECT_EQ(energy["rawUnit"], "kWh");
    EXPECT_EQ(energy["transactionId"], id);
    EXPECT_EQ(energy["connectorId"], 1);
    EXPECT_EQ(energy["timestamp"], "2026-11-26T18:15:00.000Z");
    EXPECT_EQ(find_value(items, "Power.Active.Import")["value"], 7200);
    EXPECT_EQ(find_value(items, "Power.Active.Import")["unit"], "W");
    EXPECT_EQ(find_value(items, "SoC")["value"], 55);
    EXPECT_EQ(items.back()["context"], "Transaction.End"); // ordered by time: the stop's value comes last
    EXPECT_EQ(items.back()["value"], 22500);

    const auto soc = get_json(session_path(id) + "/meter-values?measurand=SoC")["items"];
    ASSERT_EQ(soc.size(), 1u);
    EXPECT_EQ(soc[0]["value"], 55);

    const auto listed = get_json("/api/v1/sessions?chargerId=CP-TX&status=stopped")["items"];
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["transactionId"], id);
    EXPECT_TRUE(get_json("/api/v1/sessions?chargerId=CP-TX&status=active")["items"].empty());
}

TEST_F(Ocpp16Transactions, StartWithAnUnknownTagIsAnsweredInvalidButStillOpensASession) {
    auto charger = boot("CP-TX-INV");
    const auto started = start_tx(*charger, 1, "STRANGER", 0, "2026-11-26T18:00:00Z");
    EXPECT_EQ(started["idTagInfo"]["status"], "Invalid");
    const auto id = transaction_id(started);
    ASSERT_GT(id, 0);
    const auto session = get_json(session_path(id));
    EXPECT_EQ(session["authorization"], "Invalid");
    EXPECT_EQ(session["status"], "active");
}

TEST_F(Ocpp16Transactions, TagInUseOnAnotherConnectorIsConcurrentTx) {
    put_id_tag("TAG-C");
    put_id_tag("TAG-MULTI", {{"allowConcurrentTx", true}});
    auto charger = boot("CP-TX-CC");
    const auto first = start_tx(*charger, 1, "TAG-C", 0, "2026-11-26T18:00:00Z");
    EXPECT_EQ(first["idTagInfo"]["status"], "Accepted");

    const auto second = start_tx(*charger, 2, "TAG-C", 0, "2026-11-26T18:01:00Z");
    EXPECT_EQ(second["idTagInfo"]["status"], "ConcurrentTx");
    EXPECT_NE(transaction_id(second), transaction_id(first));
    EXPECT_EQ(get_json(session_path(transaction_id(second)))["authorization"], "ConcurrentTx");
    EXPECT_EQ(result_of(charger->call("Authorize", {{"idTag", "TAG-C"}}))["idTagInfo"]["status"], "ConcurrentTx");

    // The charger stops the refused one, then loses the session on connector 1 and starts there
    // again: the session still open there does not count.
    result_of(charger->call("StopTransaction", stop_payload(transaction_id(second), 0, "2026-11-26T18:01:30Z")));
    const auto again = start_tx(*charger, 1, "TAG-C", 10, "2026-11-26T18:02:00Z");
    EXPECT_EQ(again["idTagInfo"]["status"], "Accepted");
    EXPECT_NE(transaction_id(again), transaction_id(first));

    // A tag allowed concurrent transactions is accepted on both.
    EXPECT_EQ(start_tx(*charger, 3, "TAG-MULTI", 0, "2026-11-26T18:03:00Z")["idTagInfo"]["status"], "Accepted");
    EXPECT_EQ(start_tx(*charger, 4, "TAG-MULTI", 0, "2026-11-26T18:03:00Z")["idTagInfo"]["status"], "Accepted");
}

TEST_F(Ocpp16Transactions, TransactionIdsAreUniqueAcrossChargers) {
    put_id_tag("TAG-A");
    put_id_tag("TAG-B");
    auto a = boot("CP-UA");
    auto b = boot("CP-UB");
    const auto id_a = transaction_id(start_tx(*a, 1, "TAG-A", 0, "2026-11-26T18:00:00Z"));
    const auto id_b = transaction_id(start_tx(*b, 1, "TAG-B", 0, "2026-11-26T18:00:00Z"));
    EXPECT_GT(id_a, 0);
    EXPECT_GT(id_b, 0);
    EXPECT_NE(id_a, id_b);
    EXPECT_EQ(get_json(session_path(id_a))["chargerId"], "CP-UA");
    EXPECT_EQ(get_json(session_path(id_b))["chargerId"], "CP-UB");
}

TEST_F(Ocpp16Transactions, StopWithoutReasonOrTagIsLocalAndCarriesNoIdTagInfo) {
    put_id_tag("TAG-L");
    auto charger = boot("CP-TX-L");
    const auto id = transaction_id(start_tx(*charger, 1, "TAG-L", 500, "2026-11-26T18:00:00Z"));
    const auto stopped = result_of(charger->call("StopTransaction", stop_payload(id, 1500, "2026-11-26T18:30:00Z")));
    EXPECT_FALSE(stopped.contains("idTagInfo")) << stopped.dump();
    const auto session = get_json(session_path(id));
    EXPECT_EQ(session["stopReason"], "Local");
    EXPECT_TRUE(session["stopIdTag"].is_null());
    EXPECT_EQ(session["energyWh"], 1000);
}

TEST_F(Ocpp16Transactions, StartOnConnectorZeroIsRefusedAndOpensNoSession) {
    put_id_tag("TAG-Z");
    auto charger = boot("CP-TX-Z");
    const auto refused =
        error_of(charger->call("StartTransaction", start_payload(0, "TAG-Z", 0, "2026-11-26T18:00:00Z")));
    EXPECT_EQ(refused.error_code, "PropertyConstraintViolation");
    EXPECT_TRUE(get_json("/api/v1/sessions?chargerId=CP-TX-Z")["items"].empty());
}

TEST_F(Ocpp16MeterValues, ValuesOutsideASessionAreKeptForTheChargerInBaseUnits) {
    auto charger = boot("CP-MV");
    const auto values = Json::array(
        {sampled_value("1234.5", "Energy.Active.Import.Register", "kWh"), sampled_value("230.1", "Voltage", "V")});
    auto with_phase = values;
    with_phase[1]["phase"] = "L1-N";
    result_of(charger->call("MeterValues", report(0, std::nullopt,
                                                  Json::array({meter_value("2026-11-26T12:00:00Z", with_phase),
                                                               meter_value("2026-11-26T12:01:00Z", with_phase)}))));

    const auto items = get_json("/api/v1/chargers/CP-MV/meter-values")["items"];
    ASSERT_EQ(items.size(), 4u) << items.dump();
    const auto energy = find_value(items, "Energy.Active.Import.Register");
    EXPECT_EQ(energy["value"], 1234500);
    EXPECT_EQ(energy["unit"], "Wh");
    EXPECT_EQ(energy["connectorId"], 0);
    EXPECT_TRUE(energy["transactionId"].is_null());
    EXPECT_EQ(energy["location"], "Outlet"); // OCPP's default
    EXPECT_EQ(energy["format"], "Raw");
    const auto voltage = find_value(items, "Voltage", "L1-N");
    EXPECT_EQ(voltage["value"], 230.1);

    const auto window = get_json("/api/v1/chargers/CP-MV/meter-values?measurand=Voltage&from=2026-11-26T12:01:00Z"
                                 "&to=2026-11-26T12:02:00Z")["items"];
    ASSERT_EQ(window.size(), 1u);
    EXPECT_EQ(window[0]["timestamp"], "2026-11-26T12:01:00.000Z");
}

TEST_F(Ocpp16MeterValues, ValueThatIsNotADecimalNumberIsRefusedAndNothingIsKept) {
    auto charger = boot("CP-MV-BAD");
    const auto refused = error_of(charger->call(
        "MeterValues", report(1, std::nullopt,
                              Json::array({meter_value("2026-11-26T12:00:00Z",
                                                       Json::array({sampled_value("12", "Voltage", "V"),
                                                                    sampled_value("twelve", "Voltage", "V")}))}))));
    EXPECT_EQ(refused.error_code, "PropertyConstraintViolation");
    EXPECT_TRUE(get_json("/api/v1/chargers/CP-MV-BAD/meter-values")["items"].empty());
}

TEST_F(Ocpp16OfflineResend, ResentStartTransactionGetsTheSameTransactionId) {
    put_id_tag("TAG-R");
    std::int64_t first = 0;
    {
        auto charger = boot("CP-OFF");
        first = transaction_id(start_tx(*charger, 1, "TAG-R", 100, "2026-11-26T08:00:00Z"));
        ASSERT_GT(first, 0);
    } // the connection drops before the charger sees the answer
    auto charger = boot("CP-OFF");
    const auto resent = start_tx(*charger, 1, "TAG-R", 100, "2026-11-26T08:00:00Z");
    EXPECT_EQ(transaction_id(resent), first);
    EXPECT_EQ(resent["idTagInfo"]["status"], "Accepted");
    EXPECT_EQ(get_json("/api/v1/sessions?chargerId=CP-OFF")["items"].size(), 1u);

    // A later start on the same connector is a new transaction.
    const auto next = transaction_id(start_tx(*charger, 1, "TAG-R", 200, "2026-11-26T09:00:00Z"));
    EXPECT_NE(next, first);
    EXPECT_EQ(get_json("/api/v1/sessions?chargerId=CP-OFF")["items"].size(), 2u);
}

TEST_F(Ocpp16OfflineResend, ResentStartKeepsTheFirstAnswerAfterTheTagChanged) {
    put_id_tag("TAG-RB");
    auto charger = boot("CP-OFF-B");
    const auto first = start_tx(*charger, 1, "TAG-RB", 0, "2026-11-26T08:00:00Z");
    EXPECT_EQ(first["idTagInfo"]["status"], "Accepted");
    put_id_tag("TAG-RB", {{"status", "Blocked"}});
    const auto resent = start_tx(*charger, 1, "TAG-RB", 0, "2026-11-26T08:00:00Z");
    EXPECT_EQ(transaction_id(resent), transaction_id(first));
    EXPECT_EQ(resent["idTagInfo"]["status"], "Accepted");
}

TEST_F(Ocpp16OfflineResend, ResentStopTransactionChangesNothing) {
    put_id_tag("TAG-S");
    auto charger = boot("CP-OFF-S");
    const auto id = transaction_id(start_tx(*charger, 1, "TAG-S", 1000, "2026-11-26T08:00:00Z"));
    auto stop = stop_payload(id, 5000, "2026-11-26T09:00:00Z");
    stop["reason"] = "Local";
    result_of(charger->call("StopTransaction", stop));
    const auto before = get_json(session_path(id));

    auto resent = stop_payload(id, 9999, "2026-11-26T09:30:00Z");
    resent["reason"] = "PowerLoss";
    EXPECT_EQ(result_of(charger->call("StopTransaction", resent)), Json::object());
    const auto after = get_json(session_path(id));
    EXPECT_EQ(after, before);
    EXPECT_EQ(after["meterStopWh"], 5000);
    EXPECT_EQ(after["energyWh"], 4000);
    EXPECT_TRUE(get_json("/api/v1/orphans")["stops"].empty());
}

TEST_F(Ocpp16OfflineResend, StopForUnknownTransactionIsKeptAsOrphan) {
    put_id_tag("TAG-O");
    auto charger = boot("CP-ORPH");
    auto stop = stop_payload(4242, 777, "2026-11-26T07:00:00Z");
    stop["idTag"] = "TAG-O";
    stop["reason"] = "Reboot";
    const auto answer = result_of(charger->call("StopTransaction", stop));
    EXPECT_EQ(answer["idTagInfo"]["status"], "Accepted"); // never refused: the charger must drop it
    result_of(charger->call("StopTransaction", stop));    // and resent once more

    const auto orphans = get_json("/api/v1/orphans");
    ASSERT_EQ(orphans["stops"].size(), 1u) << orphans.dump();
    const auto &kept = orphans["stops"][0];
    EXPECT_EQ(kept["chargerId"], "CP-ORPH");
    EXPECT_EQ(kept["transactionId"], 4242);
    EXPECT_EQ(kept["idTag"], "TAG-O");
    EXPECT_EQ(kept["meterStopWh"], 777);
    EXPECT_EQ(kept["stoppedAt"], "2026-11-26T07:00:00.000Z");
    EXPECT_EQ(kept["reason"], "Reboot");
    EXPECT_EQ(get("/api/v1/sessions/4242").status, 404); // an orphan is no session
}

TEST_F(Ocpp16OfflineResend, StopForAnotherChargersTransactionIsAnOrphanAndLeavesThatSessionActive) {
    put_id_tag("TAG-OWN");
    auto owner = boot("CP-OWNER");
    auto other = boot("CP-OTHER");
    const auto id = transaction_id(start_tx(*owner, 1, "TAG-OWN", 0, "2026-11-26T08:00:00Z"));
    result_of(other->call("StopTransaction", stop_payload(id, 100, "2026-11-26T08:10:00Z")));
    EXPECT_EQ(get_json(session_path(id))["status"], "active");
    const auto stops = get_json("/api/v1/orphans")["stops"];
    ASSERT_EQ(stops.size(), 1u);
    EXPECT_EQ(stops[0]["chargerId"], "CP-OTHER");
}

TEST_F(Ocpp16OfflineResend, MeterValuesForUnknownTransactionAreKeptAsOrphans) {
    auto charger = boot("CP-ORPH-MV");
    const auto values = Json::array({sampled_value("3.5", "Energy.Active.Import.Register", "kWh")});
    result_of(charger->call("MeterValues",
                            report(2, std::int64_t{5151}, Json::array({meter_value("2026-11-26T06:00:00Z", values)}))));
    result_of(charger->call("MeterValues", // resent
                            report(2, std::int64_t{5151}, Json::array({meter_value("2026-11-26T06:00:00Z", values)}))));

    const auto kept = get_json("/api/v1/orphans")["meterValues"];
    ASSERT_EQ(kept.size(), 1u) << kept.dump();
    EXPECT_EQ(kept[0]["chargerId"], "CP-ORPH-MV");
    EXPECT_EQ(kept[0]["connectorId"], 2);
    EXPECT_EQ(kept[0]["transactionId"], 5151);
    EXPECT_EQ(kept[0]["value"], 3500);
    EXPECT_EQ(kept[0]["rawValue"], "3.5");
    EXPECT_EQ(get("/api/v1/sessions/5151").status, 404);
}

TEST_F(Ocpp16OfflineResend, ResentMeterValuesAreStoredOnce) {
    put_id_tag("TAG-MV");
    auto charger = boot("CP-OFF-MV");
    const auto id = transaction_id(start_tx(*charger, 1, "TAG-MV", 0, "2026-11-26T08:00:00Z"));
    const auto payload =
        report(1, id,
               Json::array({meter_value("2026-11-26T08:05:00Z",
                                        Json::array({sampled_value("100", "Energy.Active.Import.Register", "Wh")}))}));
    result_of(charger->call("MeterValues", payload));
    result_of(charger->call("MeterValues", payload));
    EXPECT_EQ(get_json(session_path(id) + "/meter-values")["items"].size(), 1u);
}
