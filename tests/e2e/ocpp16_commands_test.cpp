// OCPP 1.6 (with the security extension), central system → charge point, over a real WebSocket: an
// operator POSTs /api/v1/chargers/{id}/commands/{Action}; the booted charger receives exactly that
// CALL and answers; the API answers 200 with the charger's response and the audit shows who asked
// what and what came of it. Then what the commands leave behind (configuration, charging profiles,
// reservations, the local list), the boot policy, and the refusals (422, 404, 409).
#include "e2e_fixture.hpp"
#include "manage/testing/eventually.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace manage;
using namespace manage::testing;

namespace {

// A charger's side of the commands: records every CALL the central system sends and answers it from
// a table (else Accepted, or an empty configuration for GetConfiguration).
class Recorder {
public:
    explicit Recorder(std::map<std::string, Json> answers = {}) : answers_(std::move(answers)) {}

    CallHandler handler() {
        return [this](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
            std::lock_guard lock(mutex_);
            calls_.push_back(call);
            if (const auto it = answers_.find(call.action); it != answers_.end())
                return it->second;
            if (call.action == "GetConfiguration")
                return Json{{"configurationKey", Json::array()}};
            return Json{{"status", "Accepted"}};
        };
    }
    void answer(const std::string &action, Json response) {
        std::lock_guard lock(mutex_);
        answers_[action] = std::move(response);
    }
    std::vector<ocpp::Call> calls() {
        std::lock_guard lock(mutex_);
        return calls_;
    }
    void clear() {
        std::lock_guard lock(mutex_);
        calls_.clear();
    }

private:
    std::mutex mutex_;
    std::map<std::string, Json> answers_;
    std::vector<ocpp::Call> calls_;
};

// One command of the table: a valid request in its OCPP 1.6 shape and a valid answer; an invalid
// request with the field the 422 names (`field`: the JSON pointer of the offending value, or of
// the missing member) and a word its message must contain.
struct CommandCase {
    std::string action;
    Json request;
    Json response;
    Json invalid;
    std::string field;
    std::string message_mentions;
};

void PrintTo(const CommandCase &c, std::ostream *os) {
    *os << c.action;
}

const char *const kCertificate =
    "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQm9ndXMgdGVzdCBjZXJ0aWZpY2F0ZTAKBggqhkjOPQQD\n"
    "-----END CERTIFICATE-----\n";

Json charging_profile(int id, int stack_level, const std::string &purpose, double limit) {
    return {{"chargingProfileId", id},
            {"stackLevel", stack_level},
            {"chargingProfilePurpose", purpose},
            {"chargingProfileKind", "Absolute"},
            {"chargingSchedule",
             {{"chargingRateUnit", "A"},
              {"startSchedule", "2026-11-26T00:00:00.000Z"},
              {"chargingSchedulePeriod", Json::array({{{"startPeriod", 0}, {"limit", limit}}})}}}};
}

Json hash_data() {
    return {{"hashAlgorithm", "SHA256"},
            {"issuerNameHash", "7e0b3a1c9d2f4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c"},
            {"issuerKeyHash", "1f2e3d4c5b6a79880796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"},
            {"serialNumber", "4d2"}};
}

std::vector<CommandCase> command_cases() {
    std::vector<CommandCase> cases;
    cases.push_back({"CancelReservation",
                     {{"reservationId", 7}},
                     {{"status", "Accepted"}},
                     Json::object(),
                     "/reservationId",
                     "reservationId"});
    cases.push_back({"ChangeAvailability",
                     {{"connectorId", 1}, {"type", "Inoperative"}},
                     {{"status", "Scheduled"}},
                     {{"connectorId", 1}, {"type", "Sideways"}},
                     "/type",
                     "Sideways"});
    cases.push_back({"ChangeConfiguration",
                     {{"key", "ConnectionTimeOut"}, {"value", "45"}},
                     {{"status", "Accepted"}},
                     {{"key", "ConnectionTimeOut"}, {"value", 45}},
                     "/value",
                     "string"});
    cases.push_back(
        {"ClearCache", Json::object(), {{"status", "Rejected"}}, {{"everything", true}}, "/everything", "everything"});
    cases.push_back({"ClearChargingProfile",
                     {{"connectorId", 1}, {"chargingProfilePurpose", "TxDefaultProfile"}, {"stackLevel", 2}},
                     {{"status", "Unknown"}},
                     {{"chargingProfilePurpose", "Sometimes"}},
                     "/chargingProfilePurpose",
                     "Sometimes"});
    cases.push_back({"DataTransfer",
                     {{"vendorId", "com.acme"}, {"messageId", "Ping"}, {"data", "hello"}},
                     {{"status", "Accepted"}, {"data", "pong"}},
                     {{"messageId", "Ping"}},
                     "/vendorId",
                     "vendorId"});
    cases.push_back(
        {"GetCompositeSchedule",
         {{"connectorId", 1}, {"duration", 3600}, {"chargingRateUnit", "W"}},
         {{"status", "Accepted"},
          {"connectorId", 1},
          {"scheduleStart", "2026-11-26T10:00:00.000Z"},
          {"chargingSchedule",
           {{"duration", 3600},
            {"chargingRateUnit", "W"},
            {"chargingSchedulePeriod", Json::array({{{"startPeriod", 0}, {"limit", 11000.0}, {"numberPhases", 3}}})}}}},
         {{"connectorId", 1}, {"duration", 3600}, {"chargingRateUnit", "kW"}},
         "/chargingRateUnit",
         "kW"});
    cases.push_back(
        {"GetConfiguration",
         {{"key", Json::array({"HeartbeatInterval", "NoSuchKey"})}},
         {{"configurationKey", Json::array({{{"key", "HeartbeatInterval"}, {"readonly", false}, {"value", "120"}}})},
          {"unknownKey", Json::array({"NoSuchKey"})}},
         {{"key", "HeartbeatInterval"}},
         "/key",
         "array"});
    cases.push_back({"GetDiagnostics",
                     {{"location", "ftp://diagnostics.example.com/upload/"},
                      {"retries", 2},
                      {"retryInterval", 30},
                      {"startTime", "2026-11-25T00:00:00.000Z"},
                      {"stopTime", "2026-11-26T00:00:00.000Z"}},
                     {{"fileName", "diagnostics-CP.zip"}},
                     {{"location", "ftp://diagnostics.example.com/upload/"}, {"retries", "two"}},
                     "/retries",
                     "integer"});
    cases.push_back({"GetLocalListVersion",
                     Json::object(),
                     {{"listVersion", 3}},
                     {{"listVersion", 3}},
                     "/listVersion",
                     "listVersion"});
    cases.push_back(
        {"RemoteStartTransaction",
         {{"connectorId", 1}, {"idTag", "TAG-REMOTE"}, {"chargingProfile", charging_profile(3, 0, "TxProfile", 16.0)}},
         {{"status", "Accepted"}},
         {{"connectorId", 1}, {"idTag", "TAG-THAT-IS-FAR-TOO-LONG-FOR-OCPP"}},
         "/idTag",
         "20"});
    cases.push_back({"RemoteStopTransaction",
                     {{"transactionId", 42}},
                     {{"status", "Rejected"}},
                     {{"transactionId", "42"}},
                     "/transactionId",
                     "integer"});
    cases.push_back({"ReserveNow",
                     {{"connectorId", 1},
                      {"expiryDate", "2099-01-01T12:00:00.000Z"},
                      {"idTag", "TAG-RES"},
                      {"parentIdTag", "FLEET"},
                      {"reservationId", 7}},
                     {{"status", "Occupied"}},
                     {{"connectorId", 1}, {"expiryDate", "tomorrow"}, {"idTag", "TAG-RES"}, {"reservationId", 7}},
                     "/expiryDate",
                     "tomorrow"});
    cases.push_back(
        {"Reset", {{"type", "Hard"}}, {{"status", "Accepted"}}, {{"type", "Sideways"}}, "/type", "Sideways"});
    cases.push_back(
        {"SendLocalList",
         {{"listVersion", 5},
          {"updateType", "Full"},
          {"localAuthorizationList",
           Json::array({{{"idTag", "TAG-1"}, {"idTagInfo", {{"status", "Accepted"}}}}, {{"idTag", "TAG-2"}}})}},
         {{"status", "VersionMismatch"}},
         {{"listVersion", 5},
          {"updateType", "Full"},
          {"localAuthorizationList", Json::array({{{"idTagInfo", {{"status", "Accepted"}}}}})}},
         "/localAuthorizationList/0/idTag",
         "idTag"});
    cases.push_back(
        {"SetChargingProfile",
         {{"connectorId", 0}, {"csChargingProfiles", charging_profile(1, 0, "ChargePointMaxProfile", 32.0)}},
         {{"status", "Accepted"}},
         {{"connectorId", 0}, {"csChargingProfiles", charging_profile(1, 0, "EverywhereProfile", 32.0)}},
         "/csChargingProfiles/chargingProfilePurpose",
         "EverywhereProfile"});
    cases.push_back({"TriggerMessage",
                     {{"requestedMessage", "StatusNotification"}, {"connectorId", 1}},
                     {{"status", "Accepted"}},
                     {{"requestedMessage", "SignChargePointCertificate"}},
                     "/requestedMessage",
                     "SignChargePointCertificate"});
    cases.push_back({"UnlockConnector",
                     {{"connectorId", 1}},
                     {{"status", "Unlocked"}},
                     {{"connectorId", "one"}},
                     "/connectorId",
                     "integer"});
    cases.push_back({"UpdateFirmware",
                     {{"location", "https://firmware.example.com/volt-22/2.0.bin"},
                      {"retrieveDate", "2026-11-27T02:00:00.000Z"},
                      {"retries", 3},
                      {"retryInterval", 60}},
                     Json::object(),
                     {{"location", "https://firmware.example.com/volt-22/2.0.bin"}},
                     "/retrieveDate",
                     "retrieveDate"});
    cases.push_back({"CertificateSigned",
                     {{"certificateChain", kCertificate}},
                     {{"status", "Accepted"}},
                     {{"certificateChain", std::string(10001, 'A')}},
                     "/certificateChain",
                     "10000"});
    Json bad_hash = hash_data();
    bad_hash["hashAlgorithm"] = "MD5";
    cases.push_back({"DeleteCertificate",
                     {{"certificateHashData", hash_data()}},
                     {{"status", "NotFound"}},
                     {{"certificateHashData", bad_hash}},
                     "/certificateHashData/hashAlgorithm",
                     "MD5"});
    cases.push_back({"ExtendedTriggerMessage",
                     {{"requestedMessage", "SignChargePointCertificate"}},
                     {{"status", "Accepted"}},
                     {{"requestedMessage", "DiagnosticsStatusNotification"}},
                     "/requestedMessage",
                     "DiagnosticsStatusNotification"});
    cases.push_back({"GetInstalledCertificateIds",
                     {{"certificateType", "CentralSystemRootCertificate"}},
                     {{"status", "Accepted"}, {"certificateHashData", Json::array({hash_data()})}},
                     {{"certificateType", "V2GRootCertificate"}},
                     "/certificateType",
                     "V2GRootCertificate"});
    cases.push_back(
        {"GetLog",
         {{"logType", "SecurityLog"},
          {"requestId", 12},
          {"retries", 1},
          {"log",
           {{"remoteLocation", "https://logs.example.com/upload"}, {"oldestTimestamp", "2026-11-20T00:00:00.000Z"}}}},
         {{"status", "Accepted"}, {"filename", "security-12.log"}},
         {{"logType", "SecurityLog"}, {"requestId", 12}},
         "/log",
         "log"});
    cases.push_back({"InstallCertificate",
                     {{"certificateType", "ManufacturerRootCertificate"}, {"certificate", kCertificate}},
                     {{"status", "Rejected"}},
                     {{"certificateType", "CentralSystemRootCertificate"}},
                     "/certificate",
                     "certificate"});
    cases.push_back({"SignedUpdateFirmware",
                     {{"requestId", 9},
                      {"retries", 2},
                      {"firmware",
                       {{"location", "https://firmware.example.com/volt-22/2.1.bin"},
                        {"retrieveDateTime", "2026-11-27T02:00:00.000Z"},
                        {"signingCertificate", kCertificate},
                        {"signature", "MEUCIQDx0c2lnbmF0dXJlIG9mIHRoZSBmaXJtd2FyZQ=="}}}},
                     {{"status", "Accepted"}},
                     {{"requestId", 9},
                      {"firmware",
                       {{"location", "https://firmware.example.com/volt-22/2.1.bin"},
                        {"retrieveDateTime", "2026-11-27T02:00:00.000Z"},
                        {"signingCertificate", kCertificate}}}},
                     "/firmware/signature",
                     "signature"});
    return cases;
}

// `list`, ordered by its objects' `member` (for lists whose order the API does not promise).
Json sorted_by(const std::string &member, Json list) {
    std::sort(list.begin(), list.end(), [&](const Json &a, const Json &b) { return a[member] < b[member]; });
    return list;
}

class Ocpp16Commands : public PlatformFixture {
protected:
    // Connects `id`, lets `recorder` answer its CALLs, boots it (accepted) and waits until the boot
    // policy's three commands are answered; then forgets the CALLs seen so far.
    std::unique_ptr<OcppTestClient> boot_with(const std::string &id, Recorder &recorder) {
        auto charger = connect(id);
        charger->on_call(recorder.handler());
        const auto answer = result_of(charger->call("BootNotification", boot_payload("ACME", "Volt 22")));
        EXPECT_EQ(answer.value("status", ""), "Accepted") << answer.dump();
        wait_for_boot_policy(id);
        recorder.clear();
        return charger;
    }

    // The boot policy starts about a second after the boot: polled every 20 ms rather than hammering
    // the API (the sanitizer runs share two cores).
    void wait_for_boot_policy(const std::string &id) {
        Json items;
        const bool finished = manage::testing::eventually(
            [&] {
                items = audit(id);
                return items.size() >= 3 && std::all_of(items.begin(), items.end(), [](const Json &item) {
                           return item.value("outcome", "") != "pending";
                       });
            },
            std::chrono::seconds(10), std::chrono::milliseconds(20));
        EXPECT_TRUE(finished) << "the boot policy of " << id << " never finished: " << items.dump();
    }

    HttpReply command(const std::string &id, const std::string &action, const Json &body) {
        return post("/api/v1/chargers/" + id + "/commands/" + action, body.dump());
    }

    Json audit(const std::string &id) { return get_json("/api/v1/chargers/" + id + "/commands")["items"]; }
};

class Ocpp16CommandUseCase : public Ocpp16Commands, public ::testing::WithParamInterface<CommandCase> {};

} // namespace

// The operator's command reaches the charger as exactly that CALL, the charger's answer comes back as
// the API's 200, and the audit says who sent what and what came of it. A body that breaks the
// message's schema never leaves the platform: 422 naming the field, no CALL, no audit record.
TEST_P(Ocpp16CommandUseCase, OperatorCommandReachesTheChargerAndItsAnswerComesBack) {
    const auto &c = GetParam();
    Recorder recorder({{c.action, c.response}});
    auto charger = boot_with("CP-CMD", recorder);
    const auto before = audit("CP-CMD").size();

    const auto refused = command("CP-CMD", c.action, c.invalid);
    EXPECT_EQ(refused.status, 422) << refused.body;
    const auto error = api_error(refused);
    EXPECT_EQ(error.value("code", ""), "invalid_payload") << refused.body;
    EXPECT_EQ(error.value("field", ""), c.field) << refused.body;
    EXPECT_NE(error.value("message", "").find(c.message_mentions), std::string::npos) << refused.body;
    EXPECT_EQ(refused.headers.count("x-command-id"), 0u);

    const auto reply = command("CP-CMD", c.action, c.request);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body), c.response);

    const auto calls = recorder.calls();
    ASSERT_EQ(calls.size(), 1u) << "the invalid body must not reach the charger";
    EXPECT_EQ(calls[0].action, c.action);
    EXPECT_EQ(calls[0].payload, c.request);

    const auto items = audit("CP-CMD");
    ASSERT_EQ(items.size(), before + 1) << "only the command that was sent is audited: " << items.dump();
    const auto &record = items[0];
    EXPECT_EQ(record["id"], reply.headers.at("x-command-id"));
    EXPECT_EQ(record["chargerId"], "CP-CMD");
    EXPECT_EQ(record["action"], c.action);
    EXPECT_EQ(record["request"], c.request);
    EXPECT_EQ(record["apiKey"]["name"], "admin");
    EXPECT_FALSE(record["apiKey"].value("id", "").empty());
    EXPECT_NE(record["apiKey"]["id"], "system");
    EXPECT_EQ(record["outcome"], "ok");
    EXPECT_EQ(record["response"], c.response);
    EXPECT_TRUE(record["error"].is_null());
    EXPECT_TRUE(record["requestedAt"].is_string());
    ASSERT_TRUE(record["finishedAt"].is_string());
    EXPECT_LE(record["requestedAt"].get<std::string>(), record["finishedAt"].get<std::string>());
}

INSTANTIATE_TEST_SUITE_P(Ocpp16, Ocpp16CommandUseCase, ::testing::ValuesIn(command_cases()),
                         [](const ::testing::TestParamInfo<CommandCase> &param) { return param.param.action; });

// The table covers every OCPP 1.6 central-system message the API offers, and nothing else.
TEST(Ocpp16CommandTable, CoversEveryOcpp16Command) {
    std::vector<std::string> tested;
    for (const auto &c : command_cases())
        tested.push_back(c.action);
    std::sort(tested.begin(), tested.end());
    std::vector<std::string> expected{"CancelReservation",
                                      "ChangeAvailability",
                                      "ChangeConfiguration",
                                      "ClearCache",
                                      "ClearChargingProfile",
                                      "DataTransfer",
                                      "GetCompositeSchedule",
                                      "GetConfiguration",
                                      "GetDiagnostics",
                                      "GetLocalListVersion",
                                      "RemoteStartTransaction",
                                      "RemoteStopTransaction",
                                      "ReserveNow",
                                      "Reset",
                                      "SendLocalList",
                                      "SetChargingProfile",
                                      "TriggerMessage",
                                      "UnlockConnector",
                                      "UpdateFirmware",
                                      "CertificateSigned",
                                      "DeleteCertificate",
                                      "ExtendedTriggerMessage",
                                      "GetInstalledCertificateIds",
                                      "GetLog",
                                      "InstallCertificate",
                                      "SignedUpdateFirmware"};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(tested, expected);
}

// ClearCache and GetLocalListVersion have no fields: the operator may POST without a body.
TEST_F(Ocpp16Commands, ACommandWithoutFieldsMayComeWithoutABody) {
    Recorder recorder({{"GetLocalListVersion", {{"listVersion", 11}}}});
    auto charger = boot_with("CP-NOBODY", recorder);
    const auto reply = post("/api/v1/chargers/CP-NOBODY/commands/GetLocalListVersion", "");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body), (Json{{"listVersion", 11}}));
    const auto calls = recorder.calls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].payload, Json::object());
}

// Boot policy: once a 1.6 charger is accepted, the platform sets HeartbeatInterval (the configured
// 120 s) and MeterValueSampleInterval (60 s by default), then reads the whole configuration, which
// the API then shows; all three are audited as the system's.
TEST_F(Ocpp16Commands, BootPolicySetsIntervalsThenReadsTheConfiguration) {
    Recorder recorder({{"GetConfiguration",
                        {{"configurationKey",
                          Json::array({{{"key", "HeartbeatInterval"}, {"readonly", false}, {"value", "120"}},
                                       {{"key", "MeterValueSampleInterval"}, {"readonly", false}, {"value", "60"}},
                                       {{"key", "NumberOfConnectors"}, {"readonly", true}, {"value", "2"}},
                                       {{"key", "AuthorizationKey"}, {"readonly", false}}})}}}});
    auto charger = connect("CP-BOOT");
    charger->on_call(recorder.handler());
    EXPECT_EQ(result_of(charger->call("BootNotification", boot_payload("ACME", "Volt 22"))).value("status", ""),
              "Accepted");
    wait_for_boot_policy("CP-BOOT");

    const auto calls = recorder.calls();
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[0].action, "ChangeConfiguration");
    EXPECT_EQ(calls[0].payload, (Json{{"key", "HeartbeatInterval"}, {"value", "120"}}));
    EXPECT_EQ(calls[1].action, "ChangeConfiguration");
    EXPECT_EQ(calls[1].payload, (Json{{"key", "MeterValueSampleInterval"}, {"value", "60"}}));
    EXPECT_EQ(calls[2].action, "GetConfiguration");
    EXPECT_EQ(calls[2].payload, Json::object());

    const auto configuration = get_json("/api/v1/chargers/CP-BOOT/configuration");
    EXPECT_EQ(sorted_by("key", configuration["configurationKey"]),
              Json::parse(R"([{"key":"AuthorizationKey","value":null,"readonly":false},
                              {"key":"HeartbeatInterval","value":"120","readonly":false},
                              {"key":"MeterValueSampleInterval","value":"60","readonly":false},
                              {"key":"NumberOfConnectors","value":"2","readonly":true}])"))
        << configuration.dump();
    EXPECT_EQ(configuration["unknownKey"], Json::array());
    EXPECT_TRUE(configuration["updatedAt"].is_string());

    const auto items = audit("CP-BOOT");
    ASSERT_EQ(items.size(), 3u);
    for (const auto &item : items) {
        EXPECT_EQ(item["apiKey"], (Json{{"id", "system"}, {"name", "system"}})) << item.dump();
        EXPECT_EQ(item["outcome"], "ok") << item.dump();
    }
    EXPECT_EQ(items[0]["action"], "GetConfiguration"); // newest first
}

// GetConfiguration with keys: the answer is kept (merged into what is known), unknown keys included.
TEST_F(Ocpp16Commands, GetConfigurationStoresWhatTheChargerReports) {
    Recorder recorder;
    auto charger = boot_with("CP-GETCONF", recorder);
    EXPECT_TRUE(get_json("/api/v1/chargers/CP-GETCONF/configuration")["configurationKey"].empty());
    recorder.answer("GetConfiguration",
                    {{"configurationKey",
                      Json::array({{{"key", "ConnectionTimeOut"}, {"readonly", false}, {"value", "90"}},
                                   {{"key", "ChargeProfileMaxStackLevel"}, {"readonly", true}, {"value", "8"}}})},
                     {"unknownKey", Json::array({"NoSuchKey"})}});
    Json request{{"key", Json::array({"ConnectionTimeOut", "ChargeProfileMaxStackLevel", "NoSuchKey"})}};
    const auto reply = command("CP-GETCONF", "GetConfiguration", request);
    ASSERT_EQ(reply.status, 200) << reply.body;

    const auto configuration = get_json("/api/v1/chargers/CP-GETCONF/configuration");
    EXPECT_EQ(sorted_by("key", configuration["configurationKey"]),
              Json::parse(R"([{"key":"ChargeProfileMaxStackLevel","value":"8","readonly":true},
                              {"key":"ConnectionTimeOut","value":"90","readonly":false}])"))
        << configuration.dump();
    EXPECT_EQ(configuration["unknownKey"], Json::array({"NoSuchKey"}));
}

// ChangeConfiguration: an Accepted change updates the stored value; a Rejected one leaves it.
TEST_F(Ocpp16Commands, ChangeConfigurationAcceptedUpdatesTheStoredValue) {
    Recorder recorder({{"GetConfiguration",
                        {{"configurationKey",
                          Json::array({{{"key", "ConnectionTimeOut"}, {"readonly", false}, {"value", "30"}}})}}}});
    auto charger = boot_with("CP-CHANGE", recorder);
    const auto value_of = [&](const std::string &key) {
        const auto configuration = get_json("/api/v1/chargers/CP-CHANGE/configuration");
        for (const auto &entry : configuration["configurationKey"])
            if (entry["key"] == key)
                return entry["value"];
        return Json("<absent>");
    };
    EXPECT_EQ(value_of("ConnectionTimeOut"), "30");

    Json change{{"key", "ConnectionTimeOut"}, {"value", "45"}};
    auto reply = command("CP-CHANGE", "ChangeConfiguration", change);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(value_of("ConnectionTimeOut"), "45");

    recorder.answer("ChangeConfiguration", {{"status", "Rejected"}});
    Json rejected{{"key", "ConnectionTimeOut"}, {"value", "5"}};
    reply = command("CP-CHANGE", "ChangeConfiguration", rejected);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body), (Json{{"status", "Rejected"}}));
    EXPECT_EQ(value_of("ConnectionTimeOut"), "45");
}

// SetChargingProfile Accepted is listed under charging-profiles; ClearChargingProfile by id removes
// that one only.
TEST_F(Ocpp16Commands, SetChargingProfileIsListedAndClearChargingProfileRemovesIt) {
    Recorder recorder;
    auto charger = boot_with("CP-PROFILE", recorder);
    const auto max_profile = charging_profile(1, 0, "ChargePointMaxProfile", 32.0);
    const auto default_profile = charging_profile(2, 1, "TxDefaultProfile", 16.0);
    Json set_max{{"connectorId", 0}, {"csChargingProfiles", max_profile}};
    Json set_default{{"connectorId", 1}, {"csChargingProfiles", default_profile}};
    ASSERT_EQ(command("CP-PROFILE", "SetChargingProfile", set_max).status, 200);
    ASSERT_EQ(command("CP-PROFILE", "SetChargingProfile", set_default).status, 200);

    auto items = get_json("/api/v1/chargers/CP-PROFILE/charging-profiles")["items"];
    ASSERT_EQ(items.size(), 2u) << items.dump();
    std::sort(items.begin(), items.end(),
              [](const Json &a, const Json &b) { return a["chargingProfileId"] < b["chargingProfileId"]; });
    EXPECT_EQ(items[0]["connectorId"], 0);
    EXPECT_EQ(items[0]["stackLevel"], 0);
    EXPECT_EQ(items[0]["chargingProfilePurpose"], "ChargePointMaxProfile");
    EXPECT_EQ(items[0]["profile"], max_profile);
    EXPECT_TRUE(items[0]["setAt"].is_string());
    EXPECT_EQ(items[1]["connectorId"], 1);
    EXPECT_EQ(items[1]["profile"], default_profile);

    // A profile the charger rejects is not kept.
    recorder.answer("SetChargingProfile", {{"status", "Rejected"}});
    Json set_rejected{{"connectorId", 1}, {"csChargingProfiles", charging_profile(3, 2, "TxDefaultProfile", 6.0)}};
    ASSERT_EQ(command("CP-PROFILE", "SetChargingProfile", set_rejected).status, 200);
    EXPECT_EQ(get_json("/api/v1/chargers/CP-PROFILE/charging-profiles")["items"].size(), 2u);

    Json clear{{"id", 1}};
    const auto reply = command("CP-PROFILE", "ClearChargingProfile", clear);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(recorder.calls().back().payload, clear);
    items = get_json("/api/v1/chargers/CP-PROFILE/charging-profiles")["items"];
    ASSERT_EQ(items.size(), 1u) << items.dump();
    EXPECT_EQ(items[0]["chargingProfileId"], 2);
}

// ReserveNow Accepted is listed as an active reservation; CancelReservation Accepted cancels it.
TEST_F(Ocpp16Commands, ReserveNowIsListedAndCancelReservationCancelsIt) {
    Recorder recorder;
    auto charger = boot_with("CP-RESERVE", recorder);
    Json reserve{{"connectorId", 1},
                 {"expiryDate", "2099-01-01T12:00:00.000Z"},
                 {"idTag", "TAG-RES"},
                 {"parentIdTag", "FLEET"},
                 {"reservationId", 7}};
    ASSERT_EQ(command("CP-RESERVE", "ReserveNow", reserve).status, 200);
    auto items = get_json("/api/v1/chargers/CP-RESERVE/reservations")["items"];
    ASSERT_EQ(items.size(), 1u) << items.dump();
    EXPECT_EQ(items[0]["reservationId"], 7);
    EXPECT_EQ(items[0]["connectorId"], 1);
    EXPECT_EQ(items[0]["idTag"], "TAG-RES");
    EXPECT_EQ(items[0]["parentIdTag"], "FLEET");
    EXPECT_EQ(items[0]["expiryDate"], "2099-01-01T12:00:00.000Z");
    EXPECT_EQ(items[0]["status"], "active");

    Json cancel{{"reservationId", 7}};
    const auto reply = command("CP-RESERVE", "CancelReservation", cancel);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(recorder.calls().back().action, "CancelReservation");
    EXPECT_EQ(recorder.calls().back().payload, cancel);
    items = get_json("/api/v1/chargers/CP-RESERVE/reservations")["items"];
    ASSERT_EQ(items.size(), 1u) << items.dump();
    EXPECT_EQ(items[0]["status"], "cancelled");
}

// A reservation the charger refuses (Occupied) is not listed.
TEST_F(Ocpp16Commands, ReserveNowRefusedByTheChargerIsNotListed) {
    Recorder recorder({{"ReserveNow", {{"status", "Occupied"}}}});
    auto charger = boot_with("CP-OCCUPIED", recorder);
    Json reserve{{"connectorId", 1}, {"expiryDate", "2099-01-01T12:00:00.000Z"}, {"idTag", "T"}, {"reservationId", 8}};
    const auto reply = command("CP-OCCUPIED", "ReserveNow", reserve);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body), (Json{{"status", "Occupied"}}));
    EXPECT_TRUE(get_json("/api/v1/chargers/CP-OCCUPIED/reservations")["items"].empty());
}

namespace {

Json local_entry(const std::string &id_tag, const std::string &status) {
    return {{"idTag", id_tag}, {"idTagInfo", {{"status", status}, {"expiryDate", nullptr}, {"parentIdTag", nullptr}}}};
}

Json sorted_by_id_tag(Json list) {
    return sorted_by("idTag", std::move(list));
}

} // namespace

// SendLocalList through the local-list sync: Full sends every desired entry with version 1, then
// Differential sends version 2 with the changed and added entries and the removed one without
// idTagInfo; each is audited as the "local-list sync".
TEST_F(Ocpp16Commands, SendLocalListFullThenDifferentialThroughTheLocalListSync) {
    Recorder recorder;
    auto charger = boot_with("CP-LIST", recorder);
    Json desired{{"entries", Json::array({local_entry("TAG-A", "Accepted"), local_entry("TAG-B", "Accepted")})}};
    ASSERT_EQ(put("/api/v1/chargers/CP-LIST/local-list", desired.dump()).status, 200);

    auto reply = post("/api/v1/chargers/CP-LIST/local-list/sync", R"({"updateType":"Full"})");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body), Json::parse(R"({"chargerId":"CP-LIST","status":"Accepted","updateType":"Full",
                                                       "sentVersion":1,"entries":2,"leftOut":[],"listVersion":1})"));
    auto calls = recorder.calls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].action, "SendLocalList");
    EXPECT_EQ(calls[0].payload["listVersion"], 1);
    EXPECT_EQ(calls[0].payload["updateType"], "Full");
    EXPECT_EQ(sorted_by_id_tag(calls[0].payload["localAuthorizationList"]),
              Json::parse(R"([{"idTag":"TAG-A","idTagInfo":{"status":"Accepted"}},
                              {"idTag":"TAG-B","idTagInfo":{"status":"Accepted"}}])"));

    Json changed{{"entries", Json::array({local_entry("TAG-A", "Blocked"), local_entry("TAG-C", "Accepted")})}};
    ASSERT_EQ(put("/api/v1/chargers/CP-LIST/local-list", changed.dump()).status, 200);
    reply = post("/api/v1/chargers/CP-LIST/local-list/sync", R"({"updateType":"Differential"})");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body),
              Json::parse(R"({"chargerId":"CP-LIST","status":"Accepted","updateType":"Differential",
                              "sentVersion":2,"entries":3,"leftOut":[],"listVersion":2})"));
    calls = recorder.calls();
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[1].action, "SendLocalList");
    EXPECT_EQ(calls[1].payload["listVersion"], 2);
    EXPECT_EQ(calls[1].payload["updateType"], "Differential");
    EXPECT_EQ(sorted_by_id_tag(calls[1].payload["localAuthorizationList"]),
              Json::parse(R"([{"idTag":"TAG-A","idTagInfo":{"status":"Blocked"}},
                              {"idTag":"TAG-B"},
                              {"idTag":"TAG-C","idTagInfo":{"status":"Accepted"}}])"));

    const auto list = get_json("/api/v1/chargers/CP-LIST/local-list");
    EXPECT_EQ(list["listVersion"], 2);
    EXPECT_EQ(list["inSync"], true);

    const auto items = audit("CP-LIST");
    ASSERT_EQ(items.size(), 5u) << items.dump(); // the boot policy's three, then the two syncs
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(items[i]["action"], "SendLocalList");
        EXPECT_EQ(items[i]["apiKey"], (Json{{"id", "system"}, {"name", "local-list sync"}}));
        EXPECT_EQ(items[i]["outcome"], "ok");
        EXPECT_EQ(items[i]["response"], (Json{{"status", "Accepted"}}));
    }
    EXPECT_EQ(items[0]["request"], calls[1].payload);
    EXPECT_EQ(items[1]["request"], calls[0].payload);
}

// A charger that refuses the list (VersionMismatch) keeps the platform's list version where it was.
TEST_F(Ocpp16Commands, SendLocalListRefusedLeavesTheListVersion) {
    Recorder recorder({{"SendLocalList", {{"status", "VersionMismatch"}}}});
    auto charger = boot_with("CP-LIST-NO", recorder);
    Json desired{{"entries", Json::array({local_entry("TAG-A", "Accepted")})}};
    ASSERT_EQ(put("/api/v1/chargers/CP-LIST-NO/local-list", desired.dump()).status, 200);
    const auto reply = post("/api/v1/chargers/CP-LIST-NO/local-list/sync", R"({"updateType":"Full"})");
    ASSERT_EQ(reply.status, 200) << reply.body;
    const auto body = Json::parse(reply.body);
    EXPECT_EQ(body["status"], "VersionMismatch");
    EXPECT_EQ(body["sentVersion"], 1);
    EXPECT_EQ(body["listVersion"], 0);
    const auto list = get_json("/api/v1/chargers/CP-LIST-NO/local-list");
    EXPECT_EQ(list["listVersion"], 0);
    EXPECT_EQ(list["inSync"], false);
}

// A 2.0.1-only action to a 1.6 charger, or a made-up one, is 404 unknown_action listing what is
// known; nothing is sent and nothing audited.
TEST_F(Ocpp16Commands, AnActionThatIsNotA16CommandIs404) {
    Recorder recorder;
    auto charger = boot_with("CP-UNKNOWN", recorder);
    for (const std::string action : {"GetVariables", "Teleport", "BootNotification"}) {
        SCOPED_TRACE(action);
        const auto reply = command("CP-UNKNOWN", action, Json::object());
        EXPECT_EQ(reply.status, 404) << reply.body;
        const auto error = api_error(reply);
        EXPECT_EQ(error.value("code", ""), "unknown_action");
        EXPECT_EQ(error.value("field", ""), "action");
        EXPECT_NE(error.value("message", "").find("RemoteStartTransaction"), std::string::npos) << reply.body;
    }
    EXPECT_TRUE(recorder.calls().empty());
    EXPECT_EQ(audit("CP-UNKNOWN").size(), 3u); // the boot policy's only
}

// A charger that booted and then went away: 409 not_connected, audited as such.
TEST_F(Ocpp16Commands, AChargerThatWentOfflineIs409) {
    Recorder recorder;
    auto charger = boot_with("CP-GONE", recorder);
    charger->close();
    wait_for("/api/v1/chargers/CP-GONE", [](const Json &body) { return body.value("connected", true) == false; });
    Json reset{{"type", "Soft"}};
    const auto reply = command("CP-GONE", "Reset", reset);
    EXPECT_EQ(reply.status, 409) << reply.body;
    EXPECT_EQ(api_error(reply).value("code", ""), "not_connected");
    const auto items = audit("CP-GONE");
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[0]["action"], "Reset");
    EXPECT_EQ(items[0]["outcome"], "not_connected");
    EXPECT_EQ(items[0]["apiKey"]["name"], "admin");
    EXPECT_TRUE(items[0]["response"].is_null());
}

// Commands need an API key; a command to an unknown charger is 404 charger_not_found.
TEST_F(Ocpp16Commands, CommandsNeedAnApiKeyAndAKnownCharger) {
    const auto anonymous_reply = anonymous("POST", "/api/v1/chargers/CP-1/commands/Reset", R"({"type":"Soft"})");
    EXPECT_EQ(anonymous_reply.status, 401) << anonymous_reply.body;
    EXPECT_EQ(anonymous("GET", "/api/v1/chargers/CP-1/commands").status, 401);
    Json reset{{"type", "Soft"}};
    const auto reply = command("NO-SUCH-CP", "Reset", reset);
    EXPECT_EQ(reply.status, 404) << reply.body;
    EXPECT_EQ(api_error(reply).value("code", ""), "charger_not_found");
    EXPECT_EQ(get("/api/v1/chargers/NO-SUCH-CP/commands").status, 404);
}
