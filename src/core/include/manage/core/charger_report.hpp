#pragma once
// What chargers report besides sessions: job progress (firmware, diagnostics, logs), security events,
// certificate signing requests and data transfers.
#include "manage/common/clock.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// DiagnosticsStatusNotification, FirmwareStatusNotification, SignedFirmwareStatusNotification,
// LogStatusNotification.
enum class JobKind { Diagnostics, Firmware, SignedFirmware, Log };
std::string to_string(JobKind kind);

struct JobStatusRecord {
    std::string id;
    std::string charger_id;
    JobKind kind = JobKind::Firmware;
    std::string status;
    std::optional<int> request_id;
    TimePoint received_at{};
};

struct SecurityEventRecord {
    std::string id;
    std::string charger_id;
    std::string type;
    TimePoint timestamp{}; // the charger's
    std::string tech_info;
    TimePoint received_at{};
};

// A SignCertificate request: Pending until an operator or a CA integration signs it; Rejected when
// the text is not a PEM certificate request.
struct CertificateRequestRecord {
    std::string id;
    std::string charger_id;
    std::string csr;
    std::string status;  // Pending, Rejected
    std::string subject; // the request's subject, one line (RFC 2253); empty when rejected
    std::string reason;  // why it was rejected
    TimePoint received_at{};
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

// The subject of a PEM certificate signing request whose signature verifies, or nullopt.
std::optional<std::string> csr_subject(const std::string &pem);

// The Store port for reports. Embedded and production: SqlReportRepository.
class ReportRepository {
public:
    virtual ~ReportRepository() = default;
    virtual void add_job_status(const JobStatusRecord &record) = 0;
    virtual void add_security_event(const SecurityEventRecord &record) = 0;
    virtual void add_certificate_request(const CertificateRequestRecord &record) = 0;
    virtual void add_data_transfer(const DataTransferRecord &record) = 0;
    // Newest first, at most `limit`.
    virtual std::vector<JobStatusRecord> job_statuses(const std::string &charger_id, int limit) = 0;
    virtual std::vector<SecurityEventRecord> security_events(const std::string &charger_id, int limit) = 0;
    virtual std::vector<CertificateRequestRecord> certificate_requests(const std::string &charger_id, int limit) = 0;
    virtual std::vector<DataTransferRecord> data_transfers(const std::string &charger_id, int limit) = 0;
};

} // namespace manage::core
