// The dispatcher's own rules: which actions it handles per version, and that a charger not accepted
// may only boot. The 2.0.1 handlers are still tested here; the 1.6 ones in v16_*_test.cpp.
#include "dispatcher_fixture.hpp"
#include "v16_samples.hpp"

#include "manage/core/command_service.hpp"

#include <algorithm>

namespace manage::connect::testing {
namespace {

TEST_F(DispatcherTest, PendingAndRejectedAreTold) {
    core_.boot_status = BootStatus::Pending;
    EXPECT_EQ(result("BootNotification", {{"chargePointVendor", "A"}, {"chargePointModel", "B"}})["status"], "Pending");
    core_.boot_status = BootStatus::Rejected;
    EXPECT_EQ(
        result_of(ocpp::Version::v201, "BootNotification",
                  call(ocpp::Version::v201, "BootNotification",
                       {{"chargingStation", {{"vendorName", "A"}, {"model", "B"}}}, {"reason", "PowerUp"}}))["status"],
        "Rejected");
}

TEST_F(DispatcherTest, V201BootNotificationCarriesTheReason) {
    const auto answer = result_of(
        ocpp::Version::v201, "BootNotification",
        call(ocpp::Version::v201, "BootNotification",
             {{"chargingStation",
               {{"vendorName", "ACME"}, {"model", "Volt 2"}, {"serialNumber", "S2"}, {"firmwareVersion", "2.0"}}},
              {"reason", "FirmwareUpdate"}}));
    EXPECT_EQ(answer["status"], "Accepted");
    EXPECT_EQ(core_.last_boot.reason, "FirmwareUpdate");
    EXPECT_EQ(core_.last_boot.serial_number, "S2");
}

TEST_F(DispatcherTest, V201HeartbeatAnswersCoreTime) {
    EXPECT_EQ(result_of(ocpp::Version::v201, "Heartbeat",
                        call(ocpp::Version::v201, "Heartbeat", ocpp::Json::object()))["currentTime"],
              "2026-11-26T10:00:00.000Z");
}

TEST_F(DispatcherTest, V201StatusNotificationKeepsEvseAndConnector) {
    result_of(ocpp::Version::v201, "StatusNotification",
              call(ocpp::Version::v201, "StatusNotification",
                   {{"timestamp", "2026-11-26T09:58:00Z"},
                    {"connectorStatus", "Occupied"},
                    {"evseId", 3},
                    {"connectorId", 2}}));
    EXPECT_EQ(core_.last_status.evse_id, 3);
    EXPECT_EQ(core_.last_status.connector_id, 2);
    EXPECT_EQ(core_.last_status.status, "Occupied");
}

// 2.0.1 B02.FR.09 / B03.FR.08, applied to 1.6 too: until accepted, a charger may only boot.
TEST_F(DispatcherTest, ChargerNotAcceptedMayOnlyBoot) {
    core_.accepted = false;
    for (const auto &action : OcppDispatcher::handled_actions(ocpp::Version::v16)) {
        if (action == "BootNotification")
            continue;
        SCOPED_TRACE(action);
        const auto refused = error_of(call(ocpp::Version::v16, action, v16_request(action)));
        EXPECT_EQ(refused.error_code, "SecurityError");
        EXPECT_EQ(refused.message_id, "m1");
    }
    EXPECT_EQ(error_of(call(ocpp::Version::v201, "Heartbeat", ocpp::Json::object())).error_code, "SecurityError");
    EXPECT_TRUE(core_.calls.empty()) << core_.calls.front();
    EXPECT_EQ(result("BootNotification", v16_request("BootNotification"))["status"], "Accepted");
}

// Acceptance only ever grows in core, so one "accepted" holds for the connection; a new connection asks again.
TEST_F(DispatcherTest, AcceptanceIsAskedOncePerConnection) {
    const auto asked = run<int>([&]() -> asio::awaitable<int> {
        OcppDispatcher dispatcher(core_, workers_);
        auto info = connection(ocpp::Version::v16);
        dispatcher.on_connected(info);
        const ocpp::Call heartbeat{"m1", "Heartbeat", ocpp::Json::object()};
        co_await dispatcher.on_call(info, heartbeat);
        co_await dispatcher.on_call(info, heartbeat);
        const int on_first_connection = core_.accepts_asked;
        info.connection_id = 2;
        dispatcher.on_connected(info);
        co_await dispatcher.on_call(info, heartbeat);
        co_return on_first_connection;
    });
    EXPECT_EQ(asked, 1);
    EXPECT_EQ(core_.accepts_asked, 2);
}

// Until acceptance is known, every CALL asks: a Pending charger accepted later is let in.
TEST_F(DispatcherTest, RefusedChargerIsAskedAgainOnItsNextCall) {
    core_.accepted = false;
    const auto first = run<CallOutcome>([&]() -> asio::awaitable<CallOutcome> {
        OcppDispatcher dispatcher(core_, workers_);
        const auto info = connection(ocpp::Version::v16);
        dispatcher.on_connected(info);
        const ocpp::Call heartbeat{"m1", "Heartbeat", ocpp::Json::object()};
        auto refused = co_await dispatcher.on_call(info, heartbeat);
        core_.accepted = true;
        auto answered = co_await dispatcher.on_call(info, heartbeat);
        EXPECT_TRUE(std::holds_alternative<ocpp::Json>(answered));
        co_return refused;
    });
    EXPECT_EQ(error_of(first).error_code, "SecurityError");
}

TEST_F(DispatcherTest, EveryChargerInitiatedOcpp16MessageIsHandled) {
    const auto handled = OcppDispatcher::handled_actions(ocpp::Version::v16);
    const std::vector<std::string> expected{"Authorize",
                                            "BootNotification",
                                            "DataTransfer",
                                            "DiagnosticsStatusNotification",
                                            "FirmwareStatusNotification",
                                            "Heartbeat",
                                            "LogStatusNotification",
                                            "MeterValues",
                                            "SecurityEventNotification",
                                            "SignCertificate",
                                            "SignedFirmwareStatusNotification",
                                            "StartTransaction",
                                            "StatusNotification",
                                            "StopTransaction"};
    EXPECT_EQ(handled, expected);
}

// Every action of 2.0.1 is handled (the charger's) or a command (the CSMS's); DataTransfer is both.
TEST_F(DispatcherTest, EveryChargerInitiatedOcpp201MessageIsHandled) {
    const auto handled = OcppDispatcher::handled_actions(ocpp::Version::v201);
    const auto &commands = core::command_actions(ocpp::Version::v201);
    std::vector<std::string> neither;
    for (const auto &action : ocpp::known_actions(ocpp::Version::v201)) {
        const bool is_handled = std::find(handled.begin(), handled.end(), action) != handled.end();
        const bool is_command = std::find(commands.begin(), commands.end(), action) != commands.end();
        if (!is_handled && !is_command)
            neither.push_back(action);
        if (is_handled && is_command) {
            EXPECT_EQ(action, "DataTransfer") << action << " is both handled and sent";
        }
    }
    EXPECT_EQ(neither, std::vector<std::string>{});
    EXPECT_EQ(handled.size() + commands.size(), ocpp::known_actions(ocpp::Version::v201).size() + 1);
}

// What a charger may not send: a message only the central system sends is NotSupported (OCPP-J: "recognized
// but not supported by the receiver"), an action the version does not define is NotImplemented.
TEST_F(DispatcherTest, CentralSystemMessageFromAChargerIsNotSupported) {
    const auto refused = error_of(call(ocpp::Version::v201, "Reset", {{"type", "Immediate"}}));
    EXPECT_EQ(refused.error_code, "NotSupported");
    EXPECT_NE(refused.description.find("Reset"), std::string::npos);
    EXPECT_EQ(refusal(ocpp::Version::v201, "Reset", {{"type", "Immediate"}}).error_code, "NotSupported");
    EXPECT_EQ(refusal("RemoteStartTransaction", {{"idTag", "TAG-0001"}}).error_code, "NotSupported");
    EXPECT_EQ(refusal(ocpp::Version::v201, "NotifyEverything", ocpp::Json::object()).error_code, "NotImplemented");
    EXPECT_EQ(refusal("NotifyEvent", ocpp::Json::object()).error_code, "NotImplemented"); // not a 1.6 action
    EXPECT_TRUE(core_.calls.empty()) << core_.calls.front();
}

} // namespace
} // namespace manage::connect::testing

namespace manage::connect::testing {
namespace {

// A charger that reconnects before its old connection has ended: the old connection's end comes
// after the new one is up, and must not mark the charger disconnected.
TEST(DispatcherConnections, ReplacedConnectionEndingLeavesTheChargerConnected) {
    FakeCore core;
    asio::thread_pool workers{1};
    OcppDispatcher dispatcher(core, workers);
    const ConnectionInfo old_connection{"CP-1", ocpp::Version::v16, "127.0.0.1:40000", 1};
    const ConnectionInfo new_connection{"CP-1", ocpp::Version::v16, "127.0.0.1:40001", 2};

    dispatcher.on_connected(old_connection);
    dispatcher.on_connected(new_connection);
    dispatcher.on_disconnected(old_connection, "replaced by a new connection");
    EXPECT_EQ(core.calls, (std::vector<std::string>{"connected CP-1", "connected CP-1"}));

    dispatcher.on_disconnected(new_connection, "connection lost");
    EXPECT_EQ(core.calls.back(), "disconnected CP-1");
    workers.join();
}

} // namespace
} // namespace manage::connect::testing
