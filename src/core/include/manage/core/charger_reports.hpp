#pragma once
// Records what chargers report besides sessions and publishes it on the Bus.
#include "manage/common/clock.hpp"
#include "manage/core/charger_report.hpp"

#include <string>
#include <vector>

namespace manage::infra {
class Bus;
}

namespace manage::core {

class ChargerReports {
public:
    ChargerReports(ReportRepository &repository, infra::Bus &bus, const Clock &clock);

    void on_job_status(const std::string &charger_id, JobKind kind, const std::string &status,
                       std::optional<int> request_id);
    void on_security_event(const std::string &charger_id, const std::string &type, TimePoint timestamp,
                           const std::string &tech_info);
    // True when the request is a valid PEM CSR, now pending signature.
    bool on_sign_certificate(const std::string &charger_id, const std::string &csr);
    // No vendor extension is known yet: recorded, published, and answered UnknownVendorId.
    std::string on_data_transfer(const std::string &charger_id, const std::string &vendor_id,
                                 const std::string &message_id, const std::string &data);

    std::vector<JobStatusRecord> job_statuses(const std::string &charger_id, int limit = 100);
    std::vector<SecurityEventRecord> security_events(const std::string &charger_id, int limit = 100);
    std::vector<CertificateRequestRecord> certificate_requests(const std::string &charger_id, int limit = 100);
    std::vector<DataTransferRecord> data_transfers(const std::string &charger_id, int limit = 100);

private:
    ReportRepository &repository_;
    infra::Bus &bus_;
    const Clock &clock_;
};

} // namespace manage::core
