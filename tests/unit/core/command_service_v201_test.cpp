// Commands to OCPP 2.0.1 stations and what they leave behind: the device model (B05 SetVariables,
// B06 GetVariables), charging profiles (K01, K10) and reservations (H01, H02) in the tables 1.6 uses;
// the boot policy (B01: SetVariables, then B07 GetBaseReport FullInventory); the Pending flow (B02:
// commands to a pending station, TriggerMessage BootNotification once an operator accepts it); and
// GET /api/v1/chargers/{id}/variables.
#include "core_fixture.hpp"
#include "scripted_charger.hpp"

#include "manage/core/api.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/command_service.hpp"
#include "manage/core/device_model.hpp"
#include "manage/core/organisations.hpp"
#include "manage/core/sql_command_repository.hpp"
#include "manage/core/sql_device_model_repository.hpp"
#include "manage/core/users.hpp"
#include "manage/infra/http.hpp"
#include "manage/infra/metrics.hpp"

#include <gmock/gmock.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>

using namespace manage;
using namespace std::chrono_literals;
using core::CommandResult;
using Json = nlohmann::json;
using ::testing::ElementsAre;

namespace {

using ScriptedStation = manage::testing::ScriptedCharger;
using manage::testing::answer;

Json component(const std::string &name, std::optional<int> evse = std::nullopt) {
    Json json{{"name", name}};
    if (evse)
        json["evse"] = {{"id", *evse}};
    return json;
}

Json variable(const std::string &name) {
    return {{"name", name}};
}

// "Component.Variable[Type]=value" for every attribute, in the model's order.
std::vector<std::string> attribute_values(const std::vector<core::DeviceVariable> &variables) {
    std::vector<std::string> out;
    for (const auto &v : variables)
        for (const auto &a : v.attributes)
            out.push_back(v.component.name + "." + v.variable.name + "[" + a.type + "]=" + a.value.value_or("<none>"));
    return out;
}

Json charging_profile(int id, int stack_level, const std::string &purpose) {
    return {{"id", id},
            {"stackLevel", stack_level},
            {"chargingProfilePurpose", purpose},
            {"chargingProfileKind", "Absolute"},
            {"chargingSchedule",
             {{{"id", 1},
               {"chargingRateUnit", "W"},
               {"chargingSchedulePeriod", {{{"startPeriod", 0}, {"limit", 11000.0}}}}}}}};
}

} // namespace

class CommandServiceV201Test : public manage::testing::CoreFixture {
protected:
    void SetUp() override {
        CoreFixture::SetUp();
        chargers_ = std::make_unique<core::ChargerService>(*repository_, cache_, events_, clock_,
                                                           core::ChargerServiceOptions{BootPolicy::pending, 300s, 60s});
        commands_repository_ = std::make_unique<core::SqlCommandRepository>(*database_);
        device_repository_ = std::make_unique<core::SqlDeviceModelRepository>(*database_);
        device_model_ = std::make_unique<core::DeviceModel>(*device_repository_, events_, clock_);
        core::CommandServiceOptions options;
        options.heartbeat_interval = 300s;
        options.meter_value_sample_interval = 15s;
        options.boot_commands_delay = 0ms;
        service_ = std::make_unique<core::CommandService>(*chargers_, station_, *commands_repository_, bus_, clock_,
                                                          workers_, options, device_model_.get());
        ASSERT_TRUE(chargers_->register_charger("CS-1"));
        chargers_->on_connected("CS-1", "2.0.1");
        chargers_->on_boot("CS-1", "2.0.1", {"ACME", "Volt 2", "", "", "PowerUp"});
    }
    void TearDown() override {
        // The commands a test saw sent may still be writing their effects: let them finish first.
        service_->stop_boot_policy();
        workers_.join();
        service_.reset();
        CoreFixture::TearDown();
    }

    core::CommandReply execute(const std::string &charger, const std::string &action, Json payload) {
        return asio::co_spawn(workers_, service_->execute(charger, action, std::move(payload), {"key-1", "ops"}),
                              asio::use_future)
            .get();
    }
    std::vector<std::string> values(const std::string &charger = "CS-1") {
        return attribute_values(device_model_->variables(charger));
    }
    // Polls `done` (each command's effects are written after the station answers).
    static bool eventually(const std::function<bool()> &done) {
        for (int i = 0; i < 20000; ++i) {
            if (done())
                return true;
            std::this_thread::yield();
        }
        return done();
    }

    asio::thread_pool workers_{2};
    ScriptedStation station_;
    std::unique_ptr<core::ChargerService> chargers_;
    std::unique_ptr<core::SqlCommandRepository> commands_repository_;
    std::unique_ptr<core::SqlDeviceModelRepository> device_repository_;
    std::unique_ptr<core::DeviceModel> device_model_;
    std::unique_ptr<core::CommandService> service_;
};

TEST_F(CommandServiceV201Test, B06_GetVariablesAcceptedUpdatesTheAttribute) {
    station_.script([](const std::string &, const Json &) {
        return answer({{"getVariableResult",
                        {{{"attributeStatus", "Accepted"},
                          {"component", component("OCPPCommCtrlr")},
                          {"variable", variable("HeartbeatInterval")},
                          {"attributeValue", "300"}},
                         {{"attributeStatus", "Accepted"},
                          {"attributeType", "MaxSet"},
                          {"component", component("EVSE", 1)},
                          {"variable", variable("Power")},
                          {"attributeValue", "22000"}},
                         {{"attributeStatus", "UnknownVariable"},
                          {"component", component("OCPPCommCtrlr")},
                          {"variable", variable("NoSuchThing")}},
                         {{"attributeStatus", "Rejected"},
                          {"component", component("SecurityCtrlr")},
                          {"variable", variable("BasicAuthPassword")}}}}});
    });
    const auto reply =
        execute("CS-1", "GetVariables",
                {{"getVariableData",
                  {{{"component", component("OCPPCommCtrlr")}, {"variable", variable("HeartbeatInterval")}},
                   {{"component", component("EVSE", 1)}, {"variable", variable("Power")}, {"attributeType", "MaxSet"}},
                   {{"component", component("OCPPCommCtrlr")}, {"variable", variable("NoSuchThing")}},
                   {{"component", component("SecurityCtrlr")}, {"variable", variable("BasicAuthPassword")}}}}});
    ASSERT_TRUE(reply.ok()) << reply.error->message;
    EXPECT_THAT(values(), ElementsAre("EVSE.Power[MaxSet]=22000", "OCPPCommCtrlr.HeartbeatInterval[Actual]=300"));
    EXPECT_EQ(device_model_->variables("CS-1")[0].component.evse_id, 1);
}

// B05.FR.02 / B05.FR.04: Accepted, and RebootRequired (the value applies after a reboot), keep the
// value sent for that component, variable and attribute type; other answers keep nothing.
TEST_F(CommandServiceV201Test, B05_SetVariablesAcceptedOrRebootRequiredStoresTheValueSet) {
    station_.script([](const std::string &, const Json &) {
        return answer({{"setVariableResult",
                        {{{"attributeStatus", "Accepted"},
                          // spelled otherwise than asked: OCPP's names ignore case
                          {"component", component("ocppcommctrlr")},
                          {"variable", variable("heartbeatinterval")}},
                         {{"attributeStatus", "RebootRequired"},
                          {"attributeType", "Target"},
                          {"component", component("EVSE", 2)},
                          {"variable", variable("Power")}},
                         {{"attributeStatus", "Rejected"},
                          {"component", component("TxCtrlr")},
                          {"variable", variable("EVConnectionTimeOut")}},
                         {{"attributeStatus", "NotSupportedAttributeType"},
                          {"attributeType", "MinSet"},
                          {"component", component("EVSE", 2)},
                          {"variable", variable("Power")}}}}});
    });
    const auto reply = execute("CS-1", "SetVariables",
                               {{"setVariableData",
                                 {{{"component", component("OCPPCommCtrlr")},
                                   {"variable", variable("HeartbeatInterval")},
                                   {"attributeValue", "120"}},
                                  {{"component", component("EVSE", 2)},
                                   {"variable", variable("Power")},
                                   {"attributeType", "Target"},
                                   {"attributeValue", "7400"}},
                                  {{"component", component("EVSE", 2)},
                                   {"variable", variable("Power")},
                                   {"attributeType", "MinSet"},
                                   {"attributeValue", "1000"}},
                                  {{"component", component("TxCtrlr")},
                                   {"variable", variable("EVConnectionTimeOut")},
                                   {"attributeValue", "30"}}}}});
    ASSERT_TRUE(reply.ok()) << reply.error->message;
    EXPECT_THAT(values(), ElementsAre("EVSE.Power[Target]=7400", "ocppcommctrlr.heartbeatinterval[Actual]=120"));
}

// K01 / K10: the same table as 1.6 SetChargingProfile, the EVSE in place of the connector.
TEST_F(CommandServiceV201Test, K01_K10_ChargingProfilesAreKeptAndClearedLikeOcpp16) {
    auto ids = [&] {
        std::vector<int> out;
        for (const auto &p : service_->charging_profiles("CS-1"))
            out.push_back(p.profile_id);
        return out;
    };
    ASSERT_TRUE(execute("CS-1", "SetChargingProfile",
                        {{"evseId", 0}, {"chargingProfile", charging_profile(1, 0, "ChargingStationMaxProfile")}})
                    .ok());
    ASSERT_TRUE(execute("CS-1", "SetChargingProfile",
                        {{"evseId", 1}, {"chargingProfile", charging_profile(2, 0, "TxDefaultProfile")}})
                    .ok());
    ASSERT_TRUE(execute("CS-1", "SetChargingProfile",
                        {{"evseId", 2}, {"chargingProfile", charging_profile(3, 1, "TxDefaultProfile")}})
                    .ok());
    station_.script([](const std::string &, const Json &) { return answer({{"status", "Rejected"}}); });
    ASSERT_TRUE(execute("CS-1", "SetChargingProfile",
                        {{"evseId", 1}, {"chargingProfile", charging_profile(4, 2, "TxDefaultProfile")}})
                    .ok());
    EXPECT_THAT(ids(), ::testing::UnorderedElementsAre(1, 2, 3));
    const auto profiles = service_->charging_profiles("CS-1");
    const auto second = std::find_if(profiles.begin(), profiles.end(), [](auto &p) { return p.profile_id == 2; });
    EXPECT_EQ(second->connector_id, 1);
    EXPECT_EQ(second->purpose, "TxDefaultProfile");
    EXPECT_EQ(Json::parse(second->profile), charging_profile(2, 0, "TxDefaultProfile"));

    station_.script([](const std::string &, const Json &) { return answer({{"status", "Unknown"}}); });
    ASSERT_TRUE(execute("CS-1", "ClearChargingProfile", {{"chargingProfileId", 1}}).ok());
    EXPECT_THAT(ids(), ::testing::UnorderedElementsAre(1, 2, 3));
    station_.script([](const std::string &, const Json &) { return answer({{"status", "Accepted"}}); });
    ASSERT_TRUE(execute("CS-1", "ClearChargingProfile", {{"chargingProfileId", 1}}).ok());
    EXPECT_THAT(ids(), ::testing::UnorderedElementsAre(2, 3));
    ASSERT_TRUE(execute("CS-1", "ClearChargingProfile",
                        {{"chargingProfileCriteria", {{"evseId", 2}, {"chargingProfilePurpose", "TxDefaultProfile"}}}})
                    .ok());
    EXPECT_THAT(ids(), ::testing::ElementsAre(2));
    ASSERT_TRUE(execute("CS-1", "ClearChargingProfile", Json::object()).ok()); // no criteria: all
    EXPECT_TRUE(ids().empty());
}

// H01 / H02: the same table as 1.6 ReserveNow; the EVSE in place of the connector (0: any EVSE), the
// idToken and groupIdToken in place of idTag and parentIdTag.
TEST_F(CommandServiceV201Test, H01_H02_ReservationsAreKeptAndCancelledLikeOcpp16) {
    ASSERT_TRUE(execute("CS-1", "ReserveNow",
                        {{"id", 7},
                         {"expiryDateTime", "2026-11-26T01:00:00Z"},
                         {"idToken", {{"idToken", "TAG-1"}, {"type", "ISO14443"}}},
                         {"evseId", 2},
                         {"groupIdToken", {{"idToken", "FLEET"}, {"type", "Central"}}}})
                    .ok());
    ASSERT_TRUE(execute("CS-1", "ReserveNow",
                        {{"id", 8},
                         {"expiryDateTime", "2026-11-26T01:00:00Z"},
                         {"idToken", {{"idToken", "TAG-2"}, {"type", "Central"}}}})
                    .ok());
    station_.script([](const std::string &, const Json &) { return answer({{"status", "Occupied"}}); });
    ASSERT_TRUE(execute("CS-1", "ReserveNow",
                        {{"id", 9},
                         {"expiryDateTime", "2026-11-26T01:00:00Z"},
                         {"idToken", {{"idToken", "TAG-3"}, {"type", "Central"}}}})
                    .ok());
    auto reservations = service_->reservations("CS-1");
    ASSERT_EQ(reservations.size(), 2u);
    for (const auto &r : reservations) {
        EXPECT_EQ(r.status, "active");
        EXPECT_EQ(r.expiry, clock_.now() + 1h);
        if (r.reservation_id == 7) {
            EXPECT_EQ(r.connector_id, 2);
            EXPECT_EQ(r.id_tag, "TAG-1");
            EXPECT_EQ(r.parent_id_tag, "FLEET");
        } else {
            EXPECT_EQ(r.connector_id, 0);
            EXPECT_EQ(r.id_tag, "TAG-2");
            EXPECT_EQ(r.parent_id_tag, "");
        }
    }
    station_.script([](const std::string &, const Json &) { return answer({{"status", "Rejected"}}); });
    ASSERT_TRUE(execute("CS-1", "CancelReservation", {{"reservationId", 8}}).ok());
    station_.script([](const std::string &, const Json &) { return answer({{"status", "Accepted"}}); });
    ASSERT_TRUE(execute("CS-1", "CancelReservation", {{"reservationId", 7}}).ok());
    reservations = service_->reservations("CS-1");
    for (const auto &r : reservations)
        EXPECT_EQ(r.status, r.reservation_id == 7 ? "cancelled" : "active") << r.reservation_id;
}

// B01 then B07: once accepted, the station is told its heartbeat and sampling intervals and asked for
// its full inventory; the values it accepts are in the device model, and the report it sends fills it.
TEST_F(CommandServiceV201Test, B01_B07_BootPolicySetsVariablesThenAsksTheFullInventory) {
    station_.script([](const std::string &action, const Json &payload) {
        if (action == "SetVariables") {
            auto results = Json::array();
            for (const auto &data : payload["setVariableData"])
                results.push_back({{"attributeStatus", "Accepted"},
                                   {"component", data["component"]},
                                   {"variable", data["variable"]}});
            return answer({{"setVariableResult", results}});
        }
        return answer({{"status", "Accepted"}});
    });
    service_->start_boot_policy();
    chargers_->on_boot("CS-1", "2.0.1", {"ACME", "Volt 2", "", "", "PowerUp"});
    const auto sent = station_.wait_for(2);
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].action, "SetVariables");
    EXPECT_EQ(sent[0].payload, (Json{{"setVariableData",
                                      {{{"component", {{"name", "OCPPCommCtrlr"}}},
                                        {"variable", {{"name", "HeartbeatInterval"}}},
                                        {"attributeValue", "300"}},
                                       {{"component", {{"name", "SampledDataCtrlr"}}},
                                        {"variable", {{"name", "TxUpdatedInterval"}}},
                                        {"attributeValue", "15"}}}}}));
    EXPECT_EQ(sent[1].action, "GetBaseReport");
    EXPECT_EQ(sent[1].payload["reportBase"], "FullInventory");
    const int request_id = sent[1].payload["requestId"].get<int>();
    EXPECT_GT(request_id, 0);
    EXPECT_TRUE(eventually([&] { return values().size() == 2; }));
    EXPECT_THAT(values(), ElementsAre("OCPPCommCtrlr.HeartbeatInterval[Actual]=300",
                                      "SampledDataCtrlr.TxUpdatedInterval[Actual]=15"));
    EXPECT_TRUE(eventually([&] {
        const auto history = service_->history("CS-1", 10);
        return history.size() == 2 && history[0].outcome == "ok" && history[1].outcome == "ok";
    }));
    for (const auto &record : service_->history("CS-1", 10))
        EXPECT_EQ(record.actor.id, "system");

    core::DeviceVariable power;
    power.component = {"EVSE", "", 1, std::nullopt};
    power.variable = {"Power", ""};
    power.attributes.push_back({"Actual", "0", "ReadOnly", false, false});
    const auto outcome = device_model_->on_report_part("CS-1", {request_id, 0, false, clock_.now(), {power}});
    EXPECT_EQ(outcome.kind, core::ReportPartOutcome::Kind::Applied);
    EXPECT_EQ(values().size(), 3u);
    service_->stop_boot_policy();
}

// B02.FR.01: while Pending, the CSMS may configure the station and read its device model: the command
// path does not refuse a connected pending station.
TEST_F(CommandServiceV201Test, B02_FR_01_PendingStationMayBeSentCommands) {
    chargers_->on_connected("CS-P", "2.0.1");
    ASSERT_EQ(chargers_->on_boot("CS-P", "2.0.1", {"ACME", "Volt 2", "", "", "PowerUp"}).status,
              core::Registration::Pending);
    EXPECT_TRUE(execute("CS-P", "SetVariables",
                        {{"setVariableData",
                          {{{"component", component("OCPPCommCtrlr")},
                            {"variable", variable("HeartbeatInterval")},
                            {"attributeValue", "60"}}}}})
                    .ok());
    EXPECT_TRUE(execute("CS-P", "GetVariables",
                        {{"getVariableData",
                          {{{"component", component("OCPPCommCtrlr")}, {"variable", variable("HeartbeatInterval")}}}}})
                    .ok());
    EXPECT_TRUE(execute("CS-P", "GetBaseReport", {{"requestId", 1}, {"reportBase", "ConfigurationInventory"}}).ok());
    const auto sent = station_.sent();
    ASSERT_EQ(sent.size(), 3u);
    for (const auto &s : sent)
        EXPECT_EQ(s.charger_id, "CS-P");
}

// B02 / F06: a connected station that was Pending and is accepted is asked to boot again at once
// (TriggerMessage BootNotification) rather than after its retry interval; that boot is Accepted and
// the boot policy follows.
TEST_F(CommandServiceV201Test, B02_AcceptingAConnectedPendingStationTriggersBootNotification) {
    service_->start_boot_policy();
    chargers_->on_connected("CS-P", "2.0.1");
    ASSERT_EQ(chargers_->on_boot("CS-P", "2.0.1", {"ACME", "Volt 2", "", "", "PowerUp"}).status,
              core::Registration::Pending);
    ASSERT_TRUE(chargers_->register_charger("CS-P"));
    auto sent = station_.wait_for(1);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].charger_id, "CS-P");
    EXPECT_EQ(sent[0].action, "TriggerMessage");
    EXPECT_EQ(sent[0].payload, (Json{{"requestedMessage", "BootNotification"}}));

    EXPECT_EQ(chargers_->on_boot("CS-P", "2.0.1", {"ACME", "Volt 2", "", "", "Triggered"}).status,
              core::Registration::Accepted);
    sent = station_.wait_for(3);
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[1].action, "SetVariables");
    EXPECT_EQ(sent[2].action, "GetBaseReport");
    service_->stop_boot_policy();
}

// The same for OCPP 1.6 (TriggerMessage.req has the same payload).
TEST_F(CommandServiceV201Test, AcceptingAConnectedPendingOcpp16ChargerTriggersBootNotification) {
    service_->start_boot_policy();
    chargers_->on_connected("CP-P", "1.6");
    ASSERT_EQ(chargers_->on_boot("CP-P", "1.6", {"ACME", "Volt", "", "", ""}).status, core::Registration::Pending);
    ASSERT_TRUE(chargers_->register_charger("CP-P"));
    const auto sent = station_.wait_for(1);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].action, "TriggerMessage");
    EXPECT_EQ(sent[0].payload, (Json{{"requestedMessage", "BootNotification"}}));
    service_->stop_boot_policy();
}

// Only a station that was Pending and is connected: a rejected or disconnected one, or one registered
// anew or again, is left alone.
TEST_F(CommandServiceV201Test, B02_OnlyConnectedPendingStationsAreTriggered) {
    service_->start_boot_policy();
    repository_->save_registration("CS-R", core::Registration::Rejected, clock_.now());
    chargers_->on_connected("CS-R", "2.0.1");
    ASSERT_TRUE(chargers_->register_charger("CS-R")); // was rejected
    ASSERT_TRUE(chargers_->register_charger("CS-1")); // was accepted already
    ASSERT_TRUE(chargers_->register_charger("CS-NEW"));
    chargers_->on_connected("CS-GONE", "2.0.1");
    ASSERT_EQ(chargers_->on_boot("CS-GONE", "2.0.1", {"ACME", "Volt 2", "", "", "PowerUp"}).status,
              core::Registration::Pending);
    chargers_->on_disconnected("CS-GONE");
    ASSERT_TRUE(chargers_->register_charger("CS-GONE")); // pending, but not connected
    // A connected pending one last: once its trigger is sent, the events before it were handled.
    chargers_->on_connected("CS-P", "2.0.1");
    chargers_->on_boot("CS-P", "2.0.1", {"ACME", "Volt 2", "", "", "PowerUp"});
    ASSERT_TRUE(chargers_->register_charger("CS-P"));
    const auto sent = station_.wait_for(1);
    ASSERT_TRUE(bus_.wait_idle(5s));
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].charger_id, "CS-P");
    asio::co_spawn(workers_, service_->trigger_boot("CS-GONE"), asio::use_future).get();
    EXPECT_EQ(station_.sent().size(), 1u);
    service_->stop_boot_policy();
}

// GetBaseReport (and GetReport) with a requestId used before starts a new report under that id.
TEST_F(CommandServiceV201Test, B07_GetBaseReportStartsANewReportWithItsRequestId) {
    auto report = [&](const std::string &value) {
        core::DeviceVariable v;
        v.component = {"OCPPCommCtrlr", "", std::nullopt, std::nullopt};
        v.variable = {"HeartbeatInterval", ""};
        v.attributes.push_back({"Actual", value, "ReadWrite", false, false});
        return device_model_->on_report_part("CS-1", {5, 0, false, clock_.now(), {v}}).kind;
    };
    EXPECT_EQ(report("60"), core::ReportPartOutcome::Kind::Applied);
    EXPECT_EQ(report("90"), core::ReportPartOutcome::Kind::Duplicate);
    ASSERT_TRUE(execute("CS-1", "GetBaseReport", {{"requestId", 5}, {"reportBase", "FullInventory"}}).ok());
    EXPECT_EQ(report("90"), core::ReportPartOutcome::Kind::Applied);
    EXPECT_THAT(values(), ElementsAre("OCPPCommCtrlr.HeartbeatInterval[Actual]=90"));
}

// The API: GET /api/v1/chargers/{id}/variables, and the profiles and reservations of a 2.0.1 station
// shown as a 1.6 charger's are.
class DeviceModelApiTest : public CommandServiceV201Test {
protected:
    void SetUp() override {
        CommandServiceV201Test::SetUp();
        keys_ = std::make_unique<core::ApiKeys>(*database_, clock_);
        users_ = std::make_unique<core::Users>(*database_, cache_, clock_, core::UsersOptions{{1, 8, 1}});
        organisations_ = std::make_unique<core::Organisations>(*database_, clock_);
        key_ = keys_->create("ops-team");
        core::ApiContext context{*chargers_, *keys_, *users_,  *organisations_, *database_,
                                 cache_,     bus_,   metrics_, workers_};
        context.commands = service_.get();
        context.device_model = device_model_.get();
        router_ = core::make_api_router(context);
    }

    infra::http::Response get(const std::string &target) {
        infra::http::Request request;
        request.method = "GET";
        request.target = target;
        request.path = target.substr(0, target.find('?'));
        if (const auto q = target.find('?'); q != std::string::npos) {
            std::stringstream query(target.substr(q + 1));
            std::string pair;
            while (std::getline(query, pair, '&')) {
                const auto eq = pair.find('=');
                request.query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
            }
        }
        request.headers["authorization"] = "Bearer " + key_;
        auto dispatch = [this, request]() mutable -> asio::awaitable<infra::http::Response> {
            co_return co_await router_->dispatch(request);
        };
        return asio::co_spawn(workers_, std::move(dispatch), asio::use_future).get();
    }
    Json get_json(const std::string &target) {
        const auto response = get(target);
        EXPECT_EQ(response.status, 200) << target << ": " << response.body;
        return Json::parse(response.body);
    }

    void report() {
        core::DeviceVariable power;
        power.component = {"EVSE", "", 1, 2};
        power.variable = {"Power", "L1"};
        power.attributes = {{"Actual", "7400", "ReadOnly", false, true}, {"MaxSet", "22000", "ReadWrite", true, false}};
        power.characteristics = core::VariableCharacteristics{"decimal", "W", 0.0, 22000.0, "", true};
        core::DeviceVariable interval;
        interval.component = {"OCPPCommCtrlr", "", std::nullopt, std::nullopt};
        interval.variable = {"HeartbeatInterval", ""};
        interval.attributes = {{"Actual", "300", "ReadWrite", true, false}};
        core::DeviceVariable language;
        language.component = {"DisplayMessageCtrlr", "main", std::nullopt, std::nullopt};
        language.variable = {"Language", ""};
        language.attributes = {{"Actual", "en", "ReadWrite", false, false}};
        language.characteristics =
            core::VariableCharacteristics{"OptionList", "", std::nullopt, std::nullopt, "en,de", false};
        ASSERT_EQ(device_model_->on_report_part("CS-1", {1, 0, false, clock_.now(), {power, interval, language}}).kind,
                  core::ReportPartOutcome::Kind::Applied);
    }

    infra::Metrics metrics_;
    std::unique_ptr<core::ApiKeys> keys_;
    std::unique_ptr<core::Users> users_;
    std::unique_ptr<core::Organisations> organisations_;
    std::string key_;
    std::shared_ptr<infra::http::Router> router_;
};

TEST_F(DeviceModelApiTest, B07_VariablesListsTheDeviceModel) {
    EXPECT_EQ(get_json("/api/v1/chargers/CS-1/variables"), (Json{{"chargerId", "CS-1"}, {"variables", Json::array()}}));
    report();
    const auto body = get_json("/api/v1/chargers/CS-1/variables");
    EXPECT_EQ(body["chargerId"], "CS-1");
    ASSERT_EQ(body["variables"].size(), 3u);
    EXPECT_EQ(body["variables"][0],
              (Json{{"component", {{"name", "DisplayMessageCtrlr"}, {"instance", "main"}, {"evse", nullptr}}},
                    {"variable", {{"name", "Language"}, {"instance", nullptr}}},
                    {"attributes",
                     {{{"type", "Actual"},
                       {"value", "en"},
                       {"mutability", "ReadWrite"},
                       {"persistent", false},
                       {"constant", false}}}},
                    {"characteristics",
                     {{"dataType", "OptionList"},
                      {"unit", nullptr},
                      {"minLimit", nullptr},
                      {"maxLimit", nullptr},
                      {"valuesList", "en,de"},
                      {"supportsMonitoring", false}}},
                    {"updatedAt", "2026-11-26T00:00:00.000Z"}}));
    EXPECT_EQ(body["variables"][1]["component"],
              (Json{{"name", "EVSE"}, {"instance", nullptr}, {"evse", {{"id", 1}, {"connectorId", 2}}}}));
    EXPECT_EQ(body["variables"][1]["variable"], (Json{{"name", "Power"}, {"instance", "L1"}}));
    EXPECT_EQ(body["variables"][1]["attributes"][1], (Json{{"type", "MaxSet"},
                                                           {"value", "22000"},
                                                           {"mutability", "ReadWrite"},
                                                           {"persistent", true},
                                                           {"constant", false}}));
    EXPECT_EQ(body["variables"][1]["characteristics"]["unit"], "W");
    EXPECT_EQ(body["variables"][1]["characteristics"]["maxLimit"], 22000.0);
    EXPECT_EQ(body["variables"][2]["characteristics"], nullptr);
}

TEST_F(DeviceModelApiTest, VariablesFilterByComponentAndVariable) {
    report();
    auto names = [&](const std::string &query) {
        std::vector<std::string> out;
        const auto body = get_json("/api/v1/chargers/CS-1/variables" + query);
        for (const auto &v : body["variables"])
            out.push_back(v["component"]["name"].get<std::string>() + "." + v["variable"]["name"].get<std::string>());
        return out;
    };
    EXPECT_THAT(names("?component=EVSE"), ElementsAre("EVSE.Power"));
    EXPECT_THAT(names("?variable=HeartbeatInterval"), ElementsAre("OCPPCommCtrlr.HeartbeatInterval"));
    EXPECT_THAT(names("?component=ocppcommctrlr&variable=heartbeatinterval"),
                ElementsAre("OCPPCommCtrlr.HeartbeatInterval"));
    EXPECT_THAT(names("?component=EVSE&variable=HeartbeatInterval"), ElementsAre());
    EXPECT_THAT(names("?component=OCPP"), ElementsAre());
}

TEST_F(DeviceModelApiTest, VariablesRefusesUnknownChargersAndParameters) {
    auto error = [&](const std::string &target, int status) {
        const auto response = get(target);
        EXPECT_EQ(response.status, status) << target << ": " << response.body;
        return Json::parse(response.body)["error"];
    };
    EXPECT_EQ(error("/api/v1/chargers/CS-404/variables", 404)["code"], "charger_not_found");
    auto e = error("/api/v1/chargers/CS-1/variables?evse=1", 422);
    EXPECT_EQ(e["code"], "unknown_parameter");
    EXPECT_EQ(e["field"], "evse");
    e = error("/api/v1/chargers/CS-1/variables?component=", 422);
    EXPECT_EQ(e["code"], "invalid_parameter");
    EXPECT_EQ(e["field"], "component");
}

TEST_F(DeviceModelApiTest, ProfilesAndReservationsOfBothVersionsLookAlike) {
    ASSERT_TRUE(execute("CS-1", "SetChargingProfile",
                        {{"evseId", 1}, {"chargingProfile", charging_profile(3, 0, "TxDefaultProfile")}})
                    .ok());
    ASSERT_TRUE(execute("CS-1", "ReserveNow",
                        {{"id", 4},
                         {"expiryDateTime", "2026-11-26T05:00:00Z"},
                         {"idToken", {{"idToken", "TAG-1"}, {"type", "ISO14443"}}},
                         {"evseId", 1}})
                    .ok());
    const auto profiles = get_json("/api/v1/chargers/CS-1/charging-profiles")["items"];
    ASSERT_EQ(profiles.size(), 1u);
    EXPECT_EQ(profiles[0]["connectorId"], 1);
    EXPECT_EQ(profiles[0]["chargingProfileId"], 3);
    EXPECT_EQ(profiles[0]["stackLevel"], 0);
    EXPECT_EQ(profiles[0]["chargingProfilePurpose"], "TxDefaultProfile");
    EXPECT_EQ(profiles[0]["profile"], charging_profile(3, 0, "TxDefaultProfile"));
    const auto reservations = get_json("/api/v1/chargers/CS-1/reservations")["items"];
    ASSERT_EQ(reservations.size(), 1u);
    EXPECT_EQ(reservations[0]["reservationId"], 4);
    EXPECT_EQ(reservations[0]["connectorId"], 1);
    EXPECT_EQ(reservations[0]["idTag"], "TAG-1");
    EXPECT_EQ(reservations[0]["parentIdTag"], nullptr);
    EXPECT_EQ(reservations[0]["expiryDate"], "2026-11-26T05:00:00.000Z");
    EXPECT_EQ(reservations[0]["status"], "active");
}
