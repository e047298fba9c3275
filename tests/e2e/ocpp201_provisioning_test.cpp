// OCPP 2.0.1 functional block B over a real WebSocket, the whole platform in one process: a station
// unknown to the platform boots and is told Pending (B02); an operator accepts it through the API and
// the platform asks it to boot again (TriggerMessage, F06); accepted, it is configured (SetVariables,
// B05) and asked for its full inventory (GetBaseReport, B07); its NotifyReport, sent in two parts out
// of order, is in GET /api/v1/chargers/{id}/variables.
#include "e2e_fixture.hpp"
#include "manage/testing/eventually.hpp"

#include <mutex>
#include <vector>

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp201Provisioning : public PlatformFixture {
protected:
    std::string config_yaml() const override {
        return "ocpp:\n  boot_policy: pending\n  heartbeat_interval_s: 120\n  meter_value_sample_interval_s: 30\n";
    }
};

// The station's side of the platform's commands: records every CALL and answers it as a station that
// accepts everything would.
class Station {
public:
    CallHandler handler() {
        return [this](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
            std::lock_guard lock(mutex_);
            calls_.push_back(call);
            if (call.action == "SetVariables") {
                auto results = Json::array();
                for (const auto &data : call.payload["setVariableData"])
                    results.push_back({{"attributeStatus", "Accepted"},
                                       {"component", data["component"]},
                                       {"variable", data["variable"]}});
                return Json{{"setVariableResult", results}};
            }
            return Json{{"status", "Accepted"}};
        };
    }
    std::vector<ocpp::Call> calls() {
        std::lock_guard lock(mutex_);
        return calls_;
    }
    // The first CALL of `action`, once it came (10 s at most).
    std::optional<ocpp::Call> wait_for(const std::string &action) {
        std::optional<ocpp::Call> found;
        eventually([&] {
            for (const auto &call : calls())
                if (call.action == action) {
                    found = call;
                    return true;
                }
            return false;
        });
        return found;
    }

private:
    std::mutex mutex_;
    std::vector<ocpp::Call> calls_;
};

Json boot_201(const std::string &reason) {
    return {{"chargingStation", {{"vendorName", "ACME"}, {"model", "Volt 2"}}}, {"reason", reason}};
}

Json report_entry(const std::string &component, std::optional<int> evse, const std::string &variable,
                  const std::string &value) {
    Json c{{"name", component}};
    if (evse)
        c["evse"] = {{"id", *evse}};
    return {{"component", c}, {"variable", {{"name", variable}}}, {"variableAttribute", {{{"value", value}}}}};
}

TEST_F(Ocpp201Provisioning, B02_B07_PendingStationIsAcceptedConfiguredAndReportsItsDeviceModel) {
    OcppTestClient charger;
    ASSERT_TRUE(charger.connect(ocpp_port(), "CS-E2E", {"ocpp2.0.1"}).upgraded);
    Station station;
    charger.on_call(station.handler());

    EXPECT_EQ(result_of(charger.call("BootNotification", boot_201("PowerUp"))).value("status", ""), "Pending");
    // B02.FR.09: a pending station may send nothing but BootNotification.
    EXPECT_EQ(error_of(charger.call("Heartbeat", Json::object())).error_code, "SecurityError");

    const auto accepted = post("/api/v1/chargers", R"({"id":"CS-E2E"})");
    EXPECT_EQ(accepted.status, 200) << accepted.body;
    const auto trigger = station.wait_for("TriggerMessage");
    ASSERT_TRUE(trigger);
    EXPECT_EQ(trigger->payload, (Json{{"requestedMessage", "BootNotification"}}));

    EXPECT_EQ(result_of(charger.call("BootNotification", boot_201("Triggered"))).value("status", ""), "Accepted");
    const auto set = station.wait_for("SetVariables");
    ASSERT_TRUE(set);
    EXPECT_EQ(set->payload["setVariableData"][0]["attributeValue"], "120");
    EXPECT_EQ(set->payload["setVariableData"][1]["attributeValue"], "30");
    const auto report = station.wait_for("GetBaseReport");
    ASSERT_TRUE(report);
    EXPECT_EQ(report->payload["reportBase"], "FullInventory");
    const auto request_id = report->payload["requestId"];

    // The last part first: nothing shows until the report is complete.
    EXPECT_EQ(result_of(charger.call("NotifyReport", {{"requestId", request_id},
                                                      {"generatedAt", "2026-11-26T10:00:01Z"},
                                                      {"seqNo", 1},
                                                      {"reportData", {report_entry("EVSE", 1, "Power", "22000")}}})),
              Json::object());
    auto body = get_json("/api/v1/chargers/CS-E2E/variables?component=EVSE");
    EXPECT_EQ(body["variables"], Json::array());
    EXPECT_EQ(result_of(charger.call(
                  "NotifyReport",
                  {{"requestId", request_id},
                   {"generatedAt", "2026-11-26T10:00:00Z"},
                   {"seqNo", 0},
                   {"tbc", true},
                   {"reportData", {report_entry("DeviceDataCtrlr", std::nullopt, "ItemsPerMessage", "20")}}})),
              Json::object());

    body = get_json("/api/v1/chargers/CS-E2E/variables");
    std::vector<std::string> seen;
    for (const auto &v : body["variables"])
        seen.push_back(v["component"]["name"].get<std::string>() + "." + v["variable"]["name"].get<std::string>() +
                       "=" + v["attributes"][0]["value"].get<std::string>());
    EXPECT_EQ(seen, (std::vector<std::string>{"DeviceDataCtrlr.ItemsPerMessage=20", "EVSE.Power=22000",
                                              "OCPPCommCtrlr.HeartbeatInterval=120",
                                              "SampledDataCtrlr.TxUpdatedInterval=30"}));
    EXPECT_EQ(body["variables"][1]["component"]["evse"], (Json{{"id", 1}, {"connectorId", nullptr}}));

    // A malformed part is refused with the violation and its JSON pointer.
    const auto refused = error_of(charger.call(
        "NotifyReport", {{"requestId", request_id}, {"generatedAt", "2026-11-26T10:00:02Z"}, {"seqNo", -1}}));
    EXPECT_EQ(refused.error_code, "PropertyConstraintViolation");
    EXPECT_EQ(refused.details.value("path", ""), "/seqNo");
}

} // namespace
