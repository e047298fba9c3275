#pragma once
// Connect's core link in one process: maps connect's version-neutral types to core's services and
// calls them directly.
#include "manage/connect/core_link.hpp"

namespace manage::core {
class ChargerService;
class Authorization;
class Transactions;
class ChargerReports;
class MeterValueBatcher;
class DeviceModel;
class StationReports;
} // namespace manage::core

namespace manage::platform {

class ChargerRegistry;

struct CoreServices {
    core::ChargerService &chargers;
    core::Authorization &authorization;
    core::Transactions &transactions;
    core::MeterValueBatcher &meter_values;
    core::ChargerReports &reports;
    core::DeviceModel &device_model;
    core::StationReports &station_reports;
    ChargerRegistry *registry = nullptr; // the charger → node registry; none: not recorded
};

class InProcessCoreLink final : public connect::CoreLink {
public:
    explicit InProcessCoreLink(CoreServices services) : core_(services) {}
    void connected(const std::string &charger_id, ocpp::Version version) override;
    void disconnected(const std::string &charger_id) override;
    connect::BootAnswer boot(const std::string &charger_id, ocpp::Version version,
                             const connect::BootRequest &request) override;
    bool accepts(const std::string &charger_id) override;
    TimePoint heartbeat(const std::string &charger_id) override;
    void status(const std::string &charger_id, const connect::StatusUpdate &update) override;
    connect::IdTagAnswer authorize(const std::string &charger_id, const std::string &id_tag) override;
    connect::IdTagAnswer authorize_token(const std::string &charger_id, const connect::IdToken &token) override;
    connect::TransactionEventAnswer transaction_event(const std::string &charger_id,
                                                      const connect::TransactionEventReport &report) override;
    connect::TransactionStartAnswer start_transaction(const std::string &charger_id,
                                                      const connect::TransactionStart &start) override;
    std::optional<connect::IdTagAnswer> stop_transaction(const std::string &charger_id,
                                                         const connect::TransactionStop &stop) override;
    void meter_values(const std::string &charger_id, connect::MeterReport report, Stored done) override;
    connect::DataTransferAnswer data_transfer(const std::string &charger_id,
                                              const connect::DataTransferRequest &request) override;
    void job_status(const std::string &charger_id, const connect::JobStatus &status) override;
    void security_event(const std::string &charger_id, const connect::SecurityEvent &event) override;
    connect::SigningAnswer sign_certificate(const std::string &charger_id,
                                            const connect::CertificateSigningRequest &request) override;
    void reservation_status(const std::string &charger_id, const connect::ReservationUpdate &update) override;
    connect::Iso15118Answer certificate_request_15118(const std::string &charger_id,
                                                      const connect::Iso15118Request &request) override;
    void smart_charging_report(const std::string &charger_id, const connect::SmartChargingReport &report) override;
    void device_report(const std::string &charger_id, const connect::DeviceReportPart &part) override;
    void monitoring_events(const std::string &charger_id, const connect::MonitoringEventsPart &part) override;
    connect::PartVerdict monitoring_report(const std::string &charger_id,
                                           const connect::MonitoringReportPart &part) override;
    connect::PartVerdict customer_information(const std::string &charger_id,
                                              const connect::CustomerInformationPart &part) override;
    void display_messages(const std::string &charger_id, const connect::DisplayMessagesPart &part) override;

private:
    CoreServices core_;
};

} // namespace manage::platform
