#pragma once
// What OCPP 2.0.1 stations report of their monitoring (functional block N: events, monitors, customer
// information) and of their display messages (functional block O), in plain types.
#include "manage/common/clock.hpp"
#include "manage/core/device_model_types.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// One event of a NotifyEvent (N07 alerts, N08 periodic events), as the station reported it.
struct MonitoringEvent {
    int event_id = 0;
    TimePoint timestamp{}; // the station's
    std::string trigger;   // Alerting, Delta, Periodic
    std::optional<int> cause;
    std::string actual_value;
    std::string tech_code;      // empty: not sent
    std::string tech_info;      // empty: not sent
    bool cleared = false;       // false when not sent
    std::string transaction_id; // empty: not sent
    std::optional<int> variable_monitoring_id;
    std::string notification_type; // HardWiredNotification, HardWiredMonitor, PreconfiguredMonitor, CustomMonitor
    DeviceComponent component;
    DeviceVariableName variable;
    TimePoint generated_at{}; // the NotifyEvent message's generatedAt
    int seq_no = 0;           // and its seqNo
    TimePoint received_at{};
};

// Which events to list: from ≤ timestamp < to, newest first, at most `limit`.
struct MonitoringEventFilter {
    std::optional<TimePoint> from;
    std::optional<TimePoint> to;
    int limit = 100;
};

// A monitor on a component's variable (a variableMonitoring entry of NotifyMonitoringReport).
struct VariableMonitor {
    int id = 0;
    DeviceComponent component;
    DeviceVariableName variable;
    bool transaction = false; // only active while a transaction runs
    double value = 0;         // the threshold or delta; for Periodic and PeriodicClockAligned, seconds
    std::string type;         // UpperThreshold, LowerThreshold, Delta, Periodic, PeriodicClockAligned
    int severity = 0;         // 0 (Danger) … 9 (Debug)
    // Kept monitors only: the report they came from and when it was applied.
    int request_id = 0;
    TimePoint generated_at{};
    TimePoint updated_at{};
};

// One NotifyMonitoringReport (N02): part `seq_no` (from 0) of the answer to GetMonitoringReport `request_id`.
struct MonitoringReportPart {
    int request_id = 0;
    int seq_no = 0;
    bool tbc = false;
    TimePoint generated_at{};
    std::vector<VariableMonitor> monitors;
};

// One NotifyCustomerInformation (N09, N10): part `seq_no` of the answer to CustomerInformation `request_id`.
struct CustomerInformationPart {
    int request_id = 0;
    int seq_no = 0;
    bool tbc = false;
    TimePoint generated_at{};
    std::string data;
};

// What a station sent for one CustomerInformation request: its parts' data in seqNo order.
struct CustomerInformation {
    int request_id = 0;
    bool complete = false;    // the last part (tbc false) and every one before it came
    int parts = 0;            // how many parts are kept
    std::string data;         // the kept parts' data, concatenated in seqNo order
    TimePoint generated_at{}; // the first kept part's
    TimePoint received_at{};  // when the latest part came
};

// A message a station shows on a display (a messageInfo entry of NotifyDisplayMessages).
struct DisplayMessage {
    int id = 0;
    std::string priority; // AlwaysFront, InFront, NormalCycle
    std::string state;    // empty: any (Charging, Faulted, Idle, Unavailable)
    std::optional<TimePoint> start_date_time;
    std::optional<TimePoint> end_date_time;
    std::string transaction_id; // empty: none
    std::string format;         // ASCII, HTML, URI, UTF8
    std::string language;       // empty: not sent
    std::string content;
    std::optional<DeviceComponent> display; // empty: not sent
    // Kept messages only: the GetDisplayMessages they were reported for and when.
    int request_id = 0;
    TimePoint updated_at{};
};

// One NotifyDisplayMessages (O04): a part of the answer to GetDisplayMessages `request_id`. It has no seqNo:
// parts are taken in the order they come.
struct DisplayMessagesPart {
    int request_id = 0;
    bool tbc = false;
    std::vector<DisplayMessage> messages;
};

// The multi-part reports a station sends in answer to a request.
enum class StationReportKind { MonitoringReport, CustomerInformation, DisplayMessages };
// The OCPP action: NotifyMonitoringReport, NotifyCustomerInformation, NotifyDisplayMessages.
std::string to_string(StationReportKind kind);

// What became of one part.
enum class PartVerdict {
    Kept,        // new: kept
    Resent,      // the same part (seqNo and content) was kept already: nothing changed
    Conflicting, // a part with this seqNo but other content was kept already: nothing changed
};

struct PartOutcome {
    PartVerdict verdict = PartVerdict::Kept;
    bool completed = false;   // Kept, and it completed its report, which is now applied
    int parts = 0;            // completed: how many parts the report had
    std::size_t items = 0;    // completed: monitors, messages, or bytes of data
    TimePoint generated_at{}; // completed: the first part's generatedAt (display messages: when it completed)
};

} // namespace manage::core
