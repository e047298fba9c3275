#include "manage/connect/ocpp_dispatcher.hpp"

#include "manage/common/time_format.hpp"

#include <gtest/gtest.h>

#include <mutex>

using namespace manage;
using namespace manage::connect;

namespace {

// Records what the handlers ask of core and answers as configured.
class FakeCore final : public CoreLink {
public:
    void connected(const std::string &id, ocpp::Version) override { log("connected " + id); }
    void disconnected(const std::string &id) override { log("disconnected " + id); }
    BootAnswer boot(const std::string &id, ocpp::Version, const BootRequest &request) override {
        log("boot " + id);
        std::lock_guard lock(mutex_);
        last_boot = request;
        return BootAnswer{boot_status, 120, now};
    }
    bool accepts(const std::string &) override { return accepted; }
    TimePoint heartbeat(const std::string &id) override {
        log("heartbeat " + id);
        return now;
    }
    void status(const std::string &id, const StatusUpdate &update) override {
        log("status " + id);
        std::lock_guard lock(mutex_);
        last_status = update;
    }
    void log(const std::string &line) {
        std::lock_guard lock(mutex_);
        calls.push_back(line);
    }

    BootStatus boot_status = BootStatus::Accepted;
    bool accepted = true;
    TimePoint now = *parse_time("2026-11-26T10:00:00Z");
    BootRequest last_boot;
    StatusUpdate last_status;
    std::vector<std::string> calls;
    std::mutex mutex_;
};

class DispatcherTest : public ::testing::Test {
protected:
    CallOutcome call(ocpp::Version version, const std::string &action, ocpp::Json payload) {
        OcppDispatcher dispatcher(core_, workers_);
        // A long id: GCC 12 once freed by-value captures of such strings twice inside co_await.
        const ConnectionInfo connection{"DEPOT-NORTH-BAY-07-CHARGER-0001", version, "127.0.0.1", 1};
        std::optional<CallOutcome> outcome;
        asio::co_spawn(
            io_,
            [&]() -> asio::awaitable<void> {
                outcome = co_await dispatcher.on_call(connection, ocpp::Call{"m1", action, std::move(payload)});
            },
            asio::detached);
        io_.run();
        io_.restart();
        EXPECT_TRUE(outcome.has_value());
        return outcome.value_or(CallOutcome{ocpp::Json()});
    }
    static ocpp::Json result(const CallOutcome &outcome) {
        EXPECT_TRUE(std::holds_alternative<ocpp::Json>(outcome));
        return std::holds_alternative<ocpp::Json>(outcome) ? std::get<ocpp::Json>(outcome) : ocpp::Json();
    }
    static ocpp::CallError error(const CallOutcome &outcome) {
        EXPECT_TRUE(std::holds_alternative<ocpp::CallError>(outcome));
        return std::holds_alternative<ocpp::CallError>(outcome) ? std::get<ocpp::CallError>(outcome)
                                                                : ocpp::CallError{};
    }

    FakeCore core_;
    asio::io_context io_;
    asio::thread_pool workers_{2};
};

} // namespace

TEST_F(DispatcherTest, V16BootNotificationIsAnsweredFromCore) {
    const auto answer = result(call(ocpp::Version::v16, "BootNotification",
                                    {{"chargePointVendor", "ACME"},
                                     {"chargePointModel", "Volt 22"},
                                     {"chargeBoxSerialNumber", "BOX-1"},
                                     {"firmwareVersion", "1.4.2"}}));
    EXPECT_EQ(answer["status"], "Accepted");
    EXPECT_EQ(answer["interval"], 120);
    EXPECT_EQ(answer["currentTime"], "2026-11-26T10:00:00.000Z");
    EXPECT_EQ(core_.last_boot.vendor, "ACME");
    EXPECT_EQ(core_.last_boot.model, "Volt 22");
    EXPECT_EQ(core_.last_boot.serial_number, "BOX-1"); // the deprecated field still counts
    EXPECT_EQ(core_.last_boot.firmware_version, "1.4.2");
}

TEST_F(DispatcherTest, V16BootPrefersChargePointSerialNumber) {
    call(ocpp::Version::v16, "BootNotification",
         {{"chargePointVendor", "A"},
          {"chargePointModel", "B"},
          {"chargeBoxSerialNumber", "BOX"},
          {"chargePointSerialNumber", "CP"}});
    EXPECT_EQ(core_.last_boot.serial_number, "CP");
}

TEST_F(DispatcherTest, PendingAndRejectedAreTold) {
    core_.boot_status = BootStatus::Pending;
    EXPECT_EQ(result(call(ocpp::Version::v16, "BootNotification",
                          {{"chargePointVendor", "A"}, {"chargePointModel", "B"}}))["status"],
              "Pending");
    core_.boot_status = BootStatus::Rejected;
    EXPECT_EQ(
        result(call(ocpp::Version::v201, "BootNotification",
                    {{"chargingStation", {{"vendorName", "A"}, {"model", "B"}}}, {"reason", "PowerUp"}}))["status"],
        "Rejected");
}

TEST_F(DispatcherTest, V201BootNotificationCarriesTheReason) {
    const auto answer = result(
        call(ocpp::Version::v201, "BootNotification",
             {{"chargingStation",
               {{"vendorName", "ACME"}, {"model", "Volt 2"}, {"serialNumber", "S2"}, {"firmwareVersion", "2.0"}}},
              {"reason", "FirmwareUpdate"}}));
    EXPECT_EQ(answer["status"], "Accepted");
    EXPECT_EQ(core_.last_boot.reason, "FirmwareUpdate");
    EXPECT_EQ(core_.last_boot.serial_number, "S2");
}

TEST_F(DispatcherTest, HeartbeatAnswersCoreTime) {
    EXPECT_EQ(result(call(ocpp::Version::v16, "Heartbeat", ocpp::Json::object()))["currentTime"],
              "2026-11-26T10:00:00.000Z");
    EXPECT_EQ(result(call(ocpp::Version::v201, "Heartbeat", ocpp::Json::object()))["currentTime"],
              "2026-11-26T10:00:00.000Z");
}

TEST_F(DispatcherTest, V16StatusNotificationMapsConnectorToEvse) {
    const auto answer = result(call(ocpp::Version::v16, "StatusNotification",
                                    {{"connectorId", 2},
                                     {"errorCode", "GroundFailure"},
                                     {"status", "Faulted"},
                                     {"info", "RCD"},
                                     {"vendorErrorCode", "E1"},
                                     {"timestamp", "2026-11-26T09:59:00Z"}}));
    EXPECT_TRUE(answer.is_object() && answer.empty());
    EXPECT_EQ(core_.last_status.evse_id, 2);
    EXPECT_EQ(core_.last_status.connector_id, 2);
    EXPECT_EQ(core_.last_status.status, "Faulted");
    EXPECT_EQ(core_.last_status.error_code, "GroundFailure");
    EXPECT_EQ(core_.last_status.info, "RCD");
    EXPECT_EQ(core_.last_status.vendor_error_code, "E1");
    EXPECT_EQ(core_.last_status.timestamp, parse_time("2026-11-26T09:59:00Z"));
}

TEST_F(DispatcherTest, V201StatusNotificationKeepsEvseAndConnector) {
    result(call(
        ocpp::Version::v201, "StatusNotification",
        {{"timestamp", "2026-11-26T09:58:00Z"}, {"connectorStatus", "Occupied"}, {"evseId", 3}, {"connectorId", 2}}));
    EXPECT_EQ(core_.last_status.evse_id, 3);
    EXPECT_EQ(core_.last_status.connector_id, 2);
    EXPECT_EQ(core_.last_status.status, "Occupied");
}

TEST_F(DispatcherTest, ChargerNotAcceptedMayOnlyBoot) {
    core_.accepted = false;
    for (auto version : {ocpp::Version::v16, ocpp::Version::v201}) {
        const auto refused = error(call(version, "Heartbeat", ocpp::Json::object()));
        EXPECT_EQ(refused.error_code, "SecurityError");
        EXPECT_EQ(refused.message_id, "m1");
    }
    EXPECT_TRUE(std::find(core_.calls.begin(), core_.calls.end(), "heartbeat DEPOT-NORTH-BAY-07-CHARGER-0001") ==
                core_.calls.end());
    EXPECT_EQ(result(call(ocpp::Version::v16, "BootNotification",
                          {{"chargePointVendor", "A"}, {"chargePointModel", "B"}}))["status"],
              "Accepted");
}

TEST_F(DispatcherTest, KnownButUnhandledActionIsNotSupported) {
    const auto refused = error(call(ocpp::Version::v16, "Authorize", {{"idTag", "TAG"}}));
    EXPECT_EQ(refused.error_code, "NotSupported");
    EXPECT_NE(refused.description.find("Authorize"), std::string::npos);
}
