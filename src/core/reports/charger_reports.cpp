#include "manage/core/charger_reports.hpp"
#include "manage/core/events.hpp"

#include "events/publish.hpp"
#include "manage/common/ids.hpp"
#include "manage/common/logging.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/certificate_authority.hpp"
#include "manage/core/command_repository.hpp"
#include "manage/core/event_topics.hpp"

#include <openssl/err.h>

namespace manage::core {

std::string to_string(JobKind kind) {
    switch (kind) {
    case JobKind::Diagnostics:
        return "Diagnostics";
    case JobKind::Firmware:
        return "Firmware";
    case JobKind::SignedFirmware:
        return "SignedFirmware";
    case JobKind::Log:
        return "Log";
    case JobKind::PublishFirmware:
        return "PublishFirmware";
    }
    return "Firmware";
}

std::string to_string(ReservationEnd end) {
    return end == ReservationEnd::Expired ? "expired" : "removed";
}

namespace {

std::string_view topic_of(JobKind kind) {
    switch (kind) {
    case JobKind::Diagnostics:
        return topics::kDiagnosticsStatus;
    case JobKind::Log:
        return topics::kLogStatus;
    case JobKind::Firmware:
    case JobKind::SignedFirmware:
    case JobKind::PublishFirmware:
        break;
    }
    return topics::kFirmwareStatus;
}

// While Manage has no ISO 15118 PKI (no V2G root, no contract certificate pool, no OCSP responder),
// every certificate service an EV asks for fails; a PKI integration decides here instead.
Iso15118Decision decide_iso15118(const std::string &) {
    return Iso15118Decision{false, "NoPKI", "no ISO 15118 PKI is configured on this CSMS", ""};
}

} // namespace

ChargerReports::ChargerReports(ReportRepository &repository, Events &events, const Clock &clock,
                               CommandRepository *reservations, const CertificateAuthority *authority)
    : repository_(repository), events_(events), clock_(clock), reservations_(reservations), authority_(authority) {}

void ChargerReports::on_job_status(const std::string &charger_id, JobKind kind, const std::string &status,
                                   std::optional<int> request_id, const std::vector<std::string> &locations) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const auto now = clock_.now();
        repository_.add_job_status(JobStatusRecord{new_uuid(), charger_id, kind, status, request_id, now, locations});
        events_.publish(topic_of(kind),
                        {{"chargerId", charger_id},
                         {"kind", to_string(kind)},
                         {"status", status},
                         {"requestId", request_id ? nlohmann::json(*request_id) : nlohmann::json(nullptr)},
                         {"locations", locations},
                         {"receivedAt", format_time(now)}});
    });
}

void ChargerReports::on_security_event(const std::string &charger_id, const std::string &type, TimePoint timestamp,
                                       const std::string &tech_info) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const auto now = clock_.now();
        repository_.add_security_event(SecurityEventRecord{new_uuid(), charger_id, type, timestamp, tech_info, now});
        events_.publish(topics::kSecurityEvent, {{"chargerId", charger_id},
                                                 {"type", type},
                                                 {"timestamp", format_time(timestamp)},
                                                 {"techInfo", tech_info}});
    });
}

SigningDecision ChargerReports::on_sign_certificate(const std::string &charger_id, const std::string &csr,
                                                    const std::string &certificate_type) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const auto now = clock_.now();
        const auto subject = csr_subject(csr);
        ERR_clear_error(); // OpenSSL's queue holds the parser's complaints: they are not ours to keep
        CertificateRequestRecord record{.id = new_uuid(),
                                        .charger_id = charger_id,
                                        .csr = csr,
                                        .status = "Rejected",
                                        .subject = subject.value_or(""),
                                        .reason = {},
                                        .received_at = now,
                                        .certificate_type = certificate_type};
        const auto decision = decide_signing(record, subject.has_value(), now);
        if (!decision.accepted)
            record.reason = decision.reason_code + ": " + decision.additional_info;
        repository_.add_certificate_request(record);
        if (!decision.accepted)
            logger("core")->warn("[charger={}] SignCertificate rejected: {}", charger_id, record.reason);
        events_.publish(topics::kCertificateRequested, {{"chargerId", charger_id},
                                                        {"requestId", record.id},
                                                        {"certificateType", certificate_type},
                                                        {"status", record.status},
                                                        {"subject", record.subject},
                                                        {"reason", record.reason}});
        return decision;
    });
}

// Signs `record`'s CSR when it can, filling in the certificate; the decision says why not otherwise.
SigningDecision ChargerReports::decide_signing(CertificateRequestRecord &record, bool parsed, TimePoint now) {
    if (!parsed)
        return {false, "InvalidCSR", "the CSR is not a PKCS#10 certificate signing request with a valid signature"};
    if (record.certificate_type == "V2GCertificate")
        return {false, "NoPKI", "no ISO 15118 PKI is configured on this CSMS: V2G certificates are not signed"};
    if (authority_ == nullptr)
        return {false, "NoCA",
                "no certificate authority is configured on this CSMS (ocpp.ca_certificate, ocpp.ca_private_key)"};
    auto issued = authority_->sign(record.csr, record.charger_id, now);
    if (!issued)
        return {false, issued.error().code == "signing_failed" ? "SigningFailed" : issued.error().code,
                issued.error().message};
    record.status = "Signed";
    record.certificate = issued.value().chain_pem;
    record.serial_number = issued.value().serial_number;
    record.expires_at = issued.value().not_after;
    return {true, {}, {}};
}

bool ChargerReports::on_certificate_delivered(const std::string &charger_id, const std::string &request_id,
                                              const std::string &status, const std::string &reason) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const bool known = repository_.set_certificate_request_status(charger_id, request_id, status, reason);
        if (!known)
            return false;
        events_.publish(topics::kCertificateDelivered,
                        {{"chargerId", charger_id}, {"requestId", request_id}, {"status", status}, {"reason", reason}});
        return true;
    });
}

std::optional<CertificateRequestRecord> ChargerReports::certificate_request(const std::string &charger_id,
                                                                            const std::string &request_id) {
    return repository_.certificate_request(charger_id, request_id);
}

bool ChargerReports::on_reservation_status(const std::string &charger_id, int reservation_id, ReservationEnd end) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const auto now = clock_.now();
        const auto status = to_string(end);
        const bool known =
            reservations_ && reservations_->set_reservation_status(charger_id, reservation_id, status, now);
        if (!known)
            logger("core")->warn("[charger={}] ReservationStatusUpdate for unknown reservation {} ({})", charger_id,
                                 reservation_id, status);
        events_.publish(topics::kReservationStatus, {{"chargerId", charger_id},
                                                     {"reservationId", reservation_id},
                                                     {"status", status},
                                                     {"known", known},
                                                     {"receivedAt", format_time(now)}});
        return known;
    });
}

Iso15118Decision ChargerReports::on_iso15118_request(const std::string &charger_id, const std::string &action,
                                                     const std::string &details) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const auto decision = decide_iso15118(action);
        const std::string status = decision.accepted ? "Accepted" : "Failed";
        Iso15118RequestRecord record{new_uuid(), charger_id,           action,      details,
                                     status,     decision.reason_code, clock_.now()};
        repository_.add_iso15118_request(record);
        events_.publish(topics::kIso15118Requested, {{"chargerId", charger_id},
                                                     {"requestId", record.id},
                                                     {"action", action},
                                                     {"status", status},
                                                     {"reasonCode", decision.reason_code}});
        return decision;
    });
}

void ChargerReports::on_smart_charging_report(const std::string &charger_id, const std::string &action, int evse_id,
                                              const std::string &details) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        SmartChargingReportRecord record{new_uuid(), charger_id, action, evse_id, details, clock_.now()};
        repository_.add_smart_charging_report(record);
        events_.publish(topics::kSmartChargingReported, {{"chargerId", charger_id},
                                                         {"reportId", record.id},
                                                         {"action", action},
                                                         {"evseId", evse_id},
                                                         {"receivedAt", format_time(record.received_at)}});
    });
}

std::string ChargerReports::on_data_transfer(const std::string &charger_id, const std::string &vendor_id,
                                             const std::string &message_id, const std::string &data) {
    // What it records and the events it publishes commit as one.
    return in_one_unit(events_, [&] {
        const std::string status = "UnknownVendorId";
        repository_.add_data_transfer(
            DataTransferRecord{new_uuid(), charger_id, vendor_id, message_id, data, status, clock_.now()});
        events_.publish(topics::kDataTransfer, {{"chargerId", charger_id},
                                                {"vendorId", vendor_id},
                                                {"messageId", message_id},
                                                {"data", data},
                                                {"status", status}});
        return status;
    });
}

std::vector<JobStatusRecord> ChargerReports::job_statuses(const std::string &charger_id, int limit) {
    return repository_.job_statuses(charger_id, limit);
}

std::vector<SecurityEventRecord> ChargerReports::security_events(const std::string &charger_id, int limit) {
    return repository_.security_events(charger_id, limit);
}

std::vector<CertificateRequestRecord> ChargerReports::certificate_requests(const std::string &charger_id, int limit) {
    return repository_.certificate_requests(charger_id, limit);
}

std::vector<DataTransferRecord> ChargerReports::data_transfers(const std::string &charger_id, int limit) {
    return repository_.data_transfers(charger_id, limit);
}

std::vector<Iso15118RequestRecord> ChargerReports::iso15118_requests(const std::string &charger_id, int limit) {
    return repository_.iso15118_requests(charger_id, limit);
}

std::vector<SmartChargingReportRecord> ChargerReports::smart_charging_reports(const std::string &charger_id,
                                                                              const std::string &action, int limit) {
    return repository_.smart_charging_reports(charger_id, action, limit);
}

} // namespace manage::core
