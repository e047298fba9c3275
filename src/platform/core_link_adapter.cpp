#include "core_link_adapter.hpp"

#include "manage/core/authorization.hpp"
#include "manage/core/charger_reports.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/meter_value_batcher.hpp"
#include "manage/core/transactions.hpp"

namespace manage::platform {
namespace {

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
    return connect::IdTagAnswer{to_connect(info.status), info.expiry, info.parent_id_tag};
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
    }
    return core::JobKind::Firmware;
}

} // namespace

void InProcessCoreLink::connected(const std::string &charger_id, ocpp::Version version) {
    core_.chargers.on_connected(charger_id, std::string(ocpp::version_label(version)));
}

void InProcessCoreLink::disconnected(const std::string &charger_id) {
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
    core_.reports.on_job_status(charger_id, to_core(status.kind), status.status, status.request_id);
}

void InProcessCoreLink::security_event(const std::string &charger_id, const connect::SecurityEvent &event) {
    core_.reports.on_security_event(charger_id, event.type, event.timestamp, event.tech_info);
}

bool InProcessCoreLink::sign_certificate(const std::string &charger_id,
                                         const connect::CertificateSigningRequest &request) {
    return core_.reports.on_sign_certificate(charger_id, request.csr);
}

} // namespace manage::platform
