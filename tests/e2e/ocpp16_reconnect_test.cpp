// OCPP 1.6 chargers reconnecting: a new connection replacing the old one, a charger coming back after
// a clean close, and one whose platform restarted in the middle of a transaction.
#include "e2e_fixture.hpp"
#include "manage/testing/eventually.hpp"

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp16Reconnect : public PlatformFixture {
protected:
    // Waits until the platform counts `count` open OCPP 1.6 connections (the gauge moves when a
    // connection has ended on the server's side).
    void wait_for_connections(int count) {
        const std::string line = "manage_ocpp_connections{version=\"1.6\"} " + std::to_string(count) + "\n";
        std::string last;
        const bool held = manage::testing::eventually([&] {
            last = http_request(http_port(), "GET", "/metrics").body;
            return last.find(line) != std::string::npos;
        });
        EXPECT_TRUE(held) << "never " << count << " connection(s); metrics:\n" << last;
    }
};

Json status_payload(int connector, const std::string &status, const std::string &timestamp) {
    return {{"connectorId", connector}, {"errorCode", "NoError"}, {"status", status}, {"timestamp", timestamp}};
}

} // namespace

TEST_F(Ocpp16Reconnect, NewConnectionReplacesTheOldOneWithoutDuplicateState) {
    auto old_connection = boot("CP-RC");
    result_of(old_connection->call("StatusNotification", status_payload(1, "Available", "2026-11-26T09:00:00Z")));

    auto new_connection = connect("CP-RC");
    const auto closed = old_connection->wait_closed();
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->code, 1008);
    wait_for_connections(1); // the old connection has ended on the server too

    // A charger resuming after a network blip need not boot again: it goes on with Heartbeat.
    result_of(new_connection->call("Heartbeat", Json::object()));
    const auto c = get_json("/api/v1/chargers/CP-RC");
    EXPECT_EQ(c["connected"], true) << "the old connection's end must not hide the new one";
    ASSERT_EQ(c["connectors"].size(), 1u);
    EXPECT_EQ(c["connectors"][0]["status"], "Available");
    EXPECT_EQ(c["connectors"][0]["statusChangedAt"], "2026-11-26T09:00:00.000Z");
    int listed = 0;
    const auto chargers = get_json("/api/v1/chargers");
    for (const auto &item : chargers["items"])
        listed += item["id"] == "CP-RC" ? 1 : 0;
    EXPECT_EQ(listed, 1) << chargers.dump();

    // Booting again on the new connection keeps it one charger.
    EXPECT_EQ(result_of(new_connection->call("BootNotification", boot_payload("ACME", "Volt 22")))["status"],
              "Accepted");
    const auto after_boot = get_json("/api/v1/chargers");
    EXPECT_EQ(after_boot["items"].size(), chargers["items"].size());
    EXPECT_EQ(get_json("/api/v1/chargers/CP-RC")["connectors"][0]["status"], "Available");
}

TEST_F(Ocpp16Reconnect, ChargerThatClosesIsShownDisconnectedAndComesBackWithoutBootingAgain) {
    {
        auto charger = boot("CP-BACK");
        result_of(charger->call("StatusNotification", status_payload(1, "Charging", "2026-11-26T09:00:00Z")));
        const auto closed = charger->close(1000);
        ASSERT_TRUE(closed);
    }
    auto away = wait_for("/api/v1/chargers/CP-BACK", [](const Json &c) { return c["connected"] == false; });
    EXPECT_EQ(away["connectors"][0]["status"], "Charging"); // the last known status stays
    EXPECT_EQ(away["registrationStatus"], "Accepted");

    auto charger = connect("CP-BACK");
    EXPECT_TRUE(result_of(charger->call("Heartbeat", Json::object())).contains("currentTime"));
    EXPECT_EQ(get_json("/api/v1/chargers/CP-BACK")["connected"], true);
}

TEST_F(Ocpp16Reconnect, SessionStartedBeforeAPlatformRestartIsStoppedAfterIt) {
    put_id_tag("TAG-RS");
    std::int64_t id = 0;
    {
        auto charger = boot("CP-RS");
        id = result_of(charger->call("StartTransaction", {{"connectorId", 1},
                                                          {"idTag", "TAG-RS"},
                                                          {"meterStart", 2000},
                                                          {"timestamp", "2026-11-26T08:00:00Z"}}))
                 .value("transactionId", std::int64_t{0});
        ASSERT_GT(id, 0);
        stop();
        ASSERT_TRUE(charger->wait_closed());
    }
    start();
    auto charger = connect("CP-RS");
    result_of(charger->call("StopTransaction",
                            {{"transactionId", id}, {"meterStop", 9000}, {"timestamp", "2026-11-26T09:00:00Z"}}));
    const auto session = get_json("/api/v1/sessions/" + std::to_string(id));
    EXPECT_EQ(session["status"], "stopped");
    EXPECT_EQ(session["energyWh"], 7000);
    EXPECT_TRUE(get_json("/api/v1/orphans")["stops"].empty());

    // The counter survives too: the next transaction gets a new id.
    const auto next = result_of(charger->call(
        "StartTransaction",
        {{"connectorId", 1}, {"idTag", "TAG-RS"}, {"meterStart", 9000}, {"timestamp", "2026-11-26T10:00:00Z"}}));
    EXPECT_GT(next.value("transactionId", std::int64_t{0}), id);
}
