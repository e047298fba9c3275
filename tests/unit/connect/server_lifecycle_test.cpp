// Connections over time: replacement by a reconnect, keep-alive, stop(), and the metrics.
#include "server_fixture.hpp"

namespace manage::connect {
namespace {

class LifecycleTest : public ServerTest {};

std::variant<ocpp::Json, ocpp::CallError> accept_all(const ocpp::Call &) {
    return ocpp::Json{{"status", "Accepted"}};
}

TEST_F(LifecycleTest, ASecondConnectionWithTheSameIdReplacesTheFirst) {
    start();
    auto old_connection = connect("CP-1");
    auto new_connection = connect("CP-1", {"ocpp2.0.1"});
    new_connection->on_call(accept_all);

    const auto closed = old_connection->wait_closed();
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->code, 1008);
    const auto reason = dispatcher_.wait_disconnected();
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("replaced"), std::string::npos) << *reason;
    EXPECT_EQ(dispatcher_.disconnected().at(0).first.version, ocpp::Version::v16);

    EXPECT_TRUE(server().is_connected("CP-1"));
    EXPECT_EQ(server().connection_count(), 1u);
    const auto response = call("CP-1", "Reset", ocpp::Json{{"type", "Immediate"}});
    EXPECT_FALSE(response.failure) << response.description;
    EXPECT_EQ(metric("manage_ocpp_connections", {{"version", "1.6"}}), 0.0);
    EXPECT_EQ(metric("manage_ocpp_connections", {{"version", "2.0.1"}}), 1.0);
}

TEST_F(LifecycleTest, ASilentChargerIsDetectedDead) {
    OcppServerOptions options;
    options.ping_interval = 1s;
    start(options);
    auto silent = connect("CP-SILENT", {"ocpp1.6"}, {.silent = true});
    auto alive = connect("CP-ALIVE");

    const auto reason = dispatcher_.wait_disconnected();
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("ping"), std::string::npos) << *reason;
    EXPECT_EQ(dispatcher_.disconnected().at(0).first.charge_point_id, "CP-SILENT");
    EXPECT_FALSE(server().is_connected("CP-SILENT"));
    // The other charger answered its pings and stays.
    EXPECT_TRUE(server().is_connected("CP-ALIVE"));
    EXPECT_GE(alive->pings_received(), 1u);
    EXPECT_TRUE(alive->is_open());
}

TEST_F(LifecycleTest, StopClosesEveryConnectionWithGoingAway) {
    start();
    auto one = connect("CP-1");
    auto two = connect("CP-2", {"ocpp2.0.1"});
    auto pending = call_async("CP-1", "Reset", ocpp::Json{{"type", "Soft"}});
    ASSERT_TRUE(one->next_frame()); // the CALL is out; it is never answered

    server().stop();
    for (auto *charger : {one.get(), two.get()}) {
        const auto closed = charger->wait_closed();
        ASSERT_TRUE(closed);
        EXPECT_EQ(closed->code, 1001);
    }
    ASSERT_EQ(pending.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(pending.get().failure, CallFailure::ConnectionLost);
    EXPECT_TRUE(dispatcher_.wait_disconnected(2));
    EXPECT_EQ(server().connection_count(), 0u);
    EXPECT_EQ(call("CP-2", "Reset", ocpp::Json{{"type", "Immediate"}}).failure, CallFailure::NotConnected);

    OcppTestClient late;
    EXPECT_FALSE(late.connect(port(), "CP-3").upgraded);
    // TearDown checks that the io_context runs out of work.
}

TEST_F(LifecycleTest, MetricsCountConnectionsAndMessages) {
    start();
    auto v16 = connect("CP-1", {"ocpp1.6"});
    auto v201 = connect("CP-2", {"ocpp2.0.1"});
    EXPECT_EQ(metric("manage_ocpp_connections", {{"version", "1.6"}}), 1.0);
    EXPECT_EQ(metric("manage_ocpp_connections", {{"version", "2.0.1"}}), 1.0);

    v16->call("Heartbeat", ocpp::Json::object());
    v16->call("Heartbeat", ocpp::Json::object());
    v201->call("BrewCoffee", ocpp::Json::object());
    v16->on_call(accept_all);
    EXPECT_FALSE(call("CP-1", "Reset", ocpp::Json{{"type", "Soft"}}).failure);

    const auto messages = [&](const char *direction, const char *action, const char *type) {
        return metric("manage_ocpp_messages_total", {{"direction", direction}, {"action", action}, {"type", type}});
    };
    EXPECT_EQ(messages("in", "Heartbeat", "call"), 2.0);
    EXPECT_EQ(messages("out", "Heartbeat", "result"), 2.0);
    EXPECT_EQ(messages("in", "unknown", "call"), 1.0);
    EXPECT_EQ(messages("out", "unknown", "error"), 1.0);
    EXPECT_EQ(messages("out", "Reset", "call"), 1.0);
    EXPECT_EQ(messages("in", "Reset", "result"), 1.0);

    v16->close();
    EXPECT_TRUE(dispatcher_.wait_disconnected());
    EXPECT_EQ(metric("manage_ocpp_connections", {{"version", "1.6"}}), 0.0);
    EXPECT_EQ(metric("manage_ocpp_connections", {{"version", "2.0.1"}}), 1.0);
}

} // namespace
} // namespace manage::connect
