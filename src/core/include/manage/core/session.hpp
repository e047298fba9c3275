#pragma once
// Charging sessions (OCPP transactions) and their meter values, as core stores them.
#include "manage/common/clock.hpp"
#include "manage/core/id_tag.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// One sampled value as the charger sent it. `value` is the number for the Raw format.
struct MeterSample {
    TimePoint timestamp{};
    std::string measurand = "Energy.Active.Import.Register";
    std::string phase;
    std::string unit = "Wh";
    std::string context = "Sample.Periodic";
    std::string location = "Outlet";
    std::string format = "Raw";
    double value = 0;
    std::string raw_value;
};

// A stored meter value: normalised to base units (kWh → Wh, kW → W, kvarh → varh, kvar → var,
// kVA → VA, Celcius → Celsius) with the charger's text and unit kept beside.
struct MeterValue {
    std::string charger_id;
    int connector_id = 0;
    std::optional<std::int64_t> transaction_id; // the charger's, also for orphans
    bool orphan = false;                        // for a transaction core does not know
    TimePoint timestamp{};
    std::string measurand;
    std::string phase;
    std::string location;
    std::string context;
    std::string format;
    std::optional<double> value; // none for SignedData
    std::string unit;
    std::string raw_value;
    std::string raw_unit;
    TimePoint received_at{};
};

// The value in base units; SignedData has none.
MeterValue normalise(const std::string &charger_id, int connector_id, std::optional<std::int64_t> transaction_id,
                     const MeterSample &sample, TimePoint received_at);

// How a session was tied to its vehicle: by its RFID token, by the depot's plan of which vehicle
// charges where (a charger assignment), or by an operator.
enum class VehicleLink { None, Token, Schedule, Manual };
std::string_view to_string(VehicleLink link);
std::optional<VehicleLink> parse_vehicle_link(std::string_view text);

struct Session {
    std::int64_t transaction_id = 0;
    std::string charger_id;
    int connector_id = 0;
    std::string id_tag;
    IdTagStatus start_status = IdTagStatus::Accepted; // what StartTransaction was answered
    std::optional<int> reservation_id;
    std::int64_t meter_start_wh = 0;
    TimePoint started_at{}; // the charger's timestamp
    std::optional<std::int64_t> meter_stop_wh;
    std::optional<TimePoint> stopped_at;
    std::string stop_id_tag;
    std::string stop_reason;
    std::optional<std::int64_t> energy_wh; // meter_stop − meter_start
    // OCPP 2.0.1: the station's own transaction id (empty for 1.6, whose id is transaction_id), the
    // EVSE (for 1.6 the connector, which is its own EVSE) and the last chargingState reported.
    std::string station_transaction_id;
    int evse_id = 0;
    std::string charging_state;
    // What the session cost under its charger's tariff, fixed when it stopped; none while active or
    // when no tariff billed the charger.
    std::optional<double> cost_amount;
    std::string cost_currency;
    // The vehicle charged, when known, and how it was recognised.
    std::string vehicle_id; // empty: not known
    VehicleLink vehicle_link = VehicleLink::None;
    std::string organisation_id; // its charger's
    bool active() const { return !stopped_at.has_value(); }
};

// One OCPP 2.0.1 TransactionEvent as core keeps it: once per charger, station transaction id and
// seqNo, whatever order they arrive in.
struct TransactionEventRecord {
    std::string charger_id;
    std::string station_transaction_id;
    int seq_no = 0;
    std::int64_t transaction_id = 0; // the session's
    std::string event_type;          // Started, Updated, Ended
    std::string trigger_reason;
    TimePoint timestamp{}; // the station's
    bool offline = false;  // sent late, after the station was offline
    std::string charging_state;
    std::string stopped_reason;
    std::string id_token;
    std::string id_token_type;
    int evse_id = 0;      // 0: not sent
    int connector_id = 0; // 0: not sent
    std::optional<int> remote_start_id;
    std::optional<int> reservation_id;
    int meter_value_count = 0;
    TimePoint received_at{};
};

// A StopTransaction for a transaction core does not know, kept for review.
struct OrphanStop {
    std::string id;
    std::string charger_id;
    std::int64_t transaction_id = 0;
    std::string id_tag;
    std::int64_t meter_stop_wh = 0;
    TimePoint stopped_at{};
    std::string reason;
    TimePoint received_at{};
};

enum class SessionOrder { StartedDescending, StartedAscending, EnergyDescending, EnergyAscending };

// Where a page of sessions resumes: after the session with this sort value (started_at in ms, or
// energy in Wh with -1 for none yet) and transaction id, in the query's order.
struct SessionCursor {
    std::int64_t value = 0;
    std::int64_t transaction_id = 0;
};

struct SessionQuery {
    std::string charger_id;     // empty: every charger
    std::optional<bool> active; // nullopt: both
    int limit = 100;
    std::string organisation_id;           // empty: every organisation
    std::string id_tag;                    // empty: any
    std::optional<TimePoint> started_from; // inclusive
    std::optional<TimePoint> started_to;   // exclusive
    SessionOrder order = SessionOrder::StartedDescending;
    std::optional<SessionCursor> after;
    std::string vehicle_id; // empty: any
};

struct SessionPage {
    std::vector<Session> items;
    std::optional<SessionCursor> next; // none: this was the last page
};

// The cursor value of `session` under `order`.
SessionCursor cursor_of(const Session &session, SessionOrder order);

struct MeterQuery {
    std::optional<std::int64_t> transaction_id;
    std::string charger_id;
    std::optional<int> connector_id;
    std::string measurand;         // empty: all
    std::optional<TimePoint> from; // inclusive
    std::optional<TimePoint> to;   // exclusive
    int limit = 1000;
};

} // namespace manage::core
