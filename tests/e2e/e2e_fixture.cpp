#include "e2e_fixture.hpp"

#include "manage/common/config.hpp"
#include "manage/common/logging.hpp"
#include "manage/testing/eventually.hpp"

#include <fstream>
#include <unistd.h>

namespace manage::testing {

void PlatformFixture::SetUp() {
    const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("manage-e2e-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(dir_);
    start();
}

void PlatformFixture::TearDown() {
    stop();
    std::filesystem::remove_all(dir_);
}

void PlatformFixture::start() {
    auto config = load_config_text(config_yaml(), {{"MANAGE_HTTP_LISTEN", "127.0.0.1:0"},
                                                   {"MANAGE_OCPP_LISTEN", "127.0.0.1:0"},
                                                   {"MANAGE_DATA_DIR", dir_.string()},
                                                   {"MANAGE_LOG_LEVEL", "warn"},
                                                   // Cheap password hashes: every test's first start makes one.
                                                   {"MANAGE_AUTH_ARGON2_MEMORY_KIB", "64"},
                                                   {"MANAGE_AUTH_ARGON2_ITERATIONS", "1"}});
    ASSERT_TRUE(config) << config.error().message;
    // As `manage up` does: the platform's loggers follow log.level (warn here, so a passing run is quiet).
    init_logging(config.value().log.level, config.value().log.format);
    auto created = platform::Platform::create(config.value(), platform::Services{});
    ASSERT_TRUE(created) << created.error().message;
    platform_ = std::move(created.value());
    auto started = platform_->start();
    ASSERT_TRUE(started) << started.error().message;
    runner_ = std::thread([this] { platform_->run(2, false); });
    std::ifstream key_file(platform_->api_key_file());
    ASSERT_TRUE(std::getline(key_file, api_key_)) << "no API key file at " << platform_->api_key_file();
}

void PlatformFixture::stop() {
    if (!platform_)
        return;
    platform_->stop();
    if (runner_.joinable())
        runner_.join();
    platform_.reset();
}

HttpReply PlatformFixture::get(const std::string &target) {
    return http_request(http_port(), "GET", target, {{"Authorization", "Bearer " + api_key_}});
}

HttpReply PlatformFixture::put(const std::string &target, const std::string &body) {
    return http_request(http_port(), "PUT", target, {{"Authorization", "Bearer " + api_key_}}, body);
}

HttpReply PlatformFixture::post(const std::string &target, const std::string &body) {
    return http_request(http_port(), "POST", target, {{"Authorization", "Bearer " + api_key_}}, body);
}

HttpReply PlatformFixture::del(const std::string &target) {
    return http_request(http_port(), "DELETE", target, {{"Authorization", "Bearer " + api_key_}});
}

HttpReply PlatformFixture::anonymous(const std::string &method, const std::string &target, const std::string &body) {
    return http_request(http_port(), method, target, {}, body);
}

Json PlatformFixture::get_json(const std::string &target) {
    const auto reply = get(target);
    EXPECT_EQ(reply.status, 200) << "GET " << target << ": " << reply.body;
    return Json::parse(reply.body, nullptr, false);
}

void PlatformFixture::put_id_tag(const std::string &id_tag, const Json &body) {
    const auto reply = put("/api/v1/id-tags/" + id_tag, body.dump());
    EXPECT_TRUE(reply.status == 200 || reply.status == 201) << "PUT id-tag " << id_tag << ": " << reply.body;
}

std::unique_ptr<OcppTestClient> PlatformFixture::connect(const std::string &id) {
    auto charger = std::make_unique<OcppTestClient>();
    const auto handshake = charger->connect(ocpp_port(), id, {"ocpp1.6"});
    EXPECT_TRUE(handshake.upgraded) << id << ": " << handshake.error;
    charger->on_call([](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
        if (call.action == "GetConfiguration")
            return ocpp::Json{{"configurationKey", ocpp::Json::array()}};
        return ocpp::Json{{"status", "Accepted"}};
    });
    return charger;
}

std::unique_ptr<OcppTestClient> PlatformFixture::boot(const std::string &id) {
    auto charger = connect(id);
    const auto answer = result_of(charger->call("BootNotification", boot_payload("ACME", "Volt 22")));
    EXPECT_EQ(answer.value("status", ""), "Accepted") << id;
    return charger;
}

std::unique_ptr<OcppTestClient> PlatformFixture::boot201(const std::string &id) {
    auto station = std::make_unique<OcppTestClient>();
    const auto handshake = station->connect(ocpp_port(), id, {"ocpp2.0.1"});
    EXPECT_TRUE(handshake.upgraded) << id << ": " << handshake.error;
    station->on_call([](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
        if (call.action == "SetVariables") {
            auto results = Json::array();
            for (const auto &entry : call.payload.value("setVariableData", Json::array()))
                results.push_back({{"attributeStatus", "Accepted"},
                                   {"component", entry["component"]},
                                   {"variable", entry["variable"]}});
            return Json{{"setVariableResult", results}};
        }
        return Json{{"status", "Accepted"}};
    });
    const Json boot{{"reason", "PowerUp"}, {"chargingStation", {{"model", "Volt 2"}, {"vendorName", "ACME"}}}};
    EXPECT_EQ(result_of(station->call("BootNotification", boot)).value("status", ""), "Accepted");
    return station;
}

Json PlatformFixture::wait_for(const std::string &target, const std::function<bool(const Json &)> &predicate) {
    Json last;
    const bool held = manage::testing::eventually([&] {
        last = get_json(target);
        return predicate(last);
    });
    EXPECT_TRUE(held) << "condition on " << target << " never held; last: " << last.dump();
    return last;
}

Json result_of(const CallAnswer &answer) {
    if (const auto *error = std::get_if<ocpp::CallError>(&answer)) {
        ADD_FAILURE() << "CALLERROR " << error->error_code << ": " << error->description;
        return nullptr;
    }
    return std::get<ocpp::CallResult>(answer).payload;
}

ocpp::CallError error_of(const CallAnswer &answer) {
    if (const auto *result = std::get_if<ocpp::CallResult>(&answer)) {
        ADD_FAILURE() << "expected a CALLERROR, got CALLRESULT " << result->payload.dump();
        return {};
    }
    return std::get<ocpp::CallError>(answer);
}

Json boot_payload(const std::string &vendor, const std::string &model) {
    return {{"chargePointVendor", vendor}, {"chargePointModel", model}};
}

Json sampled_value(const std::string &value, const std::string &measurand, const std::string &unit,
                   const std::string &context) {
    return {{"value", value}, {"measurand", measurand}, {"unit", unit}, {"context", context}};
}

Json meter_value(const std::string &timestamp, const Json &sampled_values) {
    return {{"timestamp", timestamp}, {"sampledValue", sampled_values}};
}

Json api_error(const HttpReply &reply) {
    const auto body = Json::parse(reply.body, nullptr, false);
    if (!body.is_object() || !body.contains("error")) {
        ADD_FAILURE() << "not an API error body: " << reply.body;
        return Json::object();
    }
    return body["error"];
}

} // namespace manage::testing
