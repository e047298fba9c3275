// Commands through the API to a charger on a real WebSocket: the charger's answer (200), its
// CALLERROR (502), a charger that is not connected (409) and one that never answers (504).
#include "http_client.hpp"
#include "manage/common/config.hpp"
#include "manage/platform/platform.hpp"
#include "manage/testing/eventually.hpp"
#include "manage/testing/ocpp_test_client.hpp"

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

class CommandE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ =
            std::filesystem::temp_directory_path() / ("manage-e2e-cmd-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        auto config = load_config_text("ocpp:\n  chargers: [REG-1, REG-2]\n  call_timeout_s: 1\n",
                                       {{"MANAGE_HTTP_LISTEN", "127.0.0.1:0"},
                                        {"MANAGE_OCPP_LISTEN", "127.0.0.1:0"},
                                        {"MANAGE_DATA_DIR", dir_.string()},
                                        {"MANAGE_LOG_LEVEL", "warn"}});
        ASSERT_TRUE(config) << config.error().message;
        auto created = platform::Platform::create(config.value(), platform::Services{});
        ASSERT_TRUE(created) << created.error().message;
        platform_ = std::move(created.value());
        auto started = platform_->start();
        ASSERT_TRUE(started) << started.error().message;
        runner_ = std::thread([this] { platform_->run(2, false); });
        std::ifstream key_file(platform_->api_key_file());
        ASSERT_TRUE(std::getline(key_file, api_key_));
    }
    void TearDown() override {
        if (platform_) {
            platform_->stop();
            if (runner_.joinable())
                runner_.join();
            platform_.reset();
        }
        std::filesystem::remove_all(dir_);
    }

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

    std::filesystem::path dir_;
    std::unique_ptr<platform::Platform> platform_;
    std::thread runner_;
    std::string api_key_;
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
