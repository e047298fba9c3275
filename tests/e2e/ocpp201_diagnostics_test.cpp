// OCPP 2.0.1 functional blocks N and O over a real WebSocket, the whole platform in one process: a station
// sends NotifyEvent (N07), answers GetMonitoringReport with NotifyMonitoringReport (N02), CustomerInformation
// with NotifyCustomerInformation (N09) and GetDisplayMessages with NotifyDisplayMessages (O04), each in parts
// and some resent; everything is read back through the API.
#include "e2e_fixture.hpp"

#include <string>
#include <vector>

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp201Diagnostics : public PlatformFixture {
protected:
    // A command through the API, which the station accepts.
    void command(const std::string &charger, const std::string &action, const Json &payload) {
        const auto reply = post("/api/v1/chargers/" + charger + "/commands/" + action, payload.dump());
        EXPECT_EQ(reply.status, 200) << action << ": " << reply.body;
    }

    static Json component(const std::string &name, std::optional<int> evse = std::nullopt) {
        Json c{{"name", name}};
        if (evse)
            c["evse"] = {{"id", *evse}};
        return c;
    }

    static Json monitoring(const Json &component, const std::string &variable, const Json &monitors) {
        return {{"component", component}, {"variable", {{"name", variable}}}, {"variableMonitoring", monitors}};
    }

    static Json threshold(int id, double value, int severity) {
        return {
            {"id", id}, {"transaction", false}, {"value", value}, {"type", "UpperThreshold"}, {"severity", severity}};
    }
};

TEST_F(Ocpp201Diagnostics, N07_N02_N09_O04_StationReportsAreReadBackThroughTheApi) {
    auto station = boot201("CS-DIAG");

    // N07: an alert and its clearing; the whole message resent (no answer came, say) adds nothing.
    const Json alert{{"eventId", 17},
                     {"timestamp", "2026-11-26T09:58:00Z"},
                     {"trigger", "Alerting"},
                     {"actualValue", "92.5"},
                     {"techCode", "OVT-2"},
                     {"component", {{"name", "Connector"}, {"evse", {{"id", 1}, {"connectorId", 1}}}}},
                     {"variableMonitoringId", 3},
                     {"eventNotificationType", "CustomMonitor"},
                     {"variable", {{"name", "Temperature"}}}};
    Json cleared = alert;
    cleared["eventId"] = 18;
    cleared["cause"] = 17;
    cleared["timestamp"] = "2026-11-26T10:04:00Z";
    cleared["actualValue"] = "61.0";
    cleared["cleared"] = true;
    const Json events{
        {"generatedAt", "2026-11-26T10:04:01Z"}, {"seqNo", 0}, {"eventData", Json::array({alert, cleared})}};
    EXPECT_EQ(result_of(station->call("NotifyEvent", events)), Json::object());
    EXPECT_EQ(result_of(station->call("NotifyEvent", events)), Json::object());
    auto kept = get_json("/api/v1/chargers/CS-DIAG/monitoring-events")["items"];
    ASSERT_EQ(kept.size(), 2u) << kept.dump();
    EXPECT_EQ(kept[0]["eventId"], 18);
    EXPECT_EQ(kept[0]["cleared"], true);
    EXPECT_EQ(kept[0]["cause"], 17);
    EXPECT_EQ(kept[1]["eventId"], 17);
    EXPECT_EQ(kept[1]["timestamp"], "2026-11-26T09:58:00.000Z");
    EXPECT_EQ(kept[1]["trigger"], "Alerting");
    EXPECT_EQ(kept[1]["actualValue"], "92.5");
    EXPECT_EQ(kept[1]["techCode"], "OVT-2");
    EXPECT_EQ(kept[1]["techInfo"], nullptr);
    EXPECT_EQ(kept[1]["variableMonitoringId"], 3);
    EXPECT_EQ(kept[1]["eventNotificationType"], "CustomMonitor");
    EXPECT_EQ(kept[1]["component"],
              (Json{{"name", "Connector"}, {"instance", nullptr}, {"evse", {{"id", 1}, {"connectorId", 1}}}}));
    EXPECT_EQ(kept[1]["variable"], (Json{{"name", "Temperature"}, {"instance", nullptr}}));
    kept = get_json(
        "/api/v1/chargers/CS-DIAG/monitoring-events?from=2026-11-26T09:00:00Z&to=2026-11-26T10:00:00Z")["items"];
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0]["eventId"], 17);

    // N02: the answer to GetMonitoringReport in two parts, the last first.
    command("CS-DIAG", "GetMonitoringReport", {{"requestId", 7}});
    const Json last{
        {"requestId", 7},
        {"seqNo", 1},
        {"generatedAt", "2026-11-26T10:05:01Z"},
        {"monitor", Json::array({monitoring(component("EVSE", 1), "Power", Json::array({threshold(4, 22000, 6)}))})}};
    EXPECT_EQ(result_of(station->call("NotifyMonitoringReport", last)), Json::object());
    EXPECT_EQ(get_json("/api/v1/chargers/CS-DIAG/monitors")["items"], Json::array());
    const Json first{{"requestId", 7},
                     {"seqNo", 0},
                     {"tbc", true},
                     {"generatedAt", "2026-11-26T10:05:00Z"},
                     {"monitor", Json::array({monitoring(component("Connector", 1), "Temperature",
                                                         Json::array({threshold(3, 90, 2)}))})}};
    EXPECT_EQ(result_of(station->call("NotifyMonitoringReport", first)), Json::object());
    auto monitors = get_json("/api/v1/chargers/CS-DIAG/monitors")["items"];
    ASSERT_EQ(monitors.size(), 2u) << monitors.dump();
    EXPECT_EQ(monitors[0]["id"], 3);
    EXPECT_EQ(monitors[0]["component"]["name"], "Connector");
    EXPECT_EQ(monitors[0]["variable"]["name"], "Temperature");
    EXPECT_EQ(monitors[0]["severity"], 2);
    EXPECT_EQ(monitors[0]["type"], "UpperThreshold");
    EXPECT_EQ(monitors[0]["value"], 90.0);
    EXPECT_EQ(monitors[0]["requestId"], 7);
    EXPECT_EQ(monitors[0]["generatedAt"], "2026-11-26T10:05:00.000Z");
    EXPECT_EQ(monitors[1]["id"], 4);
    monitors = get_json("/api/v1/chargers/CS-DIAG/monitors?component=evse&variable=Power")["items"];
    ASSERT_EQ(monitors.size(), 1u);
    EXPECT_EQ(monitors[0]["id"], 4);
    // A part that repeats a seqNo with other content is refused with the 2.0.1 code and the JSON pointer.
    Json other = first;
    other["monitor"][0]["variableMonitoring"][0]["severity"] = 9;
    const auto refused = error_of(station->call("NotifyMonitoringReport", other));
    EXPECT_EQ(refused.error_code, "PropertyConstraintViolation");
    EXPECT_EQ(refused.details.value("path", ""), "/seqNo");
    // Asked again with the same requestId, the station's new answer replaces the monitors.
    command("CS-DIAG", "GetMonitoringReport", {{"requestId", 7}});
    Json only = other;
    only["tbc"] = false;
    EXPECT_EQ(result_of(station->call("NotifyMonitoringReport", only)), Json::object());
    monitors = get_json("/api/v1/chargers/CS-DIAG/monitors")["items"];
    ASSERT_EQ(monitors.size(), 1u) << monitors.dump();
    EXPECT_EQ(monitors[0]["severity"], 9);

    // N09: customer information in three parts, out of order.
    command("CS-DIAG", "CustomerInformation",
            {{"requestId", 9}, {"report", true}, {"clear", false}, {"customerIdentifier", "fleet-driver-12"}});
    const auto part = [](int seq_no, bool tbc, const std::string &data) {
        return Json{
            {"requestId", 9}, {"seqNo", seq_no}, {"tbc", tbc}, {"generatedAt", "2026-11-26T10:06:00Z"}, {"data", data}};
    };
    EXPECT_EQ(result_of(station->call("NotifyCustomerInformation", part(1, true, "sessions: 14; "))), Json::object());
    EXPECT_EQ(result_of(station->call("NotifyCustomerInformation", part(2, false, "last: 2026-11-25"))),
              Json::object());
    auto information = get_json("/api/v1/chargers/CS-DIAG/customer-information?requestId=9")["items"];
    ASSERT_EQ(information.size(), 1u);
    EXPECT_EQ(information[0]["complete"], false);
    EXPECT_EQ(result_of(station->call("NotifyCustomerInformation", part(0, true, "driver fleet-driver-12; "))),
              Json::object());
    EXPECT_EQ(result_of(station->call("NotifyCustomerInformation", part(0, true, "driver fleet-driver-12; "))),
              Json::object()); // resent
    information = get_json("/api/v1/chargers/CS-DIAG/customer-information?requestId=9")["items"];
    ASSERT_EQ(information.size(), 1u);
    EXPECT_EQ(information[0]["requestId"], 9);
    EXPECT_EQ(information[0]["complete"], true);
    EXPECT_EQ(information[0]["parts"], 3);
    EXPECT_EQ(information[0]["data"], "driver fleet-driver-12; sessions: 14; last: 2026-11-25");
    EXPECT_EQ(get_json("/api/v1/chargers/CS-DIAG/customer-information")["items"].size(), 1u);
    EXPECT_EQ(get_json("/api/v1/chargers/CS-DIAG/customer-information?requestId=10")["items"], Json::array());

    // O04: the station's display messages in two parts.
    command("CS-DIAG", "GetDisplayMessages", {{"requestId", 11}});
    const Json welcome{{"id", 1},
                       {"priority", "NormalCycle"},
                       {"message", {{"format", "UTF8"}, {"language", "en"}, {"content", "Welcome to the depot"}}}};
    const Json notice{{"id", 2},
                      {"priority", "InFront"},
                      {"state", "Faulted"},
                      {"endDateTime", "2026-11-27T00:00:00Z"},
                      {"message", {{"format", "ASCII"}, {"content", "Out of order"}}},
                      {"display", component("Display", 1)}};
    EXPECT_EQ(result_of(station->call("NotifyDisplayMessages",
                                      {{"requestId", 11}, {"tbc", true}, {"messageInfo", Json::array({welcome})}})),
              Json::object());
    EXPECT_EQ(get_json("/api/v1/chargers/CS-DIAG/display-messages")["items"], Json::array());
    EXPECT_EQ(
        result_of(station->call("NotifyDisplayMessages", {{"requestId", 11}, {"messageInfo", Json::array({notice})}})),
        Json::object());
    const auto messages = get_json("/api/v1/chargers/CS-DIAG/display-messages")["items"];
    ASSERT_EQ(messages.size(), 2u) << messages.dump();
    EXPECT_EQ(messages[0]["id"], 1);
    EXPECT_EQ(messages[0]["message"],
              (Json{{"format", "UTF8"}, {"language", "en"}, {"content", "Welcome to the depot"}}));
    EXPECT_EQ(messages[0]["display"], nullptr);
    EXPECT_EQ(messages[1]["id"], 2);
    EXPECT_EQ(messages[1]["priority"], "InFront");
    EXPECT_EQ(messages[1]["state"], "Faulted");
    EXPECT_EQ(messages[1]["startDateTime"], nullptr);
    EXPECT_EQ(messages[1]["endDateTime"], "2026-11-27T00:00:00.000Z");
    EXPECT_EQ(messages[1]["display"]["evse"]["id"], 1);
    EXPECT_EQ(messages[1]["requestId"], 11);
}

TEST_F(Ocpp201Diagnostics, RoutesRefuseUnknownChargersAndBadParameters) {
    auto station = boot201("CS-API");
    for (const char *route : {"monitoring-events", "monitors", "customer-information", "display-messages"}) {
        SCOPED_TRACE(route);
        const auto missing = get(std::string("/api/v1/chargers/NOPE/") + route);
        EXPECT_EQ(missing.status, 404) << missing.body;
        EXPECT_EQ(api_error(missing).value("code", ""), "charger_not_found");
        EXPECT_EQ(anonymous("GET", std::string("/api/v1/chargers/CS-API/") + route).status, 401);
        EXPECT_EQ(get_json(std::string("/api/v1/chargers/CS-API/") + route)["items"], Json::array());
        const auto unknown = get(std::string("/api/v1/chargers/CS-API/") + route + "?colour=red");
        EXPECT_EQ(unknown.status, 422) << unknown.body;
        EXPECT_EQ(api_error(unknown).value("code", ""), "unknown_parameter");
        EXPECT_EQ(api_error(unknown).value("field", ""), "colour");
    }
    const auto expect_invalid = [&](const std::string &target, const std::string &field) {
        const auto reply = get(target);
        EXPECT_EQ(reply.status, 422) << target << ": " << reply.body;
        EXPECT_EQ(api_error(reply).value("code", ""), "invalid_parameter") << target;
        EXPECT_EQ(api_error(reply).value("field", ""), field) << target;
    };
    expect_invalid("/api/v1/chargers/CS-API/monitoring-events?from=yesterday", "from");
    expect_invalid("/api/v1/chargers/CS-API/monitoring-events?from=2026-11-26T10:00:00Z&to=2026-11-26T10:00:00Z", "to");
    expect_invalid("/api/v1/chargers/CS-API/monitoring-events?limit=0", "limit");
    expect_invalid("/api/v1/chargers/CS-API/monitors?component=", "component");
    expect_invalid("/api/v1/chargers/CS-API/customer-information?requestId=-1", "requestId");
    expect_invalid("/api/v1/chargers/CS-API/customer-information?requestId=nine", "requestId");
}

} // namespace
