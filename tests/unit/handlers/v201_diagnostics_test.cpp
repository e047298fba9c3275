// OCPP 2.0.1 functional block N, Diagnostics, the station → CSMS messages: N07/N08 NotifyEvent, N02
// NotifyMonitoringReport, N09/N10 NotifyCustomerInformation. What reaches core, OCPP's defaults filled in,
// and the CALLERRORs for payloads that break the schema or the rules beyond it.
#include "dispatcher_fixture.hpp"
#include "v16_samples.hpp"

#include <nlohmann/json.hpp>

namespace manage::connect::testing {
namespace {

using Json = ocpp::Json;
constexpr auto kV201 = ocpp::Version::v201;

// An N07 alert: a connector's plug temperature over its monitor's threshold.
Json alert() {
    return Json{{"eventId", 17},
                {"timestamp", "2026-11-26T09:58:00Z"},
                {"trigger", "Alerting"},
                {"cause", 16},
                {"actualValue", "92.5"},
                {"techCode", "OVT-2"},
                {"techInfo", "plug temperature over limit"},
                {"cleared", false},
                {"transactionId", "TX-0042"},
                {"component", {{"name", "Connector"}, {"instance", "plug"}, {"evse", {{"id", 1}, {"connectorId", 2}}}}},
                {"variableMonitoringId", 5},
                {"eventNotificationType", "CustomMonitor"},
                {"variable", {{"name", "Temperature"}, {"instance", "Plug"}}}};
}

Json notify_event(Json events = Json::array({alert()})) {
    return Json{{"generatedAt", "2026-11-26T09:58:01Z"}, {"seqNo", 0}, {"eventData", std::move(events)}};
}

Json monitoring_report() {
    return Json{
        {"requestId", 8},
        {"seqNo", 1},
        {"tbc", true},
        {"generatedAt", "2026-11-26T09:59:00Z"},
        {"monitor",
         Json::array(
             {{{"component", {{"name", "EVSE"}, {"evse", {{"id", 1}}}}},
               {"variable", {{"name", "Power"}}},
               {"variableMonitoring",
                Json::array(
                    {{{"id", 3},
                      {"transaction", true},
                      {"value", 22000.5},
                      {"type", "UpperThreshold"},
                      {"severity", 4}},
                     {{"id", 4}, {"transaction", false}, {"value", 900}, {"type", "Periodic"}, {"severity", 8}}})}}})}};
}

Json customer_information() {
    return Json{{"data", "card 04A2B3C4 used on 2026-11-20"},
                {"seqNo", 0},
                {"tbc", true},
                {"generatedAt", "2026-11-26T09:59:30Z"},
                {"requestId", 12}};
}

TEST_F(DispatcherTest, N07_NotifyEventReachesCoreWithEveryField) {
    auto request = notify_event();
    request["tbc"] = true;
    request["seqNo"] = 3;
    EXPECT_EQ(result(kV201, "NotifyEvent", request), Json::object());
    const auto &part = core_.last_monitoring_events;
    EXPECT_EQ(part.seq_no, 3);
    EXPECT_TRUE(part.tbc);
    EXPECT_EQ(part.generated_at, *parse_time("2026-11-26T09:58:01Z"));
    ASSERT_EQ(part.events.size(), 1u);
    const auto &e = part.events[0];
    EXPECT_EQ(e.event_id, 17);
    EXPECT_EQ(e.timestamp, *parse_time("2026-11-26T09:58:00Z"));
    EXPECT_EQ(e.trigger, "Alerting");
    EXPECT_EQ(e.cause, 16);
    EXPECT_EQ(e.actual_value, "92.5");
    EXPECT_EQ(e.tech_code, "OVT-2");
    EXPECT_EQ(e.tech_info, "plug temperature over limit");
    EXPECT_FALSE(e.cleared);
    EXPECT_EQ(e.transaction_id, "TX-0042");
    EXPECT_EQ(e.variable_monitoring_id, 5);
    EXPECT_EQ(e.notification_type, "CustomMonitor");
    EXPECT_EQ(e.component.name, "Connector");
    EXPECT_EQ(e.component.instance, "plug");
    EXPECT_EQ(e.component.evse_id, 1);
    EXPECT_EQ(e.component.connector_id, 2);
    EXPECT_EQ(e.variable.name, "Temperature");
    EXPECT_EQ(e.variable.instance, "Plug");
}

// N08: a periodic event carries only what is required; the rest is left unset (cleared false, tbc false).
TEST_F(DispatcherTest, N08_PeriodicEventKeepsOnlyWhatWasSent) {
    const Json periodic{{"eventId", 1},
                        {"timestamp", "2026-11-26T10:00:00Z"},
                        {"trigger", "Periodic"},
                        {"actualValue", "230.1"},
                        {"component", {{"name", "ChargingStation"}}},
                        {"eventNotificationType", "PreconfiguredMonitor"},
                        {"variable", {{"name", "Voltage"}}}};
    const Json cleared = with(with(periodic, "/eventId", 2), "/cleared", true);
    EXPECT_EQ(result(kV201, "NotifyEvent", notify_event(Json::array({periodic, cleared}))), Json::object());
    const auto &part = core_.last_monitoring_events;
    EXPECT_FALSE(part.tbc);
    ASSERT_EQ(part.events.size(), 2u);
    const auto &e = part.events[0];
    EXPECT_EQ(e.trigger, "Periodic");
    EXPECT_EQ(e.cause, std::nullopt);
    EXPECT_EQ(e.tech_code, "");
    EXPECT_EQ(e.tech_info, "");
    EXPECT_FALSE(e.cleared);
    EXPECT_EQ(e.transaction_id, "");
    EXPECT_EQ(e.variable_monitoring_id, std::nullopt);
    EXPECT_EQ(e.component.instance, "");
    EXPECT_EQ(e.component.evse_id, std::nullopt);
    EXPECT_EQ(e.variable.instance, "");
    EXPECT_TRUE(part.events[1].cleared);
}

TEST_F(DispatcherTest, N07_MalformedNotifyEventIsRefusedWith201Codes) {
    const auto request = notify_event();
    expect_refused(
        kV201, "NotifyEvent",
        {
            {"not an object", Json::array(), "FormatViolation", ""},
            {"a member the message does not have", with(request, "/severity", 3), "FormatViolation", "/severity"},
            {"eventData missing", without(request, "/eventData"), "OccurrenceConstraintViolation", ""},
            {"eventData empty", with(request, "/eventData", Json::array()), "OccurrenceConstraintViolation",
             "/eventData"},
            {"seqNo negative", with(request, "/seqNo", -1), "PropertyConstraintViolation", "/seqNo"},
            {"seqNo a string", with(request, "/seqNo", "0"), "TypeConstraintViolation", "/seqNo"},
            {"generatedAt not a date-time", with(request, "/generatedAt", "now"), "PropertyConstraintViolation",
             "/generatedAt"},
            {"trigger outside EventTriggerEnumType", with(request, "/eventData/0/trigger", "Sometimes"),
             "PropertyConstraintViolation", "/eventData/0/trigger"},
            {"actualValue missing", without(request, "/eventData/0/actualValue"), "OccurrenceConstraintViolation",
             "/eventData/0"},
            {"techCode over 50 characters", with(request, "/eventData/0/techCode", std::string(51, 'x')),
             "PropertyConstraintViolation", "/eventData/0/techCode"},
            {"EVSE 0: the station has none", with(request, "/eventData/0/component/evse/id", 0),
             "PropertyConstraintViolation", "/eventData/0/component/evse/id"},
            {"connector 0", with(request, "/eventData/0/component/evse/connectorId", 0), "PropertyConstraintViolation",
             "/eventData/0/component/evse/connectorId"},
            {"one eventId twice", notify_event(Json::array({alert(), with(alert(), "/actualValue", "93.0")})),
             "OccurrenceConstraintViolation", "/eventData/1/eventId"},
        });
}

TEST_F(DispatcherTest, N02_NotifyMonitoringReportReachesCoreWithEveryMonitor) {
    EXPECT_EQ(result(kV201, "NotifyMonitoringReport", monitoring_report()), Json::object());
    const auto &part = core_.last_monitoring_report;
    EXPECT_EQ(part.request_id, 8);
    EXPECT_EQ(part.seq_no, 1);
    EXPECT_TRUE(part.tbc);
    EXPECT_EQ(part.generated_at, *parse_time("2026-11-26T09:59:00Z"));
    ASSERT_EQ(part.monitors.size(), 2u);
    const auto &m = part.monitors[0];
    EXPECT_EQ(m.id, 3);
    EXPECT_EQ(m.component.name, "EVSE");
    EXPECT_EQ(m.component.evse_id, 1);
    EXPECT_EQ(m.component.connector_id, std::nullopt);
    EXPECT_EQ(m.variable.name, "Power");
    EXPECT_TRUE(m.transaction);
    EXPECT_EQ(m.value, 22000.5);
    EXPECT_EQ(m.type, "UpperThreshold");
    EXPECT_EQ(m.severity, 4);
    EXPECT_EQ(part.monitors[1].type, "Periodic");
    EXPECT_EQ(part.monitors[1].severity, 8);

    // A report without monitors (the last part, say) is a part all the same.
    EXPECT_EQ(result(kV201, "NotifyMonitoringReport",
                     {{"requestId", 8}, {"seqNo", 2}, {"generatedAt", "2026-11-26T09:59:01Z"}}),
              Json::object());
    EXPECT_FALSE(core_.last_monitoring_report.tbc);
    EXPECT_TRUE(core_.last_monitoring_report.monitors.empty());
}

// A resent part is answered as the first time; one that repeats a seqNo with other content is refused.
TEST_F(DispatcherTest, N02_PartConflictingWithAKeptOneIsRefused) {
    core_.part_verdict = PartVerdict::Resent;
    EXPECT_EQ(result(kV201, "NotifyMonitoringReport", monitoring_report()), Json::object());
    core_.part_verdict = PartVerdict::Conflicting;
    const auto refused = refusal(kV201, "NotifyMonitoringReport", monitoring_report());
    EXPECT_EQ(refused.error_code, "PropertyConstraintViolation");
    EXPECT_EQ(refused.details.value("path", ""), "/seqNo");
    EXPECT_NE(refused.description.find("other content"), std::string::npos) << refused.description;
}

TEST_F(DispatcherTest, N02_MalformedNotifyMonitoringReportIsRefusedWith201Codes) {
    const auto request = monitoring_report();
    expect_refused(
        kV201, "NotifyMonitoringReport",
        {
            {"requestId missing", without(request, "/requestId"), "OccurrenceConstraintViolation", ""},
            {"requestId a number with a fraction", with(request, "/requestId", 8.5), "TypeConstraintViolation",
             "/requestId"},
            {"seqNo negative", with(request, "/seqNo", -2), "PropertyConstraintViolation", "/seqNo"},
            {"monitor empty", with(request, "/monitor", Json::array()), "OccurrenceConstraintViolation", "/monitor"},
            {"variableMonitoring empty", with(request, "/monitor/0/variableMonitoring", Json::array()),
             "OccurrenceConstraintViolation", "/monitor/0/variableMonitoring"},
            {"type outside MonitorEnumType", with(request, "/monitor/0/variableMonitoring/1/type", "Sometimes"),
             "PropertyConstraintViolation", "/monitor/0/variableMonitoring/1/type"},
            {"severity missing", without(request, "/monitor/0/variableMonitoring/0/severity"),
             "OccurrenceConstraintViolation", "/monitor/0/variableMonitoring/0"},
            {"severity 10: the range is 0 to 9", with(request, "/monitor/0/variableMonitoring/1/severity", 10),
             "PropertyConstraintViolation", "/monitor/0/variableMonitoring/1/severity"},
            {"severity negative", with(request, "/monitor/0/variableMonitoring/0/severity", -1),
             "PropertyConstraintViolation", "/monitor/0/variableMonitoring/0/severity"},
            {"value a string", with(request, "/monitor/0/variableMonitoring/0/value", "high"),
             "TypeConstraintViolation", "/monitor/0/variableMonitoring/0/value"},
            {"one monitor id twice", with(request, "/monitor/0/variableMonitoring/1/id", 3),
             "OccurrenceConstraintViolation", "/monitor/0/variableMonitoring/1/id"},
            {"EVSE 0", with(request, "/monitor/0/component/evse/id", 0), "PropertyConstraintViolation",
             "/monitor/0/component/evse/id"},
        });
}

TEST_F(DispatcherTest, N09_NotifyCustomerInformationReachesCore) {
    EXPECT_EQ(result(kV201, "NotifyCustomerInformation", customer_information()), Json::object());
    const auto &part = core_.last_customer_information;
    EXPECT_EQ(part.request_id, 12);
    EXPECT_EQ(part.seq_no, 0);
    EXPECT_TRUE(part.tbc);
    EXPECT_EQ(part.generated_at, *parse_time("2026-11-26T09:59:30Z"));
    EXPECT_EQ(part.data, "card 04A2B3C4 used on 2026-11-20");
    result(kV201, "NotifyCustomerInformation", without(customer_information(), "/tbc"));
    EXPECT_FALSE(core_.last_customer_information.tbc);
}

TEST_F(DispatcherTest, N09_MalformedNotifyCustomerInformationIsRefusedWith201Codes) {
    const auto request = customer_information();
    expect_refused(
        kV201, "NotifyCustomerInformation",
        {
            {"data missing", without(request, "/data"), "OccurrenceConstraintViolation", ""},
            {"data over 512 characters", with(request, "/data", std::string(513, 'd')), "PropertyConstraintViolation",
             "/data"},
            {"data not a string", with(request, "/data", Json::object()), "TypeConstraintViolation", "/data"},
            {"seqNo negative", with(request, "/seqNo", -1), "PropertyConstraintViolation", "/seqNo"},
            {"tbc a string", with(request, "/tbc", "yes"), "TypeConstraintViolation", "/tbc"},
            {"generatedAt not a date-time", with(request, "/generatedAt", "2026-11-26"), "PropertyConstraintViolation",
             "/generatedAt"},
            {"a member the message does not have", with(request, "/idToken", "04A2B3C4"), "FormatViolation",
             "/idToken"},
        });
    core_.part_verdict = PartVerdict::Conflicting;
    const auto refused = refusal(kV201, "NotifyCustomerInformation", request);
    EXPECT_EQ(refused.error_code, "PropertyConstraintViolation");
    EXPECT_EQ(refused.details.value("path", ""), "/seqNo");
}

} // namespace
} // namespace manage::connect::testing
