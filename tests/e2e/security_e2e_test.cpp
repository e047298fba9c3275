// Security profiles end to end: an operator sets a charger's profile and password through the API,
// and the platform's OCPP listeners (ws:// and wss:// with certificates made by the test) let the
// charger in only the way its profile says.
#include "http_client.hpp"
#include "manage/common/config.hpp"
#include "manage/platform/platform.hpp"
#include "manage/testing/eventually.hpp"
#include "manage/testing/ocpp_test_client.hpp"
#include "manage/testing/test_certificates.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <thread>
#include <unistd.h>

using namespace manage;
using manage::testing::BasicAuth;
using manage::testing::http_request;
using manage::testing::OcppTestClient;
using manage::testing::OcppTestClientOptions;
using Json = nlohmann::json;

namespace {

constexpr auto kPassword = "depot-7-password-0001";

class SecurityE2eTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ =
            std::filesystem::temp_directory_path() / ("manage-e2e-security-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
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

    Environment environment() const {
        return {{"MANAGE_HTTP_LISTEN", "127.0.0.1:0"},
                {"MANAGE_OCPP_LISTEN", "127.0.0.1:0"},
                {"MANAGE_OCPP_TLS_LISTEN", "127.0.0.1:0"},
                {"MANAGE_OCPP_TLS_CERTIFICATE", certs_.server().certificate.string()},
                {"MANAGE_OCPP_TLS_PRIVATE_KEY", certs_.server().private_key.string()},
                {"MANAGE_OCPP_TLS_CLIENT_CA", certs_.ca_certificate().string()},
                {"MANAGE_DATA_DIR", dir_.string()},
                {"MANAGE_LOG_LEVEL", "warn"}};
    }

    void start() {
        auto config = load_config_text("ocpp:\n  chargers: [CP-1, CP-2, CP-3]\n", environment());
        ASSERT_TRUE(config) << config.error().message;
        auto created = platform::Platform::create(config.value(), platform::Services{});
        ASSERT_TRUE(created) << created.error().message;
        platform_ = std::move(created.value());
        auto started = platform_->start();
        ASSERT_TRUE(started) << started.error().message;
        ASSERT_NE(platform_->ocpp_tls_port(), 0);
        runner_ = std::thread([this] { platform_->run(2, false); });
        std::ifstream key_file(platform_->api_key_file());
        ASSERT_TRUE(std::getline(key_file, api_key_));
    }

    manage::testing::HttpReply put_security(const std::string &id, const Json &body, bool with_key = true) {
        std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
        if (with_key)
            headers["Authorization"] = "Bearer " + api_key_;
        return http_request(platform_->http_port(), "PUT", "/api/v1/chargers/" + id + "/security", headers,
                            body.dump());
    }

    manage::testing::HttpReply get_security(const std::string &id) {
        return http_request(platform_->http_port(), "GET", "/api/v1/chargers/" + id + "/security",
                            {{"Authorization", "Bearer " + api_key_}});
    }

    OcppTestClientOptions tls(std::optional<BasicAuth> basic = std::nullopt,
                              std::optional<manage::testing::CertificateFiles> client = std::nullopt) const {
        OcppTestClientOptions options;
        options.basic_auth = std::move(basic);
        options.tls.emplace();
        options.tls->ca_certificate = certs_.ca_certificate();
        if (client) {
            options.tls->certificate = client->certificate;
            options.tls->private_key = client->private_key;
        }
        return options;
    }

    manage::testing::Handshake connect(std::uint16_t port, const std::string &id, OcppTestClientOptions options) {
        OcppTestClient charger(std::move(options));
        auto handshake = charger.connect(port, id);
        if (handshake.upgraded) {
            const auto answer = charger.call("Heartbeat", ocpp::Json::object());
            EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(answer)) << id;
            charger.close();
        }
        return handshake;
    }

    manage::testing::TestCertificates certs_;
    std::filesystem::path dir_;
    std::unique_ptr<platform::Platform> platform_;
    std::thread runner_;
    std::string api_key_;
};

TEST_F(SecurityE2eTest, EachChargerConnectsOnlyTheWayItsProfileSays) {
    start();
    const auto plain_port = platform_->ocpp_port();
    const auto tls_port = platform_->ocpp_tls_port();

    // Profile 0 by default: anyone with the id, either way.
    EXPECT_TRUE(connect(plain_port, "CP-1", {}).upgraded);
    EXPECT_EQ(Json::parse(get_security("CP-1").body)["securityProfile"], 0);

    // Profile 1: Basic over ws://.
    const auto set1 = put_security("CP-1", {{"securityProfile", 1}, {"password", kPassword}});
    ASSERT_EQ(set1.status, 200) << set1.body;
    const auto shown = Json::parse(set1.body);
    EXPECT_EQ(shown["securityProfile"], 1);
    EXPECT_EQ(shown["hasPassword"], true);
    EXPECT_FALSE(shown.contains("password"));
    EXPECT_EQ(set1.body.find(kPassword), std::string::npos);
    OcppTestClientOptions right;
    right.basic_auth = BasicAuth{"CP-1", kPassword};
    EXPECT_TRUE(connect(plain_port, "CP-1", right).upgraded);
    OcppTestClientOptions wrong;
    wrong.basic_auth = BasicAuth{"CP-1", "not-the-password-0001"};
    EXPECT_EQ(connect(plain_port, "CP-1", wrong).http_status, 401u);
    EXPECT_EQ(connect(plain_port, "CP-1", {}).http_status, 401u);
    EXPECT_EQ(connect(tls_port, "CP-1", tls(BasicAuth{"CP-1", kPassword})).http_status, 403u);

    // Profile 2: Basic over TLS.
    ASSERT_EQ(put_security("CP-2", {{"securityProfile", 2}, {"password", kPassword}}).status, 200);
    EXPECT_TRUE(connect(tls_port, "CP-2", tls(BasicAuth{"CP-2", kPassword})).upgraded);
    EXPECT_EQ(connect(tls_port, "CP-2", tls(BasicAuth{"CP-2", "not-the-password-0001"})).http_status, 401u);
    OcppTestClientOptions right2;
    right2.basic_auth = BasicAuth{"CP-2", kPassword};
    EXPECT_EQ(connect(plain_port, "CP-2", right2).http_status, 403u);

    // Profile 3: a client certificate for this charger.
    ASSERT_EQ(put_security("CP-3", {{"securityProfile", 3}}).status, 200);
    EXPECT_TRUE(connect(tls_port, "CP-3", tls(std::nullopt, certs_.issue_client("CP-3"))).upgraded);
    EXPECT_EQ(connect(tls_port, "CP-3", tls()).http_status, 403u);
    EXPECT_EQ(connect(tls_port, "CP-3", tls(std::nullopt, certs_.issue_client("CP-2"))).http_status, 403u);
    const auto stranger = connect(tls_port, "CP-3", tls(std::nullopt, certs_.issue_foreign_client("CP-3")));
    EXPECT_FALSE(stranger.upgraded);
    EXPECT_EQ(stranger.http_status, 0u) << stranger.error;
}

// Guessing a profile-1 password: five wrong ones, then 429 with Retry-After before any is checked.
TEST_F(SecurityE2eTest, RepeatedWrongPasswordsGet429WithRetryAfter) {
    start();
    ASSERT_EQ(put_security("CP-1", {{"securityProfile", 1}, {"password", kPassword}}).status, 200);
    OcppTestClientOptions wrong;
    wrong.basic_auth = BasicAuth{"CP-1", "not-the-password-0001"};
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(connect(platform_->ocpp_port(), "CP-1", wrong).http_status, 401u) << "attempt " << i;
    OcppTestClientOptions right;
    right.basic_auth = BasicAuth{"CP-1", kPassword};
    const auto throttled = connect(platform_->ocpp_port(), "CP-1", right);
    EXPECT_EQ(throttled.http_status, 429u);
    EXPECT_FALSE(throttled.retry_after.empty());
    EXPECT_TRUE(manage::testing::eventually([&] { return connect(platform_->ocpp_port(), "CP-1", right).upgraded; },
                                            std::chrono::seconds(5), std::chrono::milliseconds(250)));
}

TEST_F(SecurityE2eTest, SecurityRouteChecksItsInput) {
    start();
    EXPECT_EQ(put_security("CP-1", {{"securityProfile", 1}, {"password", kPassword}}, false).status, 401);
    const auto missing = put_security("CP-1", {{"securityProfile", 1}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(Json::parse(missing.body)["error"]["field"], "password");
    const auto short_password = put_security("CP-1", {{"securityProfile", 2}, {"password", "short"}});
    EXPECT_EQ(short_password.status, 422);
    EXPECT_EQ(Json::parse(short_password.body)["error"]["code"], "invalid_password");
    EXPECT_EQ(put_security("CP-1", {{"securityProfile", 7}}).status, 422);
    EXPECT_EQ(put_security("CP-1", {{"securityProfile", "1"}}).status, 422);
    EXPECT_EQ(put_security("CP-1", Json::object()).status, 422);
    EXPECT_EQ(put_security("CP-404", {{"securityProfile", 0}}).status, 404);
    EXPECT_EQ(get_security("CP-404").status, 404);
    EXPECT_EQ(Json::parse(get_security("CP-1").body)["securityProfile"], 0);
}

TEST_F(SecurityE2eTest, TlsListenerWithoutCertificateStopsStart) {
    auto environment_without_certificate = environment();
    environment_without_certificate.erase("MANAGE_OCPP_TLS_CERTIFICATE");
    auto config = load_config_text("", environment_without_certificate);
    ASSERT_TRUE(config) << config.error().message;
    auto created = platform::Platform::create(config.value(), platform::Services{false, true});
    ASSERT_TRUE(created) << created.error().message;
    const auto started = created.value()->start();
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error().field, "ocpp.tls_certificate");
}

} // namespace
