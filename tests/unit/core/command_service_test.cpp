#include "core_fixture.hpp"
#include "scripted_charger.hpp"

#include "manage/core/api.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/command_service.hpp"
#include "manage/core/organisations.hpp"
#include "manage/core/sql_command_repository.hpp"
#include "manage/core/users.hpp"
#include "manage/infra/http.hpp"
#include "manage/infra/metrics.hpp"

#include <gmock/gmock.h>

#include <condition_variable>
#include <mutex>

using namespace manage;
using namespace std::chrono_literals;
using core::CommandFailure;
using core::CommandResult;
using Json = nlohmann::json;
using ::testing::HasSubstr;

namespace {

CommandResult failure(CommandFailure failure, std::string code = {}, std::string description = {}) {
    CommandResult result;
    result.failure = failure;
    result.error_code = std::move(code);
    result.error_description = std::move(description);
    result.description = "what happened";
    return result;
}

using FakeChargerCommands = manage::testing::ScriptedCharger;
using manage::testing::answer;

} // namespace

class CommandServiceTest : public manage::testing::CoreFixture {
protected:
    void SetUp() override {
        CoreFixture::SetUp();
        chargers_ = std::make_unique<core::ChargerService>(*repository_, cache_, events_, clock_,
                                                           core::ChargerServiceOptions{BootPolicy::reject, 300s, 60s});
        commands_repository_ = std::make_unique<core::SqlCommandRepository>(*database_);
        core::CommandServiceOptions options;
        options.heartbeat_interval = 300s;
        options.meter_value_sample_interval = 15s;
        options.boot_commands_delay = 0ms;
        service_ = std::make_unique<core::CommandService>(*chargers_, fake_, *commands_repository_, bus_, clock_,
                                                          workers_, options);
        ASSERT_TRUE(chargers_->register_charger("CP-1"));
        chargers_->on_boot("CP-1", "1.6", {"ACME", "Volt", "", "", ""});
    }
    void TearDown() override {
        // A command the test saw sent may still be recording its outcome (the boot policy's last one
        // does when the wait for its audit gave up): let it finish before the service goes.
        service_->stop_boot_policy();
        workers_.join();
        service_.reset();
        CoreFixture::TearDown();
    }

    core::CommandReply execute(const std::string &charger, const std::string &action, Json payload,
                               core::Actor actor = {"key-1", "ops"}) {
        return asio::co_spawn(workers_, service_->execute(charger, action, std::move(payload), actor), asio::use_future)
            .get();
    }

    asio::thread_pool workers_{2};
    FakeChargerCommands fake_;
    std::unique_ptr<core::ChargerService> chargers_;
    std::unique_ptr<core::SqlCommandRepository> commands_repository_;
    std::unique_ptr<core::CommandService> service_;
};

TEST_F(CommandServiceTest, SendsTheCommandAndReturnsTheChargersAnswer) {
    fake_.answer_with(answer({{"status", "Scheduled"}}));
    const auto reply = execute("CP-1", "Reset", {{"type", "Soft"}});
    ASSERT_TRUE(reply.ok()) << reply.error->message;
    EXPECT_EQ(*reply.response, (Json{{"status", "Scheduled"}}));
    const auto sent = fake_.sent();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].charger_id, "CP-1");
    EXPECT_EQ(sent[0].action, "Reset");
    EXPECT_EQ(sent[0].payload, (Json{{"type", "Soft"}}));
}

TEST_F(CommandServiceTest, AuditsWhoWhenWhatAndResult) {
    fake_.answer_with(answer({{"status", "Accepted"}}));
    const auto before = clock_.now();
    const auto reply = execute("CP-1", "UnlockConnector", {{"connectorId", 1}});
    const auto history = service_->history("CP-1", 10);
    ASSERT_EQ(history.size(), 1u);
    const auto &record = history[0];
    EXPECT_EQ(record.id, reply.command_id);
    EXPECT_EQ(record.charger_id, "CP-1");
    EXPECT_EQ(record.action, "UnlockConnector");
    EXPECT_EQ(Json::parse(record.request), (Json{{"connectorId", 1}}));
    EXPECT_EQ(record.actor.id, "key-1");
    EXPECT_EQ(record.actor.name, "ops");
    EXPECT_EQ(record.requested_at, before);
    EXPECT_EQ(record.finished_at, before);
    EXPECT_EQ(record.outcome, "ok");
    EXPECT_EQ(Json::parse(record.response), (Json{{"status", "Accepted"}}));
}

TEST_F(CommandServiceTest, EachFailureHasItsOutcomeAndErrorCode) {
    struct Case {
        CommandResult result;
        std::string code;
        std::string outcome;
        std::string audited_error;
    };
    const std::vector<Case> cases{
        {failure(CommandFailure::NotConnected), "not_connected", "not_connected", "not_connected"},
        {failure(CommandFailure::Timeout), "timeout", "timeout", "timeout"},
        {failure(CommandFailure::CallError, "NotSupported", "no reset here"), "charger_error", "call_error",
         "NotSupported"},
        {failure(CommandFailure::InvalidResponse), "invalid_response", "invalid_response", "invalid_response"},
        {failure(CommandFailure::ConnectionLost), "connection_lost", "connection_lost", "connection_lost"},
    };
    for (const auto &c : cases) {
        clock_.advance(1s); // the history is newest first
        fake_.answer_with(c.result);
        const auto reply = execute("CP-1", "Reset", {{"type", "Hard"}});
        ASSERT_FALSE(reply.ok());
        EXPECT_EQ(reply.error->code, c.code);
        const auto record = service_->history("CP-1", 1).at(0);
        EXPECT_EQ(record.id, reply.command_id);
        EXPECT_EQ(record.outcome, c.outcome);
        EXPECT_EQ(record.error_code, c.audited_error);
        EXPECT_TRUE(record.finished_at);
    }
    fake_.answer_with(failure(CommandFailure::CallError, "NotSupported", "no reset here"));
    const auto reply = execute("CP-1", "Reset", {{"type", "Hard"}});
    EXPECT_EQ(reply.charger_error_code, "NotSupported");
    EXPECT_EQ(reply.charger_error_description, "no reset here");
    EXPECT_THAT(reply.error->message, HasSubstr("NotSupported"));
}

TEST_F(CommandServiceTest, RefusesUnknownChargersActionsAndInvalidPayloadsWithoutSending) {
    auto reply = execute("CP-404", "Reset", {{"type", "Soft"}});
    EXPECT_EQ(reply.error->code, "charger_not_found");

    reply = execute("CP-1", "Explode", Json::object());
    EXPECT_EQ(reply.error->code, "unknown_action");
    EXPECT_THAT(reply.error->message, HasSubstr("RemoteStartTransaction"));
    EXPECT_THAT(reply.error->message, HasSubstr("SignedUpdateFirmware"));

    reply = execute("CP-1", "RequestStartTransaction", Json::object()); // a 2.0.1 action
    EXPECT_EQ(reply.error->code, "unknown_action");

    reply = execute("CP-1", "Reset", {{"type", "Sideways"}});
    EXPECT_EQ(reply.error->code, "invalid_payload");
    EXPECT_EQ(reply.error->field, "/type");

    reply = execute("CP-1", "ChangeConfiguration", {{"key", "HeartbeatInterval"}});
    EXPECT_EQ(reply.error->code, "invalid_payload");
    EXPECT_THAT(reply.error->message, HasSubstr("value"));

    EXPECT_TRUE(fake_.sent().empty());
    EXPECT_TRUE(service_->history("CP-1", 10).empty());
}

TEST_F(CommandServiceTest, ValidatesAgainstTheChargersVersion) {
    chargers_->on_boot("CP-2", "2.0.1", {"ACME", "Volt", "", "", "PowerUp"});
    ASSERT_TRUE(chargers_->register_charger("CP-2"));
    fake_.answer_with(answer({{"status", "Accepted"}}));
    auto reply = execute("CP-2", "Reset", {{"type", "Soft"}}); // 1.6 spelling; 2.0.1 says Immediate/OnIdle
    EXPECT_EQ(reply.error->code, "invalid_payload");
    reply = execute("CP-2", "Reset", {{"type", "Immediate"}});
    EXPECT_TRUE(reply.ok());
    reply = execute("CP-2", "RemoteStartTransaction", {{"idTag", "T"}});
    EXPECT_EQ(reply.error->code, "unknown_action");
}

TEST_F(CommandServiceTest, StoresTheConfigurationAndAcceptedChanges) {
    fake_.answer_with(answer({{"configurationKey",
                               {{{"key", "HeartbeatInterval"}, {"readonly", false}, {"value", "900"}},
                                {{"key", "NumberOfConnectors"}, {"readonly", true}, {"value", "2"}},
                                {{"key", "AuthorizationKey"}, {"readonly", false}}}},
                              {"unknownKey", Json::array()}}));
    ASSERT_TRUE(execute("CP-1", "GetConfiguration", Json::object()).ok());
    auto configuration = service_->configuration("CP-1");
    ASSERT_EQ(configuration.keys.size(), 3u);
    EXPECT_EQ(configuration.keys[0].key, "AuthorizationKey");
    EXPECT_EQ(configuration.keys[0].value, std::nullopt);
    EXPECT_EQ(configuration.keys[1].key, "HeartbeatInterval");
    EXPECT_EQ(configuration.keys[1].value, "900");
    EXPECT_TRUE(configuration.keys[2].readonly);
    EXPECT_EQ(configuration.updated_at, clock_.now());

    fake_.answer_with(answer({{"configurationKey", Json::array()}, {"unknownKey", {"Foo"}}}));
    ASSERT_TRUE(execute("CP-1", "GetConfiguration", {{"key", {"Foo"}}}).ok());
    configuration = service_->configuration("CP-1");
    EXPECT_EQ(configuration.keys.size(), 3u); // asking for some keys keeps the others
    EXPECT_THAT(configuration.unknown_keys, ::testing::ElementsAre("Foo"));

    for (const std::string status : {"Accepted", "RebootRequired", "Rejected", "NotSupported"}) {
        fake_.answer_with(answer({{"status", status}}));
        ASSERT_TRUE(execute("CP-1", "ChangeConfiguration", {{"key", "HeartbeatInterval"}, {"value", status}}).ok());
    }
    configuration = service_->configuration("CP-1");
    EXPECT_EQ(configuration.keys[1].value, "RebootRequired"); // the last accepted change
}

TEST_F(CommandServiceTest, StoresAndClearsChargingProfiles) {
    auto profile = [](int id, int level, const std::string &purpose) {
        return Json{
            {"chargingProfileId", id},
            {"stackLevel", level},
            {"chargingProfilePurpose", purpose},
            {"chargingProfileKind", "Absolute"},
            {"chargingSchedule",
             {{"chargingRateUnit", "W"}, {"chargingSchedulePeriod", {{{"startPeriod", 0}, {"limit", 11000}}}}}}};
    };
    auto set = [&](int connector, Json p) {
        return execute("CP-1", "SetChargingProfile", {{"connectorId", connector}, {"csChargingProfiles", p}});
    };
    fake_.answer_with(answer({{"status", "Accepted"}}));
    ASSERT_TRUE(set(0, profile(1, 0, "ChargePointMaxProfile")).ok());
    ASSERT_TRUE(set(1, profile(2, 0, "TxDefaultProfile")).ok());
    ASSERT_TRUE(set(1, profile(3, 1, "TxDefaultProfile")).ok());
    ASSERT_TRUE(set(2, profile(4, 0, "TxDefaultProfile")).ok());
    ASSERT_TRUE(set(1, profile(5, 1, "TxDefaultProfile")).ok()); // same connector/purpose/level: replaces 3
    fake_.answer_with(answer({{"status", "Rejected"}}));
    ASSERT_TRUE(set(1, profile(6, 2, "TxDefaultProfile")).ok()); // not kept
    auto ids = [&] {
        std::vector<int> out;
        for (const auto &p : service_->charging_profiles("CP-1"))
            out.push_back(p.profile_id);
        return out;
    };
    EXPECT_THAT(ids(), ::testing::UnorderedElementsAre(1, 2, 4, 5));
    const auto stored = service_->charging_profiles("CP-1");
    const auto first = std::find_if(stored.begin(), stored.end(), [](auto &p) { return p.profile_id == 1; });
    EXPECT_EQ(first->purpose, "ChargePointMaxProfile");
    EXPECT_EQ(Json::parse(first->profile), profile(1, 0, "ChargePointMaxProfile"));

    fake_.answer_with(answer({{"status", "Accepted"}}));
    ASSERT_TRUE(execute("CP-1", "ClearChargingProfile", {{"id", 2}}).ok());
    EXPECT_THAT(ids(), ::testing::UnorderedElementsAre(1, 4, 5));
    ASSERT_TRUE(
        execute("CP-1", "ClearChargingProfile", {{"connectorId", 1}, {"chargingProfilePurpose", "TxDefaultProfile"}})
            .ok());
    EXPECT_THAT(ids(), ::testing::UnorderedElementsAre(1, 4));
    fake_.answer_with(answer({{"status", "Unknown"}}));
    ASSERT_TRUE(execute("CP-1", "ClearChargingProfile", Json::object()).ok());
    EXPECT_THAT(ids(), ::testing::UnorderedElementsAre(1, 4));
    fake_.answer_with(answer({{"status", "Accepted"}}));
    ASSERT_TRUE(execute("CP-1", "ClearChargingProfile", Json::object()).ok()); // no criteria: all
    EXPECT_TRUE(ids().empty());
}

TEST_F(CommandServiceTest, KeepsReservationsCancelsThemAndShowsExpiry) {
    fake_.answer_with(answer({{"status", "Accepted"}}));
    const auto expiry = clock_.now() + 1h;
    ASSERT_TRUE(
        execute("CP-1", "ReserveNow",
                {{"connectorId", 1}, {"expiryDate", "2026-11-26T01:00:00Z"}, {"idTag", "TAG-1"}, {"reservationId", 7}})
            .ok());
    ASSERT_TRUE(execute("CP-1", "ReserveNow",
                        {{"connectorId", 2},
                         {"expiryDate", "2026-11-26T01:00:00Z"},
                         {"idTag", "TAG-2"},
                         {"parentIdTag", "FLEET"},
                         {"reservationId", 8}})
                    .ok());
    fake_.answer_with(answer({{"status", "Occupied"}}));
    ASSERT_TRUE(
        execute("CP-1", "ReserveNow",
                {{"connectorId", 3}, {"expiryDate", "2026-11-26T01:00:00Z"}, {"idTag", "T"}, {"reservationId", 9}})
            .ok());
    auto reservations = service_->reservations("CP-1");
    ASSERT_EQ(reservations.size(), 2u);
    for (const auto &r : reservations) {
        EXPECT_EQ(r.status, "active");
        EXPECT_EQ(r.expiry, expiry);
    }

    fake_.answer_with(answer({{"status", "Accepted"}}));
    ASSERT_TRUE(execute("CP-1", "CancelReservation", {{"reservationId", 7}}).ok());
    clock_.advance(2h);
    reservations = service_->reservations("CP-1");
    ASSERT_EQ(reservations.size(), 2u);
    for (const auto &r : reservations) {
        EXPECT_EQ(r.status, r.reservation_id == 7 ? "cancelled" : "expired") << r.reservation_id;
        if (r.reservation_id == 8) {
            EXPECT_EQ(r.parent_id_tag, "FLEET");
        }
    }
}

TEST_F(CommandServiceTest, BootPolicySetsIntervalsThenReadsTheConfigurationAsSystem) {
    fake_.script([](const std::string &action, const Json &) {
        if (action == "GetConfiguration")
            return answer(
                {{"configurationKey", {{{"key", "HeartbeatInterval"}, {"readonly", false}, {"value", "300"}}}}});
        return answer({{"status", "Accepted"}});
    });
    service_->start_boot_policy();
    chargers_->on_boot("CP-1", "1.6", {"ACME", "Volt", "", "", ""});
    const auto sent = fake_.wait_for(3);
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[0].action, "ChangeConfiguration");
    EXPECT_EQ(sent[0].payload, (Json{{"key", "HeartbeatInterval"}, {"value", "300"}}));
    EXPECT_EQ(sent[1].payload, (Json{{"key", "MeterValueSampleInterval"}, {"value", "15"}}));
    EXPECT_EQ(sent[2].action, "GetConfiguration");
    // The audit and the stored configuration follow the last answer: wait for the last record.
    std::vector<core::CommandRecord> history;
    for (int i = 0; i < 1000; ++i) {
        history = service_->history("CP-1", 10);
        if (history.size() == 3 && history[0].outcome != "pending" && history[2].outcome != "pending")
            break;
        std::this_thread::yield();
    }
    ASSERT_EQ(history.size(), 3u);
    for (const auto &record : history) {
        EXPECT_EQ(record.actor.id, "system");
        EXPECT_EQ(record.actor.name, "system");
    }
    service_->stop_boot_policy();
}

// Chargers not accepted (2.0.1 stations accepted get theirs: command_service_v201_test.cpp).
TEST_F(CommandServiceTest, BootPolicyLeavesOtherChargersAlone) {
    chargers_->on_boot("CP-201", "2.0.1", {"ACME", "Volt", "", "", "PowerUp"}); // unknown: rejected
    chargers_->on_boot("CP-NEW", "1.6", {"ACME", "Volt", "", "", ""});          // rejected by the boot policy
    for (const std::string id : {"CP-201", "CP-NEW", "CP-GONE"})
        asio::co_spawn(workers_, service_->apply_boot_policy(id), asio::use_future).get();
    EXPECT_TRUE(fake_.sent().empty());
}

// The API's answers: status codes and error bodies for each outcome.
class CommandApiTest : public CommandServiceTest {
protected:
    void SetUp() override {
        CommandServiceTest::SetUp();
        keys_ = std::make_unique<core::ApiKeys>(*database_, clock_);
        users_ = std::make_unique<core::Users>(*database_, cache_, clock_, core::UsersOptions{{1, 8, 1}});
        organisations_ = std::make_unique<core::Organisations>(*database_, clock_);
        key_ = keys_->create("ops-team");
        core::ApiContext context{*chargers_, *keys_, *users_,  *organisations_, *database_,
                                 cache_,     bus_,   metrics_, workers_};
        context.commands = service_.get();
        router_ = core::make_api_router(context);
    }

    infra::http::Response request(const std::string &method, const std::string &target, const std::string &body = "") {
        infra::http::Request request;
        request.method = method;
        request.target = target;
        request.path = target.substr(0, target.find('?'));
        if (const auto q = target.find('?'); q != std::string::npos) {
            const auto query = target.substr(q + 1);
            const auto eq = query.find('=');
            request.query[query.substr(0, eq)] = query.substr(eq + 1);
        }
        request.headers["authorization"] = "Bearer " + key_;
        request.headers["content-type"] = "application/json";
        request.body = body;
        auto dispatch = [this, request]() mutable -> asio::awaitable<infra::http::Response> {
            co_return co_await router_->dispatch(request);
        };
        return asio::co_spawn(workers_, std::move(dispatch), asio::use_future).get();
    }

    infra::Metrics metrics_;
    std::unique_ptr<core::ApiKeys> keys_;
    std::unique_ptr<core::Users> users_;
    std::unique_ptr<core::Organisations> organisations_;
    std::string key_;
    std::shared_ptr<infra::http::Router> router_;
};

TEST_F(CommandApiTest, AnswersWithTheChargersResponseAndAuditsTheKey) {
    fake_.answer_with(answer({{"status", "Accepted"}}));
    const auto response = request("POST", "/api/v1/chargers/CP-1/commands/Reset", R"({"type":"Soft"})");
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(Json::parse(response.body), (Json{{"status", "Accepted"}}));
    EXPECT_FALSE(response.headers.at("X-Command-Id").empty());

    const auto listed = request("GET", "/api/v1/chargers/CP-1/commands?limit=5");
    ASSERT_EQ(listed.status, 200) << listed.body;
    const auto items = Json::parse(listed.body)["items"];
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0]["action"], "Reset");
    EXPECT_EQ(items[0]["apiKey"]["name"], "ops-team");
    EXPECT_EQ(items[0]["outcome"], "ok");
    EXPECT_EQ(items[0]["request"], (Json{{"type", "Soft"}}));
    EXPECT_EQ(items[0]["id"], response.headers.at("X-Command-Id"));
}

TEST_F(CommandApiTest, MapsEachFailureToItsStatus) {
    struct Case {
        CommandResult result;
        int status;
        std::string code;
    };
    for (const auto &c :
         std::vector<Case>{{failure(CommandFailure::NotConnected), 409, "not_connected"},
                           {failure(CommandFailure::Timeout), 504, "timeout"},
                           {failure(CommandFailure::CallError, "InternalError", "boom"), 502, "charger_error"},
                           {failure(CommandFailure::InvalidResponse), 502, "invalid_response"},
                           {failure(CommandFailure::ConnectionLost), 502, "connection_lost"}}) {
        fake_.answer_with(c.result);
        const auto response = request("POST", "/api/v1/chargers/CP-1/commands/ClearCache");
        EXPECT_EQ(response.status, c.status) << c.code;
        const auto error = Json::parse(response.body)["error"];
        EXPECT_EQ(error["code"], c.code);
        EXPECT_TRUE(error.contains("commandId"));
        if (c.code == "charger_error") {
            EXPECT_EQ(error["chargerErrorCode"], "InternalError");
            EXPECT_EQ(error["chargerErrorDescription"], "boom");
        }
    }
}

TEST_F(CommandApiTest, RefusesUnknownActionsChargersAndBadBodies) {
    auto response = request("POST", "/api/v1/chargers/CP-1/commands/Explode", "{}");
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(Json::parse(response.body)["error"]["code"], "unknown_action");
    EXPECT_THAT(response.body, HasSubstr("ChangeAvailability"));

    response = request("POST", "/api/v1/chargers/CP-9/commands/Reset", R"({"type":"Soft"})");
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(Json::parse(response.body)["error"]["code"], "charger_not_found");

    response = request("POST", "/api/v1/chargers/CP-1/commands/UnlockConnector", R"({"connectorId":"one"})");
    EXPECT_EQ(response.status, 422);
    EXPECT_EQ(Json::parse(response.body)["error"]["field"], "/connectorId");

    response = request("POST", "/api/v1/chargers/CP-1/commands/Reset", "{not json");
    EXPECT_EQ(response.status, 400);
    EXPECT_TRUE(fake_.sent().empty());
}

TEST_F(CommandApiTest, ReadsConfigurationProfilesAndReservations) {
    fake_.answer_with(
        answer({{"configurationKey", {{{"key", "HeartbeatInterval"}, {"readonly", false}, {"value", "60"}}}},
                {"unknownKey", {"Nope"}}}));
    ASSERT_EQ(request("POST", "/api/v1/chargers/CP-1/commands/GetConfiguration", "{}").status, 200);
    auto response = request("GET", "/api/v1/chargers/CP-1/configuration");
    ASSERT_EQ(response.status, 200) << response.body;
    auto body = Json::parse(response.body);
    EXPECT_EQ(body["configurationKey"][0], (Json{{"key", "HeartbeatInterval"}, {"value", "60"}, {"readonly", false}}));
    EXPECT_EQ(body["unknownKey"], (Json{"Nope"}));

    fake_.answer_with(answer({{"status", "Accepted"}}));
    ASSERT_EQ(request("POST", "/api/v1/chargers/CP-1/commands/ReserveNow",
                      R"({"connectorId":1,"expiryDate":"2026-11-26T05:00:00Z","idTag":"T1","reservationId":3})")
                  .status,
              200);
    response = request("GET", "/api/v1/chargers/CP-1/reservations");
    body = Json::parse(response.body);
    ASSERT_EQ(body["items"].size(), 1u);
    EXPECT_EQ(body["items"][0]["status"], "active");
    EXPECT_EQ(body["items"][0]["expiryDate"], "2026-11-26T05:00:00.000Z");

    response = request("GET", "/api/v1/chargers/CP-1/charging-profiles");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(Json::parse(response.body)["items"], Json::array());
    EXPECT_EQ(request("GET", "/api/v1/chargers/CP-9/configuration").status, 404);
}
