#pragma once
// The Store port of what OCPP 2.0.1 stations report of monitoring and display messages. Embedded and
// production: SqlStationReportRepository.
#include "manage/core/station_report_types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

class StationReportRepository {
public:
    virtual ~StationReportRepository() = default;

    // False when an event with this charger, eventId and timestamp was kept already (nothing is written).
    virtual bool add_monitoring_event(const std::string &charger_id, const MonitoringEvent &event) = 0;
    // Newest first by the station's timestamp, then by eventId.
    virtual std::vector<MonitoringEvent> monitoring_events(const std::string &charger_id,
                                                           const MonitoringEventFilter &filter) = 0;

    // Each in one transaction: keeps the part unless its seqNo is kept already (Resent when the content is
    // the same, else Conflicting); when the request's parts not yet applied are complete
    // (complete_report_length), marks them applied and applies the report: the charger's monitors become the
    // report's (a monitor in two parts: the later part's wins).
    virtual PartOutcome add_monitoring_report_part(const std::string &charger_id, const MonitoringReportPart &part,
                                                   TimePoint received_at) = 0;
    // The customer information parts are the data: completing them applies nothing else.
    virtual PartOutcome add_customer_information_part(const std::string &charger_id,
                                                      const CustomerInformationPart &part, TimePoint received_at) = 0;
    // Parts have no seqNo: a part with the same messages as one kept for the request is Resent; the others
    // are numbered in the order they come. The part with tbc false completes the request's parts not yet
    // applied, and the charger's display messages become theirs.
    virtual PartOutcome add_display_messages_part(const std::string &charger_id, const DisplayMessagesPart &part,
                                                  TimePoint received_at) = 0;
    // Forgets every part kept for (charger, kind, request_id): a new request is about to use the id.
    virtual void forget_request(const std::string &charger_id, StationReportKind kind, int request_id) = 0;

    // Ordered by component (name, instance, EVSE, connector), variable, then monitor id; names compare
    // ignoring case, filters too.
    virtual std::vector<VariableMonitor> monitors(const std::string &charger_id,
                                                  const DeviceVariableFilter &filter) = 0;
    // Newest first (by the latest part's arrival); `request_id`: that request's only.
    virtual std::vector<CustomerInformation> customer_information(const std::string &charger_id,
                                                                  std::optional<int> request_id) = 0;
    // By message id.
    virtual std::vector<DisplayMessage> display_messages(const std::string &charger_id) = 0;
};

} // namespace manage::core
