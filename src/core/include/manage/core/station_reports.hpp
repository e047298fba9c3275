#pragma once
// What OCPP 2.0.1 stations report of their monitoring and display messages, kept and published: monitoring
// events (NotifyEvent, N07/N08), monitors (NotifyMonitoringReport, N02), customer information
// (NotifyCustomerInformation, N09/N10) and display messages (NotifyDisplayMessages, O04). Pure of I/O: the
// Store through StationReportRepository, events through the Events port (the outbox).
#include "manage/common/clock.hpp"
#include "manage/core/station_report_repository.hpp"
#include "manage/core/station_report_types.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

class Events;

class StationReports {
public:
    StationReports(StationReportRepository &repository, Events &events, const Clock &clock);

    // These block on the Store: call them from a worker thread.

    // NotifyEvent: keeps each event and publishes charger.monitoring_event for it, unless it was kept
    // already (a resent message). Returns how many were new.
    std::size_t on_monitoring_events(const std::string &charger_id, const std::vector<MonitoringEvent> &events);
    // NotifyMonitoringReport: keeps the part; a complete report replaces the charger's monitors and
    // publishes monitoring.reported.
    PartOutcome on_monitoring_report_part(const std::string &charger_id, const MonitoringReportPart &part);
    // NotifyCustomerInformation: keeps the part; a complete request publishes customer_information.reported.
    PartOutcome on_customer_information_part(const std::string &charger_id, const CustomerInformationPart &part);
    // NotifyDisplayMessages: keeps the part; a complete report replaces the charger's display messages and
    // publishes display_messages.reported.
    PartOutcome on_display_messages_part(const std::string &charger_id, const DisplayMessagesPart &part);
    // GetMonitoringReport, CustomerInformation or GetDisplayMessages with `request_id` is about to be sent:
    // what was kept under that id before is forgotten, so that the new answer is not taken for a resend.
    void start_request(const std::string &charger_id, StationReportKind kind, int request_id);

    std::vector<MonitoringEvent> monitoring_events(const std::string &charger_id,
                                                   const MonitoringEventFilter &filter = {});
    std::vector<VariableMonitor> monitors(const std::string &charger_id, const DeviceVariableFilter &filter = {});
    std::vector<CustomerInformation> customer_information(const std::string &charger_id,
                                                          std::optional<int> request_id = std::nullopt);
    std::vector<DisplayMessage> display_messages(const std::string &charger_id);

private:
    StationReportRepository &repository_;
    Events &events_;
    const Clock &clock_;
};

} // namespace manage::core
