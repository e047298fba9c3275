#pragma once
// What connect needs of core: the "core connection" of the seed's Connect Protocol Processing.
// In one process it calls core's services directly; across machines it goes over the Bus.
// Calls may block on the Store: the handlers make them from a worker pool (meter_values excepted:
// it never blocks, and reports completion through a callback).
//
// The types here are version-neutral: the 1.6 and 2.0.1 handlers translate their messages into
// them, so core never sees an OCPP payload. Energy is in Wh, power in W, times are UTC.
#include "manage/common/clock.hpp"
#include "manage/ocpp/version.hpp"

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace manage::connect {

struct BootRequest {
    std::string vendor;
    std::string model;
    std::string serial_number;
    std::string firmware_version;
    std::string reason; // 2.0.1 only
    // 1.6 optional identity fields, kept as the charger sent them.
    std::string charge_box_serial_number;
    std::string iccid;
    std::string imsi;
    std::string meter_type;
    std::string meter_serial_number;
};

enum class BootStatus { Accepted, Pending, Rejected };

struct BootAnswer {
    BootStatus status;
    int interval_s;
    TimePoint current_time;
};

struct StatusUpdate {
    int evse_id = 0;
    int connector_id = 0;
    std::string status;
    std::string error_code;
    std::string info;
    std::string vendor_id; // 1.6: whose vendor_error_code it is
    std::string vendor_error_code;
    std::optional<TimePoint> timestamp;
};

// ---- Authorization (OCPP 1.6 IdTagInfo) ----

enum class AuthorizationStatus { Accepted, Blocked, Expired, Invalid, ConcurrentTx };

struct IdTagAnswer {
    AuthorizationStatus status = AuthorizationStatus::Invalid;
    std::optional<TimePoint> expiry;
    std::string parent_id_tag; // empty: none
    bool unknown = false;      // not known at all (status Invalid): 2.0.1 answers Unknown, 1.6 Invalid
};

// ---- Transactions and meter values ----

// One sampled value. `value` is the number when the format is Raw; `raw_value` is the text as sent
// (kept for SignedData and for audit).
struct MeterSample {
    TimePoint timestamp{};
    std::string measurand = "Energy.Active.Import.Register"; // OCPP's default
    std::string phase;                                       // empty: not per phase
    std::string unit = "Wh";
    std::string context = "Sample.Periodic";
    std::string location = "Outlet";
    std::string format = "Raw";
    double value = 0;
    std::string raw_value;
};

struct TransactionStart {
    int connector_id = 0;
    std::string id_tag;
    std::int64_t meter_start_wh = 0;
    TimePoint timestamp{};
    std::optional<int> reservation_id;
};

struct TransactionStartAnswer {
    std::int64_t transaction_id = 0;
    IdTagAnswer id_tag_info;
};

struct TransactionStop {
    std::int64_t transaction_id = 0;
    std::string id_tag; // empty when the charger did not send one
    std::int64_t meter_stop_wh = 0;
    TimePoint timestamp{};
    std::string reason; // 1.6 Reason; empty: Local (the default)
    std::vector<MeterSample> transaction_data;
};

struct MeterReport {
    int connector_id = 0;
    std::optional<std::int64_t> transaction_id;
    std::vector<MeterSample> samples;
};

// ---- Other charger-initiated messages ----

struct DataTransferRequest {
    std::string vendor_id;
    std::string message_id;
    std::string data; // as sent (the 1.6 field is a string)
};

struct DataTransferAnswer {
    std::string status = "UnknownVendorId"; // Accepted, Rejected, UnknownMessageId, UnknownVendorId
    std::string data;
};

// DiagnosticsStatusNotification, FirmwareStatusNotification, SignedFirmwareStatusNotification,
// LogStatusNotification and (2.0.1) PublishFirmwareStatusNotification: what a long-running job on the
// charger reached.
enum class JobKind { Diagnostics, Firmware, SignedFirmware, Log, PublishFirmware };

struct JobStatus {
    JobKind kind = JobKind::Firmware;
    std::string status;
    std::optional<int> request_id;      // the security extension's and 2.0.1's requestId
    std::vector<std::string> locations; // PublishFirmware: the URIs the firmware is published at
};

struct SecurityEvent {
    std::string type;
    TimePoint timestamp{};
    std::string tech_info;
};

struct CertificateSigningRequest {
    std::string csr; // PEM
    // What the certificate is for: ChargingStationCertificate (the connection to the central system;
    // 1.6 and the 2.0.1 default) or V2GCertificate (ISO 15118, 2.0.1 only).
    std::string certificate_type = "ChargingStationCertificate";
};

// Core's answer to SignCertificate; when accepted, CertificateSigned follows.
struct SigningAnswer {
    bool accepted = false;
    std::string reason_code;     // why not, for 2.0.1 StatusInfo's reasonCode (at most 20 characters)
    std::string additional_info; // and in words
};

// 2.0.1 ReservationStatusUpdate: the charger ended a reservation by itself.
enum class ReservationUpdateStatus { Expired, Removed };

struct ReservationUpdate {
    int reservation_id = 0;
    ReservationUpdateStatus status = ReservationUpdateStatus::Expired;
};

// ISO 15118 certificate services the charger asks of the central system on an EV's behalf (2.0.1
// Get15118EVCertificate, GetCertificateStatus).
struct Iso15118Request {
    std::string action;  // the OCPP action: Get15118EVCertificate or GetCertificateStatus
    std::string details; // what the request carried, as a JSON object (text), members named as OCPP names them
};

struct Iso15118Answer {
    bool accepted = false;
    std::string reason_code;     // why not, for StatusInfo's reasonCode (at most 20 characters)
    std::string additional_info; // and in words
    std::string response;        // when accepted: the exiResponse or the ocspResult (Base64)
};

// What a 2.0.1 station reports of smart charging (functional block K): NotifyEVChargingNeeds,
// NotifyEVChargingSchedule, NotifyChargingLimit, ClearedChargingLimit, ReportChargingProfiles.
struct SmartChargingReport {
    std::string action;  // the OCPP action
    int evse_id = 0;     // 0: the whole station (a limit or profile the station left without an EVSE)
    std::string details; // the request as a JSON object (text), members named as OCPP names them
};

// ---- OCPP 2.0.1 authorization and transactions ----

// An IdToken: the identifier and its IdTokenEnumType (ISO14443, eMAID, Central, NoAuthorization, …).
struct IdToken {
    std::string id;
    std::string type;
};

// A TransactionEvent. Meter values keep OCPP's defaults like MeterReport's; the EVSE is the unit a
// 1.6 connector is (connector ids below it are kept as sent).
struct TransactionEventReport {
    std::string event_type; // Started, Updated, Ended
    TimePoint timestamp{};
    std::string trigger_reason;
    int seq_no = 0;
    bool offline = false;
    std::string transaction_id; // the station's
    std::string charging_state; // empty: not sent
    std::string stopped_reason; // empty: not sent (Local)
    std::optional<int> remote_start_id;
    std::optional<int> reservation_id;
    std::optional<IdToken> id_token;
    int evse_id = 0;      // 0: not sent
    int connector_id = 0; // 0: not sent
    std::vector<MeterSample> samples;
};

struct TransactionEventAnswer {
    std::optional<IdTagAnswer> id_token_info; // set when the event carried an idToken
    std::optional<double> total_cost;         // set when a tariff applies
};

// ---- OCPP 2.0.1 device model (functional block B) ----

// One variable of a component as a NotifyReport reports it, OCPP's defaults filled in where the
// station left them out (attribute type Actual, mutability ReadWrite, persistent and constant false).
struct ReportedAttribute {
    std::string type = "Actual"; // Actual, Target, MinSet, MaxSet
    std::optional<std::string> value;
    std::string mutability = "ReadWrite";
    bool persistent = false;
    bool constant = false;
};

struct ReportedCharacteristics {
    std::string data_type; // string, decimal, integer, dateTime, boolean, OptionList, SequenceList, MemberList
    std::string unit;      // empty: not sent
    std::optional<double> min_limit;
    std::optional<double> max_limit;
    std::string values_list; // empty: not sent
    bool supports_monitoring = false;
};

struct ReportedVariable {
    std::string component;
    std::string component_instance; // empty: not sent
    std::optional<int> evse_id;
    std::optional<int> connector_id;
    std::string variable;
    std::string variable_instance; // empty: not sent
    std::vector<ReportedAttribute> attributes;
    std::optional<ReportedCharacteristics> characteristics;
};

// One NotifyReport: part `seq_no` of the report answering request `request_id`; `tbc` when more follow.
struct DeviceReportPart {
    int request_id = 0;
    int seq_no = 0;
    bool tbc = false;
    TimePoint generated_at{};
    std::vector<ReportedVariable> entries;
};

// ---- OCPP 2.0.1 diagnostics and display messages (functional blocks N and O) ----

// A component and a variable of the station's device model, as OCPP names them.
struct StationComponent {
    std::string name;
    std::string instance; // empty: not sent
    std::optional<int> evse_id;
    std::optional<int> connector_id;
};

struct StationVariable {
    std::string name;
    std::string instance; // empty: not sent
};

// One eventData entry of a NotifyEvent (N07 alerts, N08 periodic events).
struct MonitoringEvent {
    int event_id = 0;
    TimePoint timestamp{};
    std::string trigger; // Alerting, Delta, Periodic
    std::optional<int> cause;
    std::string actual_value;
    std::string tech_code;      // empty: not sent
    std::string tech_info;      // empty: not sent
    bool cleared = false;       // false when not sent
    std::string transaction_id; // empty: not sent
    std::optional<int> variable_monitoring_id;
    std::string notification_type; // HardWiredNotification, HardWiredMonitor, PreconfiguredMonitor, CustomMonitor
    StationComponent component;
    StationVariable variable;
};

// One NotifyEvent message: its events are kept as they come, whatever part of a tbc series it is.
struct MonitoringEventsPart {
    int seq_no = 0;
    bool tbc = false;
    TimePoint generated_at{};
    std::vector<MonitoringEvent> events;
};

// One variableMonitoring entry of a NotifyMonitoringReport, with its component and variable.
struct ReportedMonitor {
    int id = 0;
    StationComponent component;
    StationVariable variable;
    bool transaction = false;
    double value = 0;
    std::string type; // UpperThreshold, LowerThreshold, Delta, Periodic, PeriodicClockAligned
    int severity = 0; // 0 (Danger) … 9 (Debug)
};

// One NotifyMonitoringReport (N02): part `seq_no` of the answer to GetMonitoringReport `request_id`.
struct MonitoringReportPart {
    int request_id = 0;
    int seq_no = 0;
    bool tbc = false;
    TimePoint generated_at{};
    std::vector<ReportedMonitor> monitors;
};

// One NotifyCustomerInformation (N09, N10): part `seq_no` of the answer to CustomerInformation `request_id`.
struct CustomerInformationPart {
    int request_id = 0;
    int seq_no = 0;
    bool tbc = false;
    TimePoint generated_at{};
    std::string data;
};

// One messageInfo entry of a NotifyDisplayMessages.
struct DisplayMessage {
    int id = 0;
    std::string priority; // AlwaysFront, InFront, NormalCycle
    std::string state;    // empty: not sent (Charging, Faulted, Idle, Unavailable)
    std::optional<TimePoint> start_date_time;
    std::optional<TimePoint> end_date_time;
    std::string transaction_id; // empty: not sent
    std::string format;         // ASCII, HTML, URI, UTF8
    std::string language;       // empty: not sent
    std::string content;
    std::optional<StationComponent> display;
};

// One NotifyDisplayMessages (O04): a part of the answer to GetDisplayMessages `request_id`; `tbc` when
// more follow. The message has no seqNo: parts come in the order sent (one CALL at a time).
struct DisplayMessagesPart {
    int request_id = 0;
    bool tbc = false;
    std::vector<DisplayMessage> messages;
};

// What core made of one part of a multi-part report.
enum class PartVerdict {
    Kept,        // new: kept (and, when it completed its report, applied)
    Resent,      // a part with this seqNo and the same content was kept already: nothing changes
    Conflicting, // a part with this seqNo but other content was kept already: the charger is refused
};

class CoreLink {
public:
    virtual ~CoreLink() = default;
    virtual void connected(const std::string &charger_id, ocpp::Version version) = 0;
    virtual void disconnected(const std::string &charger_id) = 0;
    virtual BootAnswer boot(const std::string &charger_id, ocpp::Version version, const BootRequest &request) = 0;
    // False for a charger that is not (or no longer) accepted.
    virtual bool accepts(const std::string &charger_id) = 0;
    virtual TimePoint heartbeat(const std::string &charger_id) = 0;
    virtual void status(const std::string &charger_id, const StatusUpdate &update) = 0;

    virtual IdTagAnswer authorize(const std::string &charger_id, const std::string &id_tag) = 0;
    // OCPP 2.0.1 Authorize: the same tokens as 1.6 id tags; NoAuthorization is always Accepted.
    virtual IdTagAnswer authorize_token(const std::string &charger_id, const IdToken &token) = 0;
    // OCPP 2.0.1. Never refuses: events are kept whatever their order; a resent seqNo adds nothing.
    virtual TransactionEventAnswer transaction_event(const std::string &charger_id,
                                                     const TransactionEventReport &report) = 0;
    // A resent start (same connector, tag and timestamp) answers with the transaction id it got first.
    virtual TransactionStartAnswer start_transaction(const std::string &charger_id, const TransactionStart &start) = 0;
    // Never refuses: a stop for an unknown transaction is kept as an orphan. The answer's tag info
    // is set when the stop carried an idTag.
    virtual std::optional<IdTagAnswer> stop_transaction(const std::string &charger_id, const TransactionStop &stop) = 0;
    // Never refuses: values for an unknown transaction are kept as orphans. Returns at once; `done`
    // runs later, on any thread, when the report is stored (null) or could not be (the error). Core
    // may store several chargers' reports together (group commit), so it never blocks the caller.
    using Stored = std::function<void(std::exception_ptr)>;
    virtual void meter_values(const std::string &charger_id, MeterReport report, Stored done) = 0;
    virtual DataTransferAnswer data_transfer(const std::string &charger_id, const DataTransferRequest &request) = 0;
    virtual void job_status(const std::string &charger_id, const JobStatus &status) = 0;
    virtual void security_event(const std::string &charger_id, const SecurityEvent &event) = 0;
    // Accepted when core's CA signed the certificate (CertificateSigned follows as a command); else why not:
    // no CA configured, a CSR that does not parse or verify, another station's name (connect checked the
    // PEM framing already).
    virtual SigningAnswer sign_certificate(const std::string &charger_id, const CertificateSigningRequest &request) = 0;
    // Never refuses: core marks the reservation when it knows it, and publishes the update either way.
    virtual void reservation_status(const std::string &charger_id, const ReservationUpdate &update) = 0;
    // Recorded; core decides the answer (Failed with reason NoPKI while no ISO 15118 PKI is configured).
    virtual Iso15118Answer certificate_request_15118(const std::string &charger_id, const Iso15118Request &request) = 0;
    // Recorded and published.
    virtual void smart_charging_report(const std::string &charger_id, const SmartChargingReport &report) = 0;
    // OCPP 2.0.1 NotifyReport. Never refuses: core keeps the part and applies the report once every part
    // up to the last (tbc false) is in, whatever their order; a resent part adds nothing.
    virtual void device_report(const std::string &charger_id, const DeviceReportPart &part) = 0;
    // OCPP 2.0.1 NotifyEvent. Never refuses: every event is kept and published once; an event resent (same
    // eventId and timestamp) adds nothing.
    virtual void monitoring_events(const std::string &charger_id, const MonitoringEventsPart &part) = 0;
    // OCPP 2.0.1 NotifyMonitoringReport: the part is kept; once every part up to the last (tbc false) is
    // in, whatever their order, the report replaces the charger's known monitors.
    virtual PartVerdict monitoring_report(const std::string &charger_id, const MonitoringReportPart &part) = 0;
    // OCPP 2.0.1 NotifyCustomerInformation: the part is kept, and assembled with the others of its request.
    virtual PartVerdict customer_information(const std::string &charger_id, const CustomerInformationPart &part) = 0;
    // OCPP 2.0.1 NotifyDisplayMessages. Never refuses: the parts of a request are kept until the last (tbc
    // false), and the whole report then replaces the charger's known display messages; a part resent with
    // the same messages adds nothing (parts have no seqNo to conflict on).
    virtual void display_messages(const std::string &charger_id, const DisplayMessagesPart &part) = 0;
};

} // namespace manage::connect
