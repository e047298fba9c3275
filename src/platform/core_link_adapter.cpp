#include "core_link_adapter.hpp"

#include "charger_registry.hpp"

#include "manage/core/authorization.hpp"
#include "manage/core/charger_reports.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/device_model.hpp"
#include "manage/core/meter_value_batcher.hpp"
#include "manage/core/station_reports.hpp"
#include "manage/core/transactions.hpp"

namespace manage::platform {
namespace {

core::DeviceComponent to_core(const connect::StationComponent &c) {
    return {c.name, c.instance, c.evse_id, c.connector_id};
}

core::DeviceVariableName to_core(const connect::StationVariable &v) {
    return {v.name, v.instance};
}

connect::PartVerdict to_connect(core::PartVerdict verdict) {
    switch (verdict) {
    case core::PartVerdict::Kept:
        return connect::PartVerdict::Kept;
    case core::PartVerdict::Resent:
        return connect::PartVerdict::Resent;
    case core::PartVerdict::Conflicting:
        return connect::PartVerdict::Conflicting;
    }
    return connect::PartVerdict::Conflicting;
}

connect::BootStatus to_boot_status(core::Registration registration) {
    switch (registration) {
    case core::Registration::Accepted:
        return connect::BootStatus::Accepted;
    case core::Registration::Pending:
        return connect::BootStatus::Pending;
    case core::Registration::Rejected:
        return connect::BootStatus::Rejected;
    }
    return connect::BootStatus::Rejected;
}

connect::AuthorizationStatus to_connect(core::IdTagStatus status) {
    switch (status) {
    case core::IdTagStatus::Accepted:
        return connect::AuthorizationStatus::Accepted;
    case core::IdTagStatus::Blocked:
        return connect::AuthorizationStatus::Blocked;
    case core::IdTagStatus::Expired:
        return connect::AuthorizationStatus::Expired;
    case core::IdTagStatus::Invalid:
        return connect::AuthorizationStatus::Invalid;
    case core::IdTagStatus::ConcurrentTx:
        return connect::AuthorizationStatus::ConcurrentTx;
    }
    return connect::AuthorizationStatus::Invalid;
}

connect::IdTagAnswer to_connect(const core::IdTagInfo &info) {
    return connect::IdTagAnswer{to_connect(info.status), info.expiry, info.parent_id_tag, info.unknown};
}

std::vector<core::MeterSample> to_core(const std::vector<connect::MeterSample> &samples) {
    std::vector<core::MeterSample> result;
    result.reserve(samples.size());
    for (const auto &s : samples)
        result.push_back(core::MeterSample{s.timestamp, s.measurand, s.phase, s.unit, s.context, s.location, s.format,
                                           s.value, s.raw_value});
    return result;
}

core::JobKind to_core(connect::JobKind kind) {
    switch (kind) {
    case connect::JobKind::Diagnostics:
        return core::JobKind::Diagnostics;
    case connect::JobKind::Firmware:
        return core::JobKind::Firmware;
    case connect::JobKind::SignedFirmware:
        return core::JobKind::SignedFirmware;
    case connect::JobKind::Log:
        return core::JobKind::Log;
    case connect::JobKind::PublishFirmware:
        return core::JobKind::PublishFirmware;
    }
    return core::JobKind::Firmware;
}

} // namespace

void InProcessCoreLink::connected(const std::string &charger_id, ocpp::Version version) {
    core_.chargers.on_connected(charger_id, std::string(ocpp::version_label(version)));
    if (core_.registry)
        core_.registry->connected(charger_id);
}

void InProcessCoreLink::disconnected(const std::string &charger_id) {
    if (core_.registry)
        core_.registry->disconnected(charger_id);
    core_.chargers.on_disconnected(charger_id);
}

connect::BootAnswer InProcessCoreLink::boot(const std::string &charger_id, ocpp::Version version,
                                            const connect::BootRequest &request) {
    const auto decision = core_.chargers.on_boot(
        charger_id, std::string(ocpp::version_label(version)),
        core::BootInfo{request.vendor, request.model, request.serial_number, request.firmware_version, request.reason});
    return connect::BootAnswer{to_boot_status(decision.status), static_cast<int>(decision.interval.count()),
                               decision.current_time};
}

bool InProcessCoreLink::accepts(const std::string &charger_id) {
    return core_.chargers.accepts_messages_from(charger_id);
}

TimePoint InProcessCoreLink::heartbeat(const std::string &charger_id) {
    return core_.chargers.on_heartbeat(charger_id);
}

void InProcessCoreLink::status(const std::string &charger_id, const connect::StatusUpdate &update) {
    core_.chargers.on_status(charger_id,
                             core::StatusReport{update.evse_id, update.connector_id, update.status, update.error_code,
                                                update.info, update.vendor_error_code, update.timestamp});
}

connect::IdTagAnswer InProcessCoreLink::authorize(const std::string &charger_id, const std::string &id_tag) {
    return to_connect(core_.authorization.authorize(charger_id, id_tag));
}

connect::IdTagAnswer InProcessCoreLink::authorize_token(const std::string &charger_id, const connect::IdToken &token) {
    return to_connect(core_.authorization.authorize_token(charger_id, token.id, token.type));
}

connect::TransactionEventAnswer InProcessCoreLink::transaction_event(const std::string &charger_id,
                                                                     const connect::TransactionEventReport &report) {
    core::TransactionEventRequest request;
    auto &event = request.event;
    event.station_transaction_id = report.transaction_id;
    event.seq_no = report.seq_no;
    event.event_type = report.event_type;
    event.trigger_reason = report.trigger_reason;
    event.timestamp = report.timestamp;
    event.offline = report.offline;
    event.charging_state = report.charging_state;
    event.stopped_reason = report.stopped_reason;
    if (report.id_token) {
        event.id_token = report.id_token->id;
        event.id_token_type = report.id_token->type;
    }
    event.evse_id = report.evse_id;
    event.connector_id = report.connector_id;
    event.remote_start_id = report.remote_start_id;
    event.reservation_id = report.reservation_id;
    request.samples = to_core(report.samples);
    const auto result = core_.transactions.on_transaction_event(charger_id, std::move(request));
    connect::TransactionEventAnswer answer;
    if (result.id_token_info)
        answer.id_token_info = to_connect(*result.id_token_info);
    answer.total_cost = result.total_cost;
    return answer;
}

connect::TransactionStartAnswer InProcessCoreLink::start_transaction(const std::string &charger_id,
                                                                     const connect::TransactionStart &start) {
    const auto result = core_.transactions.start(
        charger_id, core::TransactionStartRequest{start.connector_id, start.id_tag, start.meter_start_wh,
                                                  start.timestamp, start.reservation_id});
    return connect::TransactionStartAnswer{result.transaction_id, to_connect(result.id_tag_info)};
}

std::optional<connect::IdTagAnswer> InProcessCoreLink::stop_transaction(const std::string &charger_id,
                                                                        const connect::TransactionStop &stop) {
    const auto info = core_.transactions.stop(
        charger_id, core::TransactionStopRequest{stop.transaction_id, stop.id_tag, stop.meter_stop_wh, stop.timestamp,
                                                 stop.reason, to_core(stop.transaction_data)});
    if (!info)
        return std::nullopt;
    return to_connect(*info);
}

void InProcessCoreLink::meter_values(const std::string &charger_id, connect::MeterReport report, Stored done) {
    core_.meter_values.submit(
        charger_id, core::MeterValuesReport{report.connector_id, report.transaction_id, to_core(report.samples)},
        std::move(done));
}

connect::DataTransferAnswer InProcessCoreLink::data_transfer(const std::string &charger_id,
                                                             const connect::DataTransferRequest &request) {
    return connect::DataTransferAnswer{
        core_.reports.on_data_transfer(charger_id, request.vendor_id, request.message_id, request.data), ""};
}

void InProcessCoreLink::job_status(const std::string &charger_id, const connect::JobStatus &status) {
    core_.reports.on_job_status(charger_id, to_core(status.kind), status.status, status.request_id, status.locations);
}

void InProcessCoreLink::security_event(const std::string &charger_id, const connect::SecurityEvent &event) {
    core_.reports.on_security_event(charger_id, event.type, event.timestamp, event.tech_info);
}

connect::SigningAnswer InProcessCoreLink::sign_certificate(const std::string &charger_id,
                                                           const connect::CertificateSigningRequest &request) {
    const auto decision = core_.reports.on_sign_certificate(charger_id, request.csr, request.certificate_type);
    return connect::SigningAnswer{decision.accepted, decision.reason_code, decision.additional_info};
}

void InProcessCoreLink::reservation_status(const std::string &charger_id, const connect::ReservationUpdate &update) {
    const auto end = update.status == connect::ReservationUpdateStatus::Expired ? core::ReservationEnd::Expired
                                                                                : core::ReservationEnd::Removed;
    core_.reports.on_reservation_status(charger_id, update.reservation_id, end);
}

connect::Iso15118Answer InProcessCoreLink::certificate_request_15118(const std::string &charger_id,
                                                                     const connect::Iso15118Request &request) {
    const auto decision = core_.reports.on_iso15118_request(charger_id, request.action, request.details);
    return connect::Iso15118Answer{decision.accepted, decision.reason_code, decision.additional_info,
                                   decision.response};
}

void InProcessCoreLink::smart_charging_report(const std::string &charger_id,
                                              const connect::SmartChargingReport &report) {
    core_.reports.on_smart_charging_report(charger_id, report.action, report.evse_id, report.details);
}

void InProcessCoreLink::device_report(const std::string &charger_id, const connect::DeviceReportPart &part) {
    core::DeviceReportPart report{part.request_id, part.seq_no, part.tbc, part.generated_at, {}};
    report.entries.reserve(part.entries.size());
    for (const auto &e : part.entries) {
        core::DeviceVariable variable;
        variable.component = {e.component, e.component_instance, e.evse_id, e.connector_id};
        variable.variable = {e.variable, e.variable_instance};
        for (const auto &a : e.attributes)
            variable.attributes.push_back({a.type, a.value, a.mutability, a.persistent, a.constant});
        if (const auto &c = e.characteristics)
            variable.characteristics = core::VariableCharacteristics{
                c->data_type, c->unit, c->min_limit, c->max_limit, c->values_list, c->supports_monitoring};
        report.entries.push_back(std::move(variable));
    }
    core_.device_model.on_report_part(charger_id, report);
}

void InProcessCoreLink::monitoring_events(const std::string &charger_id, const connect::MonitoringEventsPart &part) {
    std::vector<core::MonitoringEvent> events;
    events.reserve(part.events.size());
    for (const auto &e : part.events) {
        core::MonitoringEvent event;
        event.event_id = e.event_id;
        event.timestamp = e.timestamp;
        event.trigger = e.trigger;
        event.cause = e.cause;
        event.actual_value = e.actual_value;
        event.tech_code = e.tech_code;
        event.tech_info = e.tech_info;
        event.cleared = e.cleared;
        event.transaction_id = e.transaction_id;
        event.variable_monitoring_id = e.variable_monitoring_id;
        event.notification_type = e.notification_type;
        event.component = to_core(e.component);
        event.variable = to_core(e.variable);
        event.generated_at = part.generated_at;
        event.seq_no = part.seq_no;
        events.push_back(std::move(event));
    }
    core_.station_reports.on_monitoring_events(charger_id, events);
}

connect::PartVerdict InProcessCoreLink::monitoring_report(const std::string &charger_id,
                                                          const connect::MonitoringReportPart &part) {
    core::MonitoringReportPart report{part.request_id, part.seq_no, part.tbc, part.generated_at, {}};
    report.monitors.reserve(part.monitors.size());
    for (const auto &m : part.monitors) {
        core::VariableMonitor monitor;
        monitor.id = m.id;
        monitor.component = to_core(m.component);
        monitor.variable = to_core(m.variable);
        monitor.transaction = m.transaction;
        monitor.value = m.value;
        monitor.type = m.type;
        monitor.severity = m.severity;
        report.monitors.push_back(std::move(monitor));
    }
    return to_connect(core_.station_reports.on_monitoring_report_part(charger_id, report).verdict);
}

connect::PartVerdict InProcessCoreLink::customer_information(const std::string &charger_id,
                                                             const connect::CustomerInformationPart &part) {
    const core::CustomerInformationPart information{part.request_id, part.seq_no, part.tbc, part.generated_at,
                                                    part.data};
    return to_connect(core_.station_reports.on_customer_information_part(charger_id, information).verdict);
}

void InProcessCoreLink::display_messages(const std::string &charger_id, const connect::DisplayMessagesPart &part) {
    core::DisplayMessagesPart report{part.request_id, part.tbc, {}};
    report.messages.reserve(part.messages.size());
    for (const auto &m : part.messages) {
        core::DisplayMessage message;
        message.id = m.id;
        message.priority = m.priority;
        message.state = m.state;
        message.start_date_time = m.start_date_time;
        message.end_date_time = m.end_date_time;
        message.transaction_id = m.transaction_id;
        message.format = m.format;
        message.language = m.language;
        message.content = m.content;
        if (m.display)
            message.display = to_core(*m.display);
        report.messages.push_back(std::move(message));
    }
    core_.station_reports.on_display_messages_part(charger_id, report);
}

} // namespace manage::platform
