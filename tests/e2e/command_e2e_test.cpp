// Commands through the API to a charger on a real WebSocket: the charger's answer (200), its
// CALLERROR (502), a charger that is not connected (409) and one that never answers (504).
#include "e2e_fixture.hpp"
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

class CommandE2eTest : public manage::testing::PlatformFixture {
protected:
    // The default boot policy, and a one-second answer timeout for the 504 case.
    std::string config_yaml() const override { return "ocpp:\n  chargers: [REG-1, REG-2]\n  call_timeout_s: 1\n"; }

    manage::testing::HttpReply command(const std::string &charger, const std::string &action, const Json &body) {
        return http_request(platform_->http_port(), "POST", "/api/v1/chargers/" + charger + "/commands/" + action,
                            {{"Authorization", "Bearer " + api_key_}, {"Content-Type", "application/json"}},
                            body.dump());
    }

    // Commands go to a charger once the platform has seen it connect.
    void wait_connected(const std::string &charger) {
        const bool connected = manage::testing::eventually([&] {
            const auto reply = http_request(platform_->http_port(), "GET", "/api/v1/chargers/" + charger,
                                            {{"Authorization", "Bearer " + api_key_}});
            return reply.status == 200 && Json::parse(reply.body).value("connected", false);
        });
        EXPECT_TRUE(connected) << charger << " never showed as connected";
    }
};

} // namespace

TEST_F(CommandE2eTest, AnswersWithTheChargersResponseOrItsError) {
    OcppTestClient cp;
    cp.on_call([](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
        if (call.action == "UnlockConnector")
            return ocpp::CallError{call.message_id, "NotSupported", "no lock here", Json::object()};
        return Json{{"status", "Accepted"}};
    });
    ASSERT_TRUE(cp.connect(platform_->ocpp_port(), "REG-1", {"ocpp1.6"}).upgraded);
    wait_connected("REG-1");

    auto reply = command("REG-1", "Reset", {{"type", "Soft"}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body), (Json{{"status", "Accepted"}}));
    EXPECT_FALSE(reply.headers["x-command-id"].empty());

    reply = command("REG-1", "UnlockConnector", {{"connectorId", 1}});
    EXPECT_EQ(reply.status, 502) << reply.body;
    const auto error = Json::parse(reply.body)["error"];
    EXPECT_EQ(error["code"], "charger_error");
    EXPECT_EQ(error["chargerErrorCode"], "NotSupported");
    EXPECT_EQ(error["chargerErrorDescription"], "no lock here");

    const auto audit = http_request(platform_->http_port(), "GET", "/api/v1/chargers/REG-1/commands",
                                    {{"Authorization", "Bearer " + api_key_}});
    ASSERT_EQ(audit.status, 200) << audit.body;
    const auto items = Json::parse(audit.body)["items"];
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0]["apiKey"]["name"], "admin");
}

TEST_F(CommandE2eTest, AChargerThatIsNotConnectedIs409) {
    const auto reply = command("REG-1", "Reset", {{"type", "Soft"}});
    EXPECT_EQ(reply.status, 409) << reply.body;
    EXPECT_EQ(Json::parse(reply.body)["error"]["code"], "not_connected");
}

TEST_F(CommandE2eTest, AChargerThatNeverAnswersIs504) {
    OcppTestClient cp(manage::testing::OcppTestClientOptions{std::chrono::milliseconds(5000), true});
    ASSERT_TRUE(cp.connect(platform_->ocpp_port(), "REG-2", {"ocpp1.6"}).upgraded);
    wait_connected("REG-2");
    const auto reply = command("REG-2", "ClearCache", Json::object());
    EXPECT_EQ(reply.status, 504) << reply.body;
    EXPECT_EQ(Json::parse(reply.body)["error"]["code"], "timeout");
}
