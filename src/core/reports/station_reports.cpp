#include "manage/core/station_reports.hpp"
#include "manage/core/events.hpp"

#include "events/publish.hpp"
#include "manage/common/logging.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/event_topics.hpp"

namespace manage::core {
namespace {

using Json = nlohmann::json;

template <class T> Json optional_json(const std::optional<T> &value) {
    return value ? Json(*value) : Json(nullptr);
}

// An incident service consumes these: Alerting and Delta events of a component in fault (HardWiredNotification,
// HardWiredMonitor) come with the component and variable that tripped, and `cleared` when they are over.
Json event_payload(const std::string &charger_id, const MonitoringEvent &e) {
    Json evse = nullptr;
    if (e.component.evse_id)
        evse = {{"id", *e.component.evse_id}, {"connectorId", optional_json(e.component.connector_id)}};
    return {{"chargerId", charger_id},
            {"eventId", e.event_id},
            {"timestamp", format_time(e.timestamp)},
            {"trigger", e.trigger},
            {"cause", optional_json(e.cause)},
            {"actualValue", e.actual_value},
            {"techCode", e.tech_code},
            {"techInfo", e.tech_info},
            {"cleared", e.cleared},
            {"transactionId", e.transaction_id},
            {"variableMonitoringId", optional_json(e.variable_monitoring_id)},
            {"eventNotificationType", e.notification_type},
            {"component", {{"name", e.component.name}, {"instance", e.component.instance}, {"evse", evse}}},
            {"variable", {{"name", e.variable.name}, {"instance", e.variable.instance}}},
            {"generatedAt", format_time(e.generated_at)},
            {"seqNo", e.seq_no},
            {"receivedAt", format_time(e.received_at)}};
}

} // namespace

std::string to_string(StationReportKind kind) {
    switch (kind) {
    case StationReportKind::MonitoringReport:
        return "NotifyMonitoringReport";
    case StationReportKind::CustomerInformation:
        return "NotifyCustomerInformation";
    case StationReportKind::DisplayMessages:
        return "NotifyDisplayMessages";
    }
    return "NotifyMonitoringReport";
}

StationReports::StationReports(StationReportRepository &repository, Events &events, const Clock &clock)
    : repository_(repository), events_(events), clock_(clock) {}

std::size_t StationReports::on_monitoring_events(const std::string &charger_id,
                                                 const std::vector<MonitoringEvent> &events) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const auto now = clock_.now();
        std::size_t added = 0;
        for (auto event : events) {
            event.received_at = now;
            if (!repository_.add_monitoring_event(charger_id, event))
                continue; // resent: kept and published the first time
            ++added;
            events_.publish(topics::kChargerMonitoringEvent, event_payload(charger_id, event));
        }
        return added;
    });
}

PartOutcome StationReports::on_monitoring_report_part(const std::string &charger_id, const MonitoringReportPart &part) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const auto outcome = repository_.add_monitoring_report_part(charger_id, part, clock_.now());
        if (outcome.verdict == PartVerdict::Conflicting)
            logger("core")->warn("[charger={}] NotifyMonitoringReport {} part {} differs from the part kept: refused",
                                 charger_id, part.request_id, part.seq_no);
        if (outcome.completed) {
            logger("core")->info("[charger={}] monitoring report {} complete: {} part(s), {} monitor(s)", charger_id,
                                 part.request_id, outcome.parts, outcome.items);
            events_.publish(topics::kMonitoringReported, {{"chargerId", charger_id},
                                                          {"requestId", part.request_id},
                                                          {"parts", outcome.parts},
                                                          {"monitors", outcome.items},
                                                          {"generatedAt", format_time(outcome.generated_at)}});
        }
        return outcome;
    });
}

PartOutcome StationReports::on_customer_information_part(const std::string &charger_id,
                                                         const CustomerInformationPart &part) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const auto outcome = repository_.add_customer_information_part(charger_id, part, clock_.now());
        if (outcome.verdict == PartVerdict::Conflicting)
            logger("core")->warn(
                "[charger={}] NotifyCustomerInformation {} part {} differs from the part kept: refused", charger_id,
                part.request_id, part.seq_no);
        // The data stays in the Store (GET /api/v1/chargers/{id}/customer-information): it is about a customer.
        if (outcome.completed)
            events_.publish(topics::kCustomerInformationReported, {{"chargerId", charger_id},
                                                                   {"requestId", part.request_id},
                                                                   {"parts", outcome.parts},
                                                                   {"bytes", outcome.items},
                                                                   {"generatedAt", format_time(outcome.generated_at)}});
        return outcome;
    });
}

PartOutcome StationReports::on_display_messages_part(const std::string &charger_id, const DisplayMessagesPart &part) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const auto outcome = repository_.add_display_messages_part(charger_id, part, clock_.now());
        if (outcome.completed)
            events_.publish(topics::kDisplayMessagesReported, {{"chargerId", charger_id},
                                                               {"requestId", part.request_id},
                                                               {"parts", outcome.parts},
                                                               {"messages", outcome.items}});
        return outcome;
    });
}

void StationReports::start_request(const std::string &charger_id, StationReportKind kind, int request_id) {
    repository_.forget_request(charger_id, kind, request_id);
}

std::vector<MonitoringEvent> StationReports::monitoring_events(const std::string &charger_id,
                                                               const MonitoringEventFilter &filter) {
    return repository_.monitoring_events(charger_id, filter);
}

std::vector<VariableMonitor> StationReports::monitors(const std::string &charger_id,
                                                      const DeviceVariableFilter &filter) {
    return repository_.monitors(charger_id, filter);
}

std::vector<CustomerInformation> StationReports::customer_information(const std::string &charger_id,
                                                                      std::optional<int> request_id) {
    return repository_.customer_information(charger_id, request_id);
}

std::vector<DisplayMessage> StationReports::display_messages(const std::string &charger_id) {
    return repository_.display_messages(charger_id);
}

} // namespace manage::core
