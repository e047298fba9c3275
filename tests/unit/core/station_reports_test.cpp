// OCPP 2.0.1 diagnostics and display messages in core, over SQLite: N07/N08 monitoring events kept once
// and published, N02 monitoring reports and N09/N10 customer information assembled across their parts in
// any order, O04 display messages replaced by each complete report; resent parts add nothing, a part
// that repeats a seqNo with other content is refused.
#include "core_fixture.hpp"
#include "event_log.hpp"

#include "manage/common/time_format.hpp"
#include "manage/core/sql_station_report_repository.hpp"
#include "manage/core/station_reports.hpp"

#include <nlohmann/json.hpp>

using namespace manage;
using namespace std::chrono_literals;
using core::PartVerdict;
using Json = nlohmann::json;

namespace {

TimePoint at(const char *text) {
    return *parse_time(text);
}

core::MonitoringEvent event(int id, const char *timestamp, const std::string &actual = "92.5") {
    core::MonitoringEvent e;
    e.event_id = id;
    e.timestamp = at(timestamp);
    e.trigger = "Alerting";
    e.actual_value = actual;
    e.notification_type = "HardWiredMonitor";
    e.component = {"Connector", "", 1, 1};
    e.variable = {"Temperature", ""};
    e.generated_at = at("2026-11-26T10:00:00Z");
    return e;
}

core::VariableMonitor monitor(int id, const std::string &component, const std::string &variable, int severity = 5) {
    core::VariableMonitor m;
    m.id = id;
    m.component = {component, "", std::nullopt, std::nullopt};
    m.variable = {variable, ""};
    m.value = 100.5;
    m.type = "UpperThreshold";
    m.severity = severity;
    return m;
}

core::MonitoringReportPart monitoring_part(int request_id, int seq_no, bool tbc,
                                           std::vector<core::VariableMonitor> monitors) {
    return {request_id, seq_no, tbc, at("2026-11-26T10:00:00Z") + std::chrono::seconds(seq_no), std::move(monitors)};
}

core::CustomerInformationPart customer_part(int request_id, int seq_no, bool tbc, std::string data) {
    return {request_id, seq_no, tbc, at("2026-11-26T11:00:00Z") + std::chrono::seconds(seq_no), std::move(data)};
}

core::DisplayMessage message(int id, const std::string &content) {
    core::DisplayMessage m;
    m.id = id;
    m.priority = "NormalCycle";
    m.format = "UTF8";
    m.content = content;
    return m;
}

std::vector<int> monitor_ids(const std::vector<core::VariableMonitor> &monitors) {
    std::vector<int> ids;
    for (const auto &m : monitors)
        ids.push_back(m.id);
    return ids;
}

std::vector<std::string> contents(const std::vector<core::DisplayMessage> &messages) {
    std::vector<std::string> out;
    for (const auto &m : messages)
        out.push_back(std::to_string(m.id) + ":" + m.content);
    return out;
}

} // namespace

class StationReportsTest : public manage::testing::CoreFixture {
protected:
    void SetUp() override {
        CoreFixture::SetUp();
        for (const auto *id : {"CS-1", "CS-2"})
            repository_->save_registration(id, core::Registration::Accepted, clock_.now());
        station_repository_ = std::make_unique<core::SqlStationReportRepository>(*database_);
        reports_ = std::make_unique<core::StationReports>(*station_repository_, events_, clock_);
    }
    void TearDown() override {
        reports_.reset();
        station_repository_.reset();
        CoreFixture::TearDown();
    }

    std::unique_ptr<core::SqlStationReportRepository> station_repository_;
    std::unique_ptr<core::StationReports> reports_;
};

TEST_F(StationReportsTest, N07_NotifyEventIsKeptAndPublished) {
    manage::testing::EventLog events(bus_, "charger.#");
    auto alert = event(17, "2026-11-26T09:58:00Z");
    alert.cause = 16;
    alert.tech_code = "OVT-2";
    alert.tech_info = "plug over limit";
    alert.transaction_id = "TX-1";
    alert.variable_monitoring_id = 5;
    alert.seq_no = 2;
    auto cleared = event(18, "2026-11-26T09:59:00Z", "60.0");
    cleared.cleared = true;
    cleared.component = {"Connector", "plug", 1, std::nullopt};
    EXPECT_EQ(reports_->on_monitoring_events("CS-1", {alert, cleared}), 2u);

    const auto kept = reports_->monitoring_events("CS-1");
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(kept[0].event_id, 18); // newest first
    EXPECT_TRUE(kept[0].cleared);
    EXPECT_EQ(kept[0].component.instance, "plug");
    EXPECT_EQ(kept[0].component.connector_id, std::nullopt);
    const auto &e = kept[1];
    EXPECT_EQ(e.event_id, 17);
    EXPECT_EQ(e.timestamp, at("2026-11-26T09:58:00Z"));
    EXPECT_EQ(e.trigger, "Alerting");
    EXPECT_EQ(e.cause, 16);
    EXPECT_EQ(e.actual_value, "92.5");
    EXPECT_EQ(e.tech_code, "OVT-2");
    EXPECT_EQ(e.tech_info, "plug over limit");
    EXPECT_FALSE(e.cleared);
    EXPECT_EQ(e.transaction_id, "TX-1");
    EXPECT_EQ(e.variable_monitoring_id, 5);
    EXPECT_EQ(e.notification_type, "HardWiredMonitor");
    EXPECT_EQ(e.component.name, "Connector");
    EXPECT_EQ(e.component.evse_id, 1);
    EXPECT_EQ(e.variable.name, "Temperature");
    EXPECT_EQ(e.generated_at, at("2026-11-26T10:00:00Z"));
    EXPECT_EQ(e.seq_no, 2);
    EXPECT_EQ(e.received_at, clock_.now());
    EXPECT_TRUE(reports_->monitoring_events("CS-2").empty());

    const auto published = events.wait_for("charger.monitoring_event", 2);
    ASSERT_EQ(published.size(), 2u);
    const auto payload = Json::parse(published[0].payload);
    EXPECT_EQ(payload["chargerId"], "CS-1");
    EXPECT_EQ(payload["eventId"], 17);
    EXPECT_EQ(payload["timestamp"], "2026-11-26T09:58:00.000Z");
    EXPECT_EQ(payload["trigger"], "Alerting");
    EXPECT_EQ(payload["cause"], 16);
    EXPECT_EQ(payload["actualValue"], "92.5");
    EXPECT_EQ(payload["techCode"], "OVT-2");
    EXPECT_EQ(payload["cleared"], false);
    EXPECT_EQ(payload["variableMonitoringId"], 5);
    EXPECT_EQ(payload["eventNotificationType"], "HardWiredMonitor");
    EXPECT_EQ(payload["component"],
              (Json{{"name", "Connector"}, {"instance", ""}, {"evse", {{"id", 1}, {"connectorId", 1}}}}));
    EXPECT_EQ(payload["variable"], (Json{{"name", "Temperature"}, {"instance", ""}}));
    EXPECT_EQ(Json::parse(published[1].payload)["cause"], nullptr);
    EXPECT_EQ(Json::parse(published[1].payload)["cleared"], true);
}

// A station resends a NotifyEvent it got no answer to: same eventId and timestamp, kept and published once.
TEST_F(StationReportsTest, N07_ResentEventAddsNothing) {
    manage::testing::EventLog events(bus_, "charger.monitoring_event");
    const auto alert = event(17, "2026-11-26T09:58:00Z");
    EXPECT_EQ(reports_->on_monitoring_events("CS-1", {alert}), 1u);
    clock_.advance(5s);
    EXPECT_EQ(reports_->on_monitoring_events("CS-1", {alert, event(18, "2026-11-26T09:58:30Z")}), 1u);
    // The same eventId later is another event (ids restart with the station); another charger's too.
    EXPECT_EQ(reports_->on_monitoring_events("CS-1", {event(17, "2026-11-26T12:00:00Z")}), 1u);
    EXPECT_EQ(reports_->on_monitoring_events("CS-2", {alert}), 1u);

    EXPECT_EQ(reports_->monitoring_events("CS-1").size(), 3u);
    EXPECT_EQ(events.wait_for("charger.monitoring_event", 4).size(), 4u);
    EXPECT_EQ(reports_->monitoring_events("CS-1").back().received_at + 5s, clock_.now()); // the first arrival's
}

TEST_F(StationReportsTest, N08_EventsAreListedNewestFirstWithinFromAndTo) {
    for (int i = 0; i < 5; ++i)
        reports_->on_monitoring_events(
            "CS-1", {event(i, format_time(at("2026-11-26T10:00:00Z") + std::chrono::minutes(i)).c_str())});
    auto ids = [](const std::vector<core::MonitoringEvent> &events) {
        std::vector<int> out;
        for (const auto &e : events)
            out.push_back(e.event_id);
        return out;
    };
    EXPECT_EQ(ids(reports_->monitoring_events("CS-1")), (std::vector<int>{4, 3, 2, 1, 0}));
    EXPECT_EQ(ids(reports_->monitoring_events(
                  "CS-1", {at("2026-11-26T10:01:00Z"), at("2026-11-26T10:03:00Z"), 100})), // from ≤ t < to
              (std::vector<int>{2, 1}));
    EXPECT_EQ(ids(reports_->monitoring_events("CS-1", {std::nullopt, std::nullopt, 2})), (std::vector<int>{4, 3}));
}

// N02: the parts of a report come in any order; the complete report replaces the monitors known before.
TEST_F(StationReportsTest, N02_MonitoringReportAssembledOutOfOrderReplacesTheMonitors) {
    manage::testing::EventLog events(bus_, "monitoring.reported");
    auto first = reports_->on_monitoring_report_part("CS-1", monitoring_part(1, 0, false, {monitor(9, "EVSE", "X")}));
    EXPECT_TRUE(first.completed);
    EXPECT_EQ(monitor_ids(reports_->monitors("CS-1")), (std::vector<int>{9}));

    const auto last = reports_->on_monitoring_report_part(
        "CS-1", monitoring_part(2, 2, false, {monitor(3, "EVSE", "Power"), monitor(1, "ChargingStation", "Power")}));
    EXPECT_EQ(last.verdict, PartVerdict::Kept);
    EXPECT_FALSE(last.completed);
    EXPECT_FALSE(
        reports_->on_monitoring_report_part("CS-1", monitoring_part(2, 0, true, {monitor(2, "Connector", "T")}))
            .completed);
    EXPECT_EQ(monitor_ids(reports_->monitors("CS-1")), (std::vector<int>{9}))
        << "nothing applies while a part is missing";

    clock_.advance(1s);
    const auto middle = reports_->on_monitoring_report_part(
        "CS-1", monitoring_part(2, 1, true, {monitor(4, "EVSE", "Current", 0), monitor(3, "EVSE", "Power", 2)}));
    EXPECT_TRUE(middle.completed);
    EXPECT_EQ(middle.parts, 3);
    EXPECT_EQ(middle.items, 4u); // monitor 3 in two parts counts once
    EXPECT_EQ(middle.generated_at, at("2026-11-26T10:00:00Z"));

    const auto monitors = reports_->monitors("CS-1");
    // By component, variable, then id; monitor 9 of the earlier report is gone.
    EXPECT_EQ(monitor_ids(monitors), (std::vector<int>{1, 2, 4, 3}));
    const auto &power = monitors[3];
    EXPECT_EQ(power.severity, 5) << "the later part's monitor 3 wins";
    EXPECT_EQ(power.component.name, "EVSE");
    EXPECT_EQ(power.value, 100.5);
    EXPECT_EQ(power.type, "UpperThreshold");
    EXPECT_EQ(power.request_id, 2);
    EXPECT_EQ(power.generated_at, at("2026-11-26T10:00:00Z"));
    EXPECT_EQ(power.updated_at, clock_.now());
    EXPECT_TRUE(reports_->monitors("CS-2").empty());

    const auto published = events.wait_for("monitoring.reported", 2);
    ASSERT_EQ(published.size(), 2u);
    const auto payload = Json::parse(published[1].payload);
    EXPECT_EQ(payload["chargerId"], "CS-1");
    EXPECT_EQ(payload["requestId"], 2);
    EXPECT_EQ(payload["parts"], 3);
    EXPECT_EQ(payload["monitors"], 4);
    EXPECT_EQ(payload["generatedAt"], "2026-11-26T10:00:00.000Z");
}

TEST_F(StationReportsTest, N02_ResentPartAddsNothingAndOneWithOtherContentConflicts) {
    manage::testing::EventLog events(bus_, "monitoring.reported");
    const auto part0 = monitoring_part(5, 0, true, {monitor(1, "EVSE", "Power")});
    EXPECT_EQ(reports_->on_monitoring_report_part("CS-1", part0).verdict, PartVerdict::Kept);
    EXPECT_EQ(reports_->on_monitoring_report_part("CS-1", part0).verdict, PartVerdict::Resent);
    EXPECT_EQ(reports_->on_monitoring_report_part("CS-1", monitoring_part(5, 0, true, {monitor(1, "EVSE", "Power", 7)}))
                  .verdict,
              PartVerdict::Conflicting);
    EXPECT_EQ(reports_->on_monitoring_report_part("CS-1", monitoring_part(5, 0, false, {monitor(1, "EVSE", "Power")}))
                  .verdict,
              PartVerdict::Conflicting)
        << "tbc is part of the content";
    const auto part1 = monitoring_part(5, 1, false, {monitor(2, "EVSE", "Current")});
    EXPECT_TRUE(reports_->on_monitoring_report_part("CS-1", part1).completed);
    // Resent after the report was applied: nothing changes, nothing is published again.
    const auto again = reports_->on_monitoring_report_part("CS-1", part1);
    EXPECT_EQ(again.verdict, PartVerdict::Resent);
    EXPECT_FALSE(again.completed);
    EXPECT_EQ(monitor_ids(reports_->monitors("CS-1")), (std::vector<int>{2, 1}));
    EXPECT_EQ(events.wait_for("monitoring.reported", 1).size(), 1u);
}

// GetMonitoringReport again with the same requestId: the new answer is not taken for the old one.
TEST_F(StationReportsTest, N02_NewRequestWithAUsedIdStartsOver) {
    EXPECT_TRUE(reports_->on_monitoring_report_part("CS-1", monitoring_part(5, 0, false, {monitor(1, "EVSE", "Power")}))
                    .completed);
    reports_->start_request("CS-1", core::StationReportKind::MonitoringReport, 5);
    const auto fresh =
        reports_->on_monitoring_report_part("CS-1", monitoring_part(5, 0, false, {monitor(6, "EVSE", "Power")}));
    EXPECT_EQ(fresh.verdict, PartVerdict::Kept);
    EXPECT_TRUE(fresh.completed);
    EXPECT_EQ(monitor_ids(reports_->monitors("CS-1")), (std::vector<int>{6}));
    // An empty report (no monitor left) empties the list.
    EXPECT_TRUE(reports_->on_monitoring_report_part("CS-1", monitoring_part(6, 0, false, {})).completed);
    EXPECT_TRUE(reports_->monitors("CS-1").empty());
}

TEST_F(StationReportsTest, N02_MonitorsFilterByComponentAndVariableIgnoringCase) {
    reports_->on_monitoring_report_part("CS-1",
                                        monitoring_part(1, 0, false,
                                                        {monitor(1, "EVSE", "Power"), monitor(2, "EVSE", "Current"),
                                                         monitor(3, "Connector", "Power")}));
    EXPECT_EQ(monitor_ids(reports_->monitors("CS-1", {std::string("evse"), std::nullopt})), (std::vector<int>{2, 1}));
    EXPECT_EQ(monitor_ids(reports_->monitors("CS-1", {std::nullopt, std::string("POWER")})), (std::vector<int>{3, 1}));
    EXPECT_EQ(monitor_ids(reports_->monitors("CS-1", {std::string("EVSE"), std::string("Power")})),
              (std::vector<int>{1}));
    EXPECT_TRUE(reports_->monitors("CS-1", {std::string("Display"), std::nullopt}).empty());
}

// N09/N10: the data of a request, in seqNo order whatever order the parts came in.
TEST_F(StationReportsTest, N09_CustomerInformationAssembledInSeqNoOrder) {
    manage::testing::EventLog events(bus_, "customer_information.reported");
    EXPECT_FALSE(reports_->on_customer_information_part("CS-1", customer_part(12, 2, false, "C")).completed);
    clock_.advance(1s);
    EXPECT_FALSE(reports_->on_customer_information_part("CS-1", customer_part(12, 0, true, "A")).completed);

    auto kept = reports_->customer_information("CS-1", 12);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_FALSE(kept[0].complete);
    EXPECT_EQ(kept[0].parts, 2);
    EXPECT_EQ(kept[0].data, "AC");

    clock_.advance(1s);
    const auto done = reports_->on_customer_information_part("CS-1", customer_part(12, 1, true, "B"));
    EXPECT_TRUE(done.completed);
    EXPECT_EQ(done.parts, 3);
    EXPECT_EQ(done.items, 3u);
    kept = reports_->customer_information("CS-1", 12);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_TRUE(kept[0].complete);
    EXPECT_EQ(kept[0].request_id, 12);
    EXPECT_EQ(kept[0].parts, 3);
    EXPECT_EQ(kept[0].data, "ABC");
    EXPECT_EQ(kept[0].generated_at, at("2026-11-26T11:00:00Z"));
    EXPECT_EQ(kept[0].received_at, clock_.now());

    clock_.advance(1s);
    reports_->on_customer_information_part("CS-1", customer_part(13, 0, false, "no data for this token"));
    const auto all = reports_->customer_information("CS-1");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].request_id, 13); // newest first
    EXPECT_EQ(all[1].request_id, 12);
    EXPECT_TRUE(reports_->customer_information("CS-1", 14).empty());
    EXPECT_TRUE(reports_->customer_information("CS-2").empty());

    const auto published = events.wait_for("customer_information.reported", 2);
    ASSERT_EQ(published.size(), 2u);
    const auto payload = Json::parse(published[0].payload);
    EXPECT_EQ(payload["requestId"], 12);
    EXPECT_EQ(payload["parts"], 3);
    EXPECT_EQ(payload["bytes"], 3);
    EXPECT_FALSE(payload.contains("data")) << "the data is about a customer: it stays in the Store";
}

TEST_F(StationReportsTest, N09_ResentPartAddsNothingAndOneWithOtherDataConflicts) {
    const auto part = customer_part(12, 0, false, "A");
    EXPECT_EQ(reports_->on_customer_information_part("CS-1", part).verdict, PartVerdict::Kept);
    EXPECT_EQ(reports_->on_customer_information_part("CS-1", part).verdict, PartVerdict::Resent);
    EXPECT_EQ(reports_->on_customer_information_part("CS-1", customer_part(12, 0, false, "Z")).verdict,
              PartVerdict::Conflicting);
    const auto kept = reports_->customer_information("CS-1", 12);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].data, "A");
    EXPECT_EQ(kept[0].parts, 1);
    // A new CustomerInformation with the id replaces it.
    reports_->start_request("CS-1", core::StationReportKind::CustomerInformation, 12);
    EXPECT_EQ(reports_->on_customer_information_part("CS-1", customer_part(12, 0, false, "Z")).verdict,
              PartVerdict::Kept);
    EXPECT_EQ(reports_->customer_information("CS-1", 12).at(0).data, "Z");
}

// O04: display messages come in parts without seqNo; the last (tbc false) replaces what was known.
TEST_F(StationReportsTest, O04_CompleteReportReplacesTheDisplayMessages) {
    manage::testing::EventLog events(bus_, "display_messages.reported");
    EXPECT_TRUE(reports_->on_display_messages_part("CS-1", {1, false, {message(9, "old")}}).completed);
    EXPECT_EQ(contents(reports_->display_messages("CS-1")), (std::vector<std::string>{"9:old"}));

    auto welcome = message(2, "Welcome");
    welcome.state = "Idle";
    welcome.start_date_time = at("2026-11-26T08:00:00Z");
    welcome.end_date_time = at("2026-11-27T08:00:00Z");
    welcome.transaction_id = "TX-1";
    welcome.language = "en";
    welcome.display = core::DeviceComponent{"Display", "front", 1, std::nullopt};
    const core::DisplayMessagesPart first{2, true, {welcome, message(1, "Tariff")}};
    EXPECT_FALSE(reports_->on_display_messages_part("CS-1", first).completed);
    EXPECT_EQ(reports_->on_display_messages_part("CS-1", first).verdict, PartVerdict::Resent);
    EXPECT_EQ(contents(reports_->display_messages("CS-1")), (std::vector<std::string>{"9:old"}));

    clock_.advance(1s);
    const core::DisplayMessagesPart last{2, false, {message(3, "Out of order soon"), message(1, "Tariff v2")}};
    const auto done = reports_->on_display_messages_part("CS-1", last);
    EXPECT_TRUE(done.completed);
    EXPECT_EQ(done.parts, 2);
    EXPECT_EQ(done.items, 3u);
    const auto messages = reports_->display_messages("CS-1");
    EXPECT_EQ(contents(messages), (std::vector<std::string>{"1:Tariff v2", "2:Welcome", "3:Out of order soon"}));
    const auto &w = messages[1];
    EXPECT_EQ(w.priority, "NormalCycle");
    EXPECT_EQ(w.state, "Idle");
    EXPECT_EQ(w.start_date_time, at("2026-11-26T08:00:00Z"));
    EXPECT_EQ(w.end_date_time, at("2026-11-27T08:00:00Z"));
    EXPECT_EQ(w.transaction_id, "TX-1");
    EXPECT_EQ(w.format, "UTF8");
    EXPECT_EQ(w.language, "en");
    ASSERT_TRUE(w.display);
    EXPECT_EQ(w.display->name, "Display");
    EXPECT_EQ(w.display->instance, "front");
    EXPECT_EQ(w.display->evse_id, 1);
    EXPECT_EQ(w.request_id, 2);
    EXPECT_EQ(w.updated_at, clock_.now());
    EXPECT_FALSE(messages[0].display);
    EXPECT_EQ(messages[0].start_date_time, std::nullopt);

    // The last part resent after the report was applied changes nothing.
    EXPECT_EQ(reports_->on_display_messages_part("CS-1", last).verdict, PartVerdict::Resent);
    EXPECT_EQ(reports_->display_messages("CS-1").size(), 3u);
    EXPECT_TRUE(reports_->display_messages("CS-2").empty());

    const auto published = events.wait_for("display_messages.reported", 2);
    ASSERT_EQ(published.size(), 2u);
    const auto payload = Json::parse(published[1].payload);
    EXPECT_EQ(payload["chargerId"], "CS-1");
    EXPECT_EQ(payload["requestId"], 2);
    EXPECT_EQ(payload["parts"], 2);
    EXPECT_EQ(payload["messages"], 3);
}
