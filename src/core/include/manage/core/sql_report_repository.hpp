#pragma once
#include "manage/core/charger_report.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

class SqlReportRepository final : public ReportRepository {
public:
    explicit SqlReportRepository(infra::Database &database) : database_(database) {}
    void add_job_status(const JobStatusRecord &record) override;
    void add_security_event(const SecurityEventRecord &record) override;
    void add_certificate_request(const CertificateRequestRecord &record) override;
    bool set_certificate_request_status(const std::string &charger_id, const std::string &id, const std::string &status,
                                        const std::string &reason) override;
    std::optional<CertificateRequestRecord> certificate_request(const std::string &charger_id,
                                                                const std::string &id) override;
    void add_data_transfer(const DataTransferRecord &record) override;
    void add_iso15118_request(const Iso15118RequestRecord &record) override;
    void add_smart_charging_report(const SmartChargingReportRecord &record) override;
    std::vector<JobStatusRecord> job_statuses(const std::string &charger_id, int limit) override;
    std::vector<SecurityEventRecord> security_events(const std::string &charger_id, int limit) override;
    std::vector<CertificateRequestRecord> certificate_requests(const std::string &charger_id, int limit) override;
    std::vector<DataTransferRecord> data_transfers(const std::string &charger_id, int limit) override;
    std::vector<Iso15118RequestRecord> iso15118_requests(const std::string &charger_id, int limit) override;
    std::vector<SmartChargingReportRecord> smart_charging_reports(const std::string &charger_id,
                                                                  const std::string &action, int limit) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
