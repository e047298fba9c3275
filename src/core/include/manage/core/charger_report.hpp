#pragma once
// What chargers report besides sessions: job progress (firmware, diagnostics, logs), security events,
// certificate signing requests, ISO 15118 certificate requests and data transfers.
#include "manage/common/clock.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// DiagnosticsStatusNotification, FirmwareStatusNotification, SignedFirmwareStatusNotification,
// LogStatusNotification, PublishFirmwareStatusNotification (2.0.1).
enum class JobKind { Diagnostics, Firmware, SignedFirmware, Log, PublishFirmware };
std::string to_string(JobKind kind);

struct JobStatusRecord {
    std::string id;
    std::string charger_id;
    JobKind kind = JobKind::Firmware;
    std::string status;
    std::optional<int> request_id;
    TimePoint received_at{};
    std::vector<std::string> locations; // PublishFirmware: the URIs the firmware is published at
};

struct SecurityEventRecord {
    std::string id;
    std::string charger_id;
    std::string type;
    TimePoint timestamp{}; // the charger's
    std::string tech_info;
    TimePoint received_at{};
};

// A SignCertificate request and what became of it (status):
//   Rejected           refused at once; `reason` says why (no CA configured, invalid CSR, …)
//   Signed             the configured CA signed it; CertificateSigned is on its way to the station
//   Installed          the station answered CertificateSigned with Accepted
//   RejectedByCharger  the station answered CertificateSigned with Rejected
//   NotDelivered       CertificateSigned could not be sent or was not answered; `reason` says why
//   Pending            stored before Manage had a CA (schema 10 and earlier)
struct CertificateRequestRecord {
    std::string id;
    std::string charger_id;
    std::string csr;
    std::string status;
    std::string subject; // the request's subject, one line (RFC 2253); empty when it does not parse
    std::string reason;  // why it was rejected or not delivered
    TimePoint received_at{};
    // ChargingStationCertificate or V2GCertificate (2.0.1); empty for requests stored before the type was.
    std::string certificate_type;
    std::string certificate;   // once signed: the PEM chain sent to the station, its certificate first
    std::string serial_number; // once signed: hex
    std::optional<TimePoint> expires_at;
};

// What a station is answered to SignCertificate.
struct SigningDecision {
    bool accepted = false;
    std::string reason_code;     // OCPP StatusInfo reasonCode (at most 20 characters) when rejected
    std::string additional_info; // in words
};

// An ISO 15118 certificate service a charger asked for on an EV's behalf (2.0.1 Get15118EVCertificate,
// GetCertificateStatus), and what it was answered.
struct Iso15118RequestRecord {
    std::string id;
    std::string charger_id;
    std::string action;  // Get15118EVCertificate, GetCertificateStatus
    std::string details; // the request as OCPP shapes it (JSON object text)
    std::string status;  // Accepted, Failed
    std::string reason;  // the reason code when Failed (NoPKI)
    TimePoint received_at{};
};

// What a 2.0.1 station reported of smart charging (functional block K).
struct SmartChargingReportRecord {
    std::string id;
    std::string charger_id;
    std::string action;  // NotifyEVChargingNeeds, NotifyEVChargingSchedule, NotifyChargingLimit,
                         // ClearedChargingLimit, ReportChargingProfiles
    int evse_id = 0;     // 0: the whole station
    std::string details; // the request as OCPP shapes it (JSON object text)
    TimePoint received_at{};
};

// Core's answer to an ISO 15118 certificate request.
struct Iso15118Decision {
    bool accepted = false;
    std::string reason_code;     // OCPP StatusInfo reasonCode (at most 20 characters)
    std::string additional_info; // in words
    std::string response;        // when accepted: the exiResponse or ocspResult (Base64)
};

struct DataTransferRecord {
    std::string id;
    std::string charger_id;
    std::string vendor_id;
    std::string message_id;
    std::string data;
    std::string status; // what the charger was answered
    TimePoint received_at{};
};

// How a charger says a reservation ended without a transaction (2.0.1 ReservationStatusUpdate).
enum class ReservationEnd { Expired, Removed };
// "expired", "removed": the reservation's status as stored.
std::string to_string(ReservationEnd end);

// The subject of a PEM certificate signing request whose signature verifies, or nullopt.
std::optional<std::string> csr_subject(const std::string &pem);

// The Store port for reports. Embedded and production: SqlReportRepository.
class ReportRepository {
public:
    virtual ~ReportRepository() = default;
    virtual void add_job_status(const JobStatusRecord &record) = 0;
    virtual void add_security_event(const SecurityEventRecord &record) = 0;
    virtual void add_certificate_request(const CertificateRequestRecord &record) = 0;
    // Sets the status and reason of a stored request; false when there is none with that id for the charger.
    virtual bool set_certificate_request_status(const std::string &charger_id, const std::string &id,
                                                const std::string &status, const std::string &reason) = 0;
    virtual std::optional<CertificateRequestRecord> certificate_request(const std::string &charger_id,
                                                                        const std::string &id) = 0;
    virtual void add_data_transfer(const DataTransferRecord &record) = 0;
    virtual void add_iso15118_request(const Iso15118RequestRecord &record) = 0;
    virtual void add_smart_charging_report(const SmartChargingReportRecord &record) = 0;
    // Newest first, at most `limit`.
    virtual std::vector<JobStatusRecord> job_statuses(const std::string &charger_id, int limit) = 0;
    virtual std::vector<SecurityEventRecord> security_events(const std::string &charger_id, int limit) = 0;
    virtual std::vector<CertificateRequestRecord> certificate_requests(const std::string &charger_id, int limit) = 0;
    virtual std::vector<DataTransferRecord> data_transfers(const std::string &charger_id, int limit) = 0;
    virtual std::vector<Iso15118RequestRecord> iso15118_requests(const std::string &charger_id, int limit) = 0;
    // Newest first; `action` empty: every action.
    virtual std::vector<SmartChargingReportRecord> smart_charging_reports(const std::string &charger_id,
                                                                          const std::string &action, int limit) = 0;
};

} // namespace manage::core
