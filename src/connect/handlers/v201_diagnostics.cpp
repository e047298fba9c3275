#include "handlers/v201_diagnostics.hpp"

#include "handlers/v201_components.hpp"
#include "manage/common/blocking.hpp"
#include "manage/ocpp/v201/messages/NotifyCustomerInformation.hpp"
#include "manage/ocpp/v201/messages/NotifyEvent.hpp"
#include "manage/ocpp/v201/messages/NotifyMonitoringReport.hpp"

#include <set>

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

Checked<MonitoringEvent> to_event(const msg::EventDataType &data, const std::string &path) {
    auto component = to_component(data.component, path + "/component");
    if (!component)
        return outcome::failure(std::move(component).error());
    return MonitoringEvent{.event_id = data.event_id,
                           .timestamp = data.timestamp.time_point(),
                           .trigger = std::string(msg::to_string(data.trigger)),
                           .cause = data.cause,
                           .actual_value = data.actual_value.str(),
                           .tech_code = text_or_empty(data.tech_code),
                           .tech_info = text_or_empty(data.tech_info),
                           .cleared = data.cleared.value_or(false),
                           .transaction_id = text_or_empty(data.transaction_id),
                           .variable_monitoring_id = data.variable_monitoring_id,
                           .notification_type = std::string(msg::to_string(data.event_notification_type)),
                           .component = std::move(component).value(),
                           .variable = to_variable(data.variable)};
}

// N07/N08: the events of one message. An eventId identifies its event ("can be referred to as a cause by
// other events"), so one message names each once.
Checked<MonitoringEventsPart> to_events_part(const msg::NotifyEventRequest &request) {
    if (request.seq_no < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/seqNo", "seqNo starts at 0");
    MonitoringEventsPart part{.seq_no = request.seq_no,
                              .tbc = request.tbc.value_or(false),
                              .generated_at = request.generated_at.time_point(),
                              .events = {}};
    std::set<int> ids;
    for (std::size_t i = 0; i < request.event_data.size(); ++i) {
        const auto path = "/eventData/" + std::to_string(i);
        auto event = to_event(request.event_data[i], path);
        if (!event)
            return outcome::failure(std::move(event).error());
        if (!ids.insert(event.value().event_id).second)
            return refuse(ocpp::RpcError::OccurrenceConstraintViolation, path + "/eventId",
                          "eventId " + std::to_string(event.value().event_id) + " appears more than once");
        part.events.push_back(std::move(event).value());
    }
    return part;
}

// N02: each monitor once per message (an id identifies a monitor on the station), severities 0 (Danger)
// to 9 (Debug).
Checked<MonitoringReportPart> to_monitoring_part(const msg::NotifyMonitoringReportRequest &request) {
    if (request.seq_no < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/seqNo", "seqNo starts at 0");
    MonitoringReportPart part{.request_id = request.request_id,
                              .seq_no = request.seq_no,
                              .tbc = request.tbc.value_or(false),
                              .generated_at = request.generated_at.time_point(),
                              .monitors = {}};
    if (!request.monitor)
        return part;
    std::set<int> ids;
    for (std::size_t i = 0; i < request.monitor->size(); ++i) {
        const auto &data = (*request.monitor)[i];
        const auto path = "/monitor/" + std::to_string(i);
        auto component = to_component(data.component, path + "/component");
        if (!component)
            return outcome::failure(std::move(component).error());
        for (std::size_t j = 0; j < data.variable_monitoring.size(); ++j) {
            const auto &m = data.variable_monitoring[j];
            const auto at = path + "/variableMonitoring/" + std::to_string(j);
            if (m.severity < 0 || m.severity > 9)
                return refuse(ocpp::RpcError::PropertyConstraintViolation, at + "/severity",
                              "severity ranges from 0 (Danger) to 9 (Debug)");
            if (!ids.insert(m.id).second)
                return refuse(ocpp::RpcError::OccurrenceConstraintViolation, at + "/id",
                              "monitor " + std::to_string(m.id) + " appears more than once");
            part.monitors.push_back(ReportedMonitor{.id = m.id,
                                                    .component = component.value(),
                                                    .variable = to_variable(data.variable),
                                                    .transaction = m.transaction,
                                                    .value = m.value,
                                                    .type = std::string(msg::to_string(m.type)),
                                                    .severity = m.severity});
        }
    }
    return part;
}

Checked<CustomerInformationPart> to_customer_part(const msg::NotifyCustomerInformationRequest &request) {
    if (request.seq_no < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/seqNo", "seqNo starts at 0");
    return CustomerInformationPart{.request_id = request.request_id,
                                   .seq_no = request.seq_no,
                                   .tbc = request.tbc.value_or(false),
                                   .generated_at = request.generated_at.time_point(),
                                   .data = request.data.str()};
}

// Hands a part of a multi-part report to core (`keep`, on the worker pool); a part core finds in conflict
// with one kept under its seqNo is refused.
template <class Part, class Keep, class Response>
asio::awaitable<CallOutcome> keep_part(HandlerContext context, const ocpp::Call &call, Part part, Keep keep,
                                       Response response) {
    const int seq_no = part.seq_no;
    auto work = [&core = context.core, id = context.connection.charge_point_id, part = std::move(part), keep] {
        return keep(core, id, part);
    };
    const auto verdict = co_await run_blocking(context.workers, std::move(work));
    if (verdict == PartVerdict::Conflicting)
        co_return violation_error(context.connection, call, conflicting_part(seq_no));
    ocpp::Json payload = response;
    co_return payload;
}

} // namespace

// N07 (alerts), N08 (periodic events): every event is kept and published; a resent one adds nothing.
asio::awaitable<CallOutcome> notify_event(HandlerContext context, ocpp::Call call) {
    auto part = read_request<msg::NotifyEventRequest>(call, &to_events_part);
    if (!part)
        co_return violation_error(context.connection, call, part.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, part = std::move(part).value()] {
        core.monitoring_events(id, part);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    ocpp::Json payload = msg::NotifyEventResponse{};
    co_return payload;
}

// N02: a part of the answer to GetMonitoringReport; the complete report replaces the known monitors.
asio::awaitable<CallOutcome> notify_monitoring_report(HandlerContext context, ocpp::Call call) {
    auto part = read_request<msg::NotifyMonitoringReportRequest>(call, &to_monitoring_part);
    if (!part)
        co_return violation_error(context.connection, call, part.error());
    auto keep = [](CoreLink &core, const std::string &id, const MonitoringReportPart &p) {
        return core.monitoring_report(id, p);
    };
    const msg::NotifyMonitoringReportResponse response{};
    co_return co_await keep_part(context, call, std::move(part).value(), keep, response);
}

// N09, N10: a part of the answer to CustomerInformation (report = true), kept per request in seqNo order.
asio::awaitable<CallOutcome> notify_customer_information(HandlerContext context, ocpp::Call call) {
    auto part = read_request<msg::NotifyCustomerInformationRequest>(call, &to_customer_part);
    if (!part)
        co_return violation_error(context.connection, call, part.error());
    auto keep = [](CoreLink &core, const std::string &id, const CustomerInformationPart &p) {
        return core.customer_information(id, p);
    };
    const msg::NotifyCustomerInformationResponse response{};
    co_return co_await keep_part(context, call, std::move(part).value(), keep, response);
}

} // namespace manage::connect::v201
