// The whole platform in one process, as `manage up` runs it, on port 0: a charge point written in the
// test suite connects, boots and reports status, and the API shows it.
#include "e2e_fixture.hpp"
#include "manage/common/config.hpp"
#include "manage/testing/eventually.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <thread>
#include <unistd.h>

using namespace manage;
using manage::testing::http_request;
using manage::testing::OcppTestClient;
using Json = nlohmann::json;

namespace {

class PlatformTest : public manage::testing::PlatformFixture {
protected:
    std::string config_yaml() const override {
        return "ocpp:\n  boot_policy: accept\n  chargers: [REG-1]\n  ping_interval_s: 5\n";
    }

    Json charger(const std::string &id) {
        const auto reply = get("/api/v1/chargers/" + id);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return Json::parse(reply.body);
    }

    // Polls the API until `predicate` holds for the charger (events cross threads).
    Json wait_for_charger(const std::string &id, const std::function<bool(const Json &)> &predicate) {
        Json last;
        const bool held = manage::testing::eventually([&] {
            last = charger(id);
            return predicate(last);
        });
        EXPECT_TRUE(held) << "condition never held; last state: " << last.dump();
        return last;
    }

    static Json result(const manage::testing::CallAnswer &answer) {
        if (const auto *error = std::get_if<ocpp::CallError>(&answer)) {
            ADD_FAILURE() << "CALLERROR " << error->error_code << ": " << error->description;
            return {};
        }
        return std::get<ocpp::CallResult>(answer).payload;
    }
};

} // namespace

TEST_F(PlatformTest, Ocpp16ChargerBootsReportsStatusAndIsListed) {
    OcppTestClient cp;
    const auto handshake = cp.connect(platform_->ocpp_port(), "CP-16", {"ocpp1.6"});
    ASSERT_TRUE(handshake.upgraded) << handshake.error;
    EXPECT_EQ(handshake.subprotocol, "ocpp1.6");

    const auto boot = result(cp.call("BootNotification", {{"chargePointVendor", "ACME"},
                                                          {"chargePointModel", "Volt 22"},
                                                          {"chargePointSerialNumber", "SN-16"},
                                                          {"firmwareVersion", "1.4.2"}}));
    EXPECT_EQ(boot["status"], "Accepted");
    EXPECT_GT(boot["interval"].get<int>(), 0);
    EXPECT_TRUE(boot.contains("currentTime"));

    result(cp.call("StatusNotification", {{"connectorId", 0}, {"errorCode", "NoError"}, {"status", "Available"}}));
    result(cp.call(
        "StatusNotification",
        {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Charging"}, {"timestamp", "2026-11-26T10:00:00Z"}}));
    result(cp.call("StatusNotification", {{"connectorId", 2},
                                          {"errorCode", "GroundFailure"},
                                          {"status", "Faulted"},
                                          {"info", "RCD tripped"},
                                          {"vendorErrorCode", "E-17"}}));
    EXPECT_TRUE(result(cp.call("Heartbeat", Json::object())).contains("currentTime"));

    const auto c = charger("CP-16");
    EXPECT_EQ(c["registrationStatus"], "Accepted");
    EXPECT_EQ(c["vendor"], "ACME");
    EXPECT_EQ(c["model"], "Volt 22");
    EXPECT_EQ(c["serialNumber"], "SN-16");
    EXPECT_EQ(c["firmwareVersion"], "1.4.2");
    EXPECT_EQ(c["ocppVersion"], "1.6");
    EXPECT_EQ(c["connected"], true);
    EXPECT_TRUE(c["lastSeen"].is_string());
    EXPECT_EQ(c["status"], "Available");
    ASSERT_EQ(c["connectors"].size(), 2u);
    EXPECT_EQ(c["connectors"][0]["connectorId"], 1);
    EXPECT_EQ(c["connectors"][0]["status"], "Charging");
    EXPECT_EQ(c["connectors"][0]["errorCode"], "NoError");
    EXPECT_EQ(c["connectors"][0]["statusChangedAt"], "2026-11-26T10:00:00.000Z");
    EXPECT_EQ(c["connectors"][1]["status"], "Faulted");
    EXPECT_EQ(c["connectors"][1]["errorCode"], "GroundFailure");
    EXPECT_EQ(c["connectors"][1]["info"], "RCD tripped");
    EXPECT_EQ(c["connectors"][1]["vendorErrorCode"], "E-17");

    const auto list = Json::parse(get("/api/v1/chargers").body);
    std::vector<std::string> ids;
    for (const auto &item : list["items"])
        ids.push_back(item["id"]);
    EXPECT_EQ(ids, (std::vector<std::string>{"CP-16", "REG-1"}));

    cp.close(1000);
    wait_for_charger("CP-16", [](const Json &j) { return j["connected"] == false; });
}

TEST_F(PlatformTest, Ocpp201ChargerOnTheSamePort) {
    OcppTestClient cs;
    const auto handshake = cs.connect(platform_->ocpp_port(), "CS-201", {"ocpp2.0.1"});
    ASSERT_TRUE(handshake.upgraded) << handshake.error;
    EXPECT_EQ(handshake.subprotocol, "ocpp2.0.1");
    const auto boot =
        result(cs.call("BootNotification",
                       {{"chargingStation", {{"vendorName", "ACME"}, {"model", "Volt 2"}, {"firmwareVersion", "2.1"}}},
                        {"reason", "PowerUp"}}));
    EXPECT_EQ(boot["status"], "Accepted");
    result(cs.call(
        "StatusNotification",
        {{"timestamp", "2026-11-26T11:00:00Z"}, {"connectorStatus", "Occupied"}, {"evseId", 1}, {"connectorId", 1}}));
    const auto c = charger("CS-201");
    EXPECT_EQ(c["ocppVersion"], "2.0.1");
    EXPECT_EQ(c["vendor"], "ACME");
    ASSERT_EQ(c["connectors"].size(), 1u);
    EXPECT_EQ(c["connectors"][0]["evseId"], 1);
    EXPECT_EQ(c["connectors"][0]["status"], "Occupied");
}

TEST_F(PlatformTest, InvalidFramesGetTheVersionsErrorCodes) {
    OcppTestClient cp;
    ASSERT_TRUE(cp.connect(platform_->ocpp_port(), "CP-BAD", {"ocpp1.6"}).upgraded);
    const auto missing = cp.call("BootNotification", {{"chargePointVendor", "ACME"}});
    ASSERT_TRUE(std::holds_alternative<ocpp::CallError>(missing));
    EXPECT_EQ(std::get<ocpp::CallError>(missing).error_code, "OccurenceConstraintViolation");
    const auto unknown = cp.call("MakeCoffee", Json::object());
    ASSERT_TRUE(std::holds_alternative<ocpp::CallError>(unknown));
    EXPECT_EQ(std::get<ocpp::CallError>(unknown).error_code, "NotImplemented");
    // The connection survives and the platform still serves it.
    EXPECT_EQ(result(cp.call("BootNotification", {{"chargePointVendor", "A"}, {"chargePointModel", "B"}}))["status"],
              "Accepted");
}

TEST_F(PlatformTest, RejectedChargerIsRecordedButMayNotTalk) {
    stop();
    // Same data directory, new configuration: unknown chargers are now rejected.
    auto config = load_config_text("ocpp:\n  boot_policy: reject\n", {{"MANAGE_HTTP_LISTEN", "127.0.0.1:0"},
                                                                      {"MANAGE_OCPP_LISTEN", "127.0.0.1:0"},
                                                                      {"MANAGE_DATA_DIR", dir_.string()},
                                                                      {"MANAGE_LOG_LEVEL", "warn"}});
    ASSERT_TRUE(config);
    platform_ = std::move(platform::Platform::create(config.value(), platform::Services{}).value());
    ASSERT_TRUE(platform_->start());
    runner_ = std::thread([this] { platform_->run(2, false); });

    OcppTestClient cp;
    ASSERT_TRUE(cp.connect(platform_->ocpp_port(), "STRANGER", {"ocpp1.6"}).upgraded);
    EXPECT_EQ(result(cp.call("BootNotification", {{"chargePointVendor", "X"}, {"chargePointModel", "Y"}}))["status"],
              "Rejected");
    const auto refused = cp.call("Heartbeat", Json::object());
    ASSERT_TRUE(std::holds_alternative<ocpp::CallError>(refused));
    EXPECT_EQ(std::get<ocpp::CallError>(refused).error_code, "SecurityError");
    EXPECT_EQ(charger("STRANGER")["registrationStatus"], "Rejected");

    // An operator registers it through the API; at its next boot it is accepted.
    const auto registered = http_request(platform_->http_port(), "POST", "/api/v1/chargers",
                                         {{"Authorization", "Bearer " + api_key_}}, R"({"id":"STRANGER"})");
    EXPECT_EQ(registered.status, 200) << registered.body;
    EXPECT_EQ(result(cp.call("BootNotification", {{"chargePointVendor", "X"}, {"chargePointModel", "Y"}}))["status"],
              "Accepted");
}

TEST_F(PlatformTest, ApiNeedsAKeyAndAnswersErrorsInOneShape) {
    const auto anonymous = http_request(platform_->http_port(), "GET", "/api/v1/chargers");
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(Json::parse(anonymous.body)["error"]["code"], "unauthenticated");
    const auto wrong =
        http_request(platform_->http_port(), "GET", "/api/v1/chargers", {{"Authorization", "Bearer mng_wrong"}});
    EXPECT_EQ(wrong.status, 401);

    const auto missing = get("/api/v1/chargers/NOPE");
    EXPECT_EQ(missing.status, 404);
    const auto body = Json::parse(missing.body);
    EXPECT_EQ(body["error"]["code"], "charger_not_found");
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
    EXPECT_FALSE(missing.headers.at("x-request-id").empty());

    const auto bad = http_request(platform_->http_port(), "POST", "/api/v1/chargers",
                                  {{"Authorization", "Bearer " + api_key_}}, R"({"id":"a/b"})");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(Json::parse(bad.body)["error"]["field"], "id");

    const auto created = http_request(platform_->http_port(), "POST", "/api/v1/chargers",
                                      {{"Authorization", "Bearer " + api_key_}}, R"({"id":"NEW-1"})");
    EXPECT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(Json::parse(created.body)["registrationStatus"], "Accepted");
}

TEST_F(PlatformTest, HealthReadinessAndMetricsAreOpen) {
    EXPECT_EQ(http_request(platform_->http_port(), "GET", "/healthz").status, 200);
    const auto ready = http_request(platform_->http_port(), "GET", "/readyz");
    EXPECT_EQ(ready.status, 200) << ready.body;
    EXPECT_EQ(Json::parse(ready.body)["checks"]["store"], true);

    OcppTestClient cp;
    ASSERT_TRUE(cp.connect(platform_->ocpp_port(), "CP-M", {"ocpp1.6"}).upgraded);
    result(cp.call("BootNotification", {{"chargePointVendor", "A"}, {"chargePointModel", "B"}}));
    const auto metrics = http_request(platform_->http_port(), "GET", "/metrics");
    EXPECT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("manage_ocpp_connections{version=\"1.6\"} 1"), std::string::npos) << metrics.body;
    EXPECT_NE(metrics.body.find("manage_ocpp_messages_total{action=\"BootNotification\""), std::string::npos);
    EXPECT_NE(metrics.body.find("manage_http_requests_total"), std::string::npos);
}

TEST_F(PlatformTest, StopClosesChargersWithGoingAway) {
    OcppTestClient cp;
    ASSERT_TRUE(cp.connect(platform_->ocpp_port(), "CP-S", {"ocpp1.6"}).upgraded);
    result(cp.call("BootNotification", {{"chargePointVendor", "A"}, {"chargePointModel", "B"}}));
    stop();
    const auto closed = cp.wait_closed();
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->code, 1001);
}

TEST_F(PlatformTest, StateSurvivesARestart) {
    {
        OcppTestClient cp;
        ASSERT_TRUE(cp.connect(platform_->ocpp_port(), "CP-R", {"ocpp1.6"}).upgraded);
        result(cp.call("BootNotification", {{"chargePointVendor", "ACME"}, {"chargePointModel", "B"}}));
        result(cp.call("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}}));
    }
    stop();
    start();
    const auto c = charger("CP-R");
    EXPECT_EQ(c["vendor"], "ACME");
    EXPECT_EQ(c["connectors"][0]["status"], "Available");
    EXPECT_EQ(c["connected"], false);
}
