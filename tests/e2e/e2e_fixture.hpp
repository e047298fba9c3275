#pragma once
// The whole platform in one process, as `manage up` runs it, on port 0 with a fresh data directory:
// the fixture of the end-to-end tests. It gives chargers (real OCPP-J WebSocket clients) and an HTTP
// client that sends the admin API key.
#include "http_client.hpp"
#include "manage/platform/platform.hpp"
#include "manage/testing/ocpp_test_client.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace manage::testing {

using Json = nlohmann::json;

class PlatformFixture : public ::testing::Test {
protected:
    // The platform's configuration (YAML; listen addresses, data directory and log level are set
    // over it). A test suite that needs other settings overrides it.
    virtual std::string config_yaml() const { return "ocpp:\n  boot_policy: accept\n  heartbeat_interval_s: 120\n"; }

    void SetUp() override;
    void TearDown() override;

    // Starts the platform on the data directory (kept across stop() and start()).
    void start();
    void stop();

    // The API with the admin key; anonymous() sends none.
    HttpReply get(const std::string &target);
    HttpReply put(const std::string &target, const std::string &body);
    HttpReply post(const std::string &target, const std::string &body);
    HttpReply del(const std::string &target);
    HttpReply anonymous(const std::string &method, const std::string &target, const std::string &body = {});
    // GET that must answer 200; its body.
    Json get_json(const std::string &target);
    // PUT /api/v1/id-tags/{tag} that must answer 200 or 201.
    void put_id_tag(const std::string &id_tag, const Json &body = Json::object());

    // A charger connected over OCPP 1.6 that answers the platform's commands (the boot policy's
    // ChangeConfiguration and GetConfiguration) with Accepted and an empty configuration.
    std::unique_ptr<OcppTestClient> connect(const std::string &id);
    // The same, booted (and so accepted under the `accept` boot policy).
    std::unique_ptr<OcppTestClient> boot(const std::string &id);
    // An OCPP 2.0.1 station that accepts every command (each SetVariables entry, and {"status":
    // "Accepted"} otherwise), booted and accepted.
    std::unique_ptr<OcppTestClient> boot201(const std::string &id);

    // Polls `target` until `predicate` holds for its JSON body; the last body either way, with a
    // failure when the predicate never held within 10 s.
    Json wait_for(const std::string &target, const std::function<bool(const Json &)> &predicate);

    std::uint16_t ocpp_port() const { return platform_->ocpp_port(); }
    std::uint16_t http_port() const { return platform_->http_port(); }

    std::filesystem::path dir_;
    std::unique_ptr<platform::Platform> platform_;
    std::thread runner_;
    std::string api_key_;
};

// The CALLRESULT payload; a test failure (and null) for a CALLERROR.
Json result_of(const CallAnswer &answer);
// The CALLERROR; a test failure (and an empty error) for a CALLRESULT.
ocpp::CallError error_of(const CallAnswer &answer);

// A BootNotification payload.
Json boot_payload(const std::string &vendor, const std::string &model);
// One sampled value for MeterValues / transactionData.
Json sampled_value(const std::string &value, const std::string &measurand, const std::string &unit,
                   const std::string &context = "Sample.Periodic");
// One MeterValue: a timestamp with its sampled values.
Json meter_value(const std::string &timestamp, const Json &sampled_values);

// The `error` object of an API error reply.
Json api_error(const HttpReply &reply);

} // namespace manage::testing
