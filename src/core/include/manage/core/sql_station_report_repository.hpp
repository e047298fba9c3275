#pragma once
#include "manage/core/station_report_repository.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

// The StationReportRepository over the Store (SQLite or PostgreSQL): tables of migration 10.
class SqlStationReportRepository final : public StationReportRepository {
public:
    explicit SqlStationReportRepository(infra::Database &database) : database_(database) {}

    bool add_monitoring_event(const std::string &charger_id, const MonitoringEvent &event) override;
    std::vector<MonitoringEvent> monitoring_events(const std::string &charger_id,
                                                   const MonitoringEventFilter &filter) override;
    PartOutcome add_monitoring_report_part(const std::string &charger_id, const MonitoringReportPart &part,
                                           TimePoint received_at) override;
    PartOutcome add_customer_information_part(const std::string &charger_id, const CustomerInformationPart &part,
                                              TimePoint received_at) override;
    PartOutcome add_display_messages_part(const std::string &charger_id, const DisplayMessagesPart &part,
                                          TimePoint received_at) override;
    void forget_request(const std::string &charger_id, StationReportKind kind, int request_id) override;
    std::vector<VariableMonitor> monitors(const std::string &charger_id, const DeviceVariableFilter &filter) override;
    std::vector<CustomerInformation> customer_information(const std::string &charger_id,
                                                          std::optional<int> request_id) override;
    std::vector<DisplayMessage> display_messages(const std::string &charger_id) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
