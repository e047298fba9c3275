#pragma once
// Charging sessions from StartTransaction, MeterValues and StopTransaction, resends and orphans
// included. Store and Bus through their ports.
#include "manage/common/clock.hpp"
#include "manage/core/session_repository.hpp"

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace manage::core {

class Authorization;
class Events;
class Tariffs;
class SessionVehicles;

struct TransactionStartRequest {
    int connector_id = 0;
    std::string id_tag;
    std::int64_t meter_start_wh = 0;
    TimePoint timestamp{};
    std::optional<int> reservation_id;
};

struct TransactionStartResult {
    std::int64_t transaction_id = 0;
    IdTagInfo id_tag_info;
    bool resent = false; // the charger had sent this start before
};

struct TransactionStopRequest {
    std::int64_t transaction_id = 0;
    std::string id_tag; // empty: none sent
    std::int64_t meter_stop_wh = 0;
    TimePoint timestamp{};
    std::string reason;
    std::vector<MeterSample> transaction_data;
};

struct MeterValuesReport {
    int connector_id = 0;
    std::optional<std::int64_t> transaction_id;
    std::vector<MeterSample> samples;
};

// One charger's MeterValues, as a batch of them is written.
struct ChargerMeterValues {
    std::string charger_id;
    MeterValuesReport report;
};

// An OCPP 2.0.1 TransactionEvent. `event`'s charger id, session id and receipt time are core's to fill.
struct TransactionEventRequest {
    TransactionEventRecord event;
    std::vector<MeterSample> samples;
};

struct TransactionEventResult {
    std::int64_t transaction_id = 0;        // the session's
    std::optional<IdTagInfo> id_token_info; // when the event carried a token
    std::optional<double> total_cost;       // when a tariff applies to the session
    bool duplicate = false;                 // a resent seqNo: recorded before, nothing changed
};

struct Orphans {
    std::vector<OrphanStop> stops;
    std::vector<MeterValue> meter_values;
};

class Transactions {
public:
    // Events: session.*, meter.values, orphan.recorded and transaction.event, each in the unit of the
    // change that causes it.
    Transactions(SessionRepository &repository, Authorization &authorization, Events &events, const Clock &clock);
    // With tariffs, a 2.0.1 Updated or Ended event is answered with the session's cost so far (totalCost).
    void set_tariffs(Tariffs *tariffs) { tariffs_ = tariffs; }
    // With it, a new session is linked to its vehicle (SessionVehicles::link_on_start).
    void set_session_vehicles(SessionVehicles *vehicles) { vehicles_ = vehicles; }

    TransactionStartResult start(const std::string &charger_id, const TransactionStartRequest &request);
    // Never refuses. The tag's info when the stop carried a tag.
    std::optional<IdTagInfo> stop(const std::string &charger_id, const TransactionStopRequest &request);
    // Never refuses: values for a transaction core does not know are kept as orphans.
    void meter_values(const std::string &charger_id, const MeterValuesReport &report);
    // The same for several reports, stored in one Store transaction (all or none), then published.
    void record_meter_values(const std::vector<ChargerMeterValues> &batch);

    // OCPP 2.0.1. Never refuses: every event is kept, in whatever order it comes.
    TransactionEventResult on_transaction_event(const std::string &charger_id, TransactionEventRequest request);
    std::vector<TransactionEventRecord> events_of(std::int64_t transaction_id);

    std::vector<Session> list(const SessionQuery &query);
    SessionPage page(const SessionQuery &query);
    std::optional<Session> find(std::int64_t transaction_id);
    std::vector<MeterValue> meter_values_of(const MeterQuery &query);
    // Of one organisation's chargers; of every organisation when `organisation_id` is empty.
    Orphans orphans(int limit, const std::string &organisation_id = {});

private:
    std::optional<Session> session_for(const std::string &charger_id, std::optional<std::int64_t> transaction_id);
    void remember(const Session &session);
    // Fixes a stopped session's cost under its charger's tariff, so lists and exports need not price it again.
    void fix_cost(const std::string &charger_id, std::int64_t transaction_id);
    TransactionStartResult open_session(const std::string &charger_id, const TransactionStartRequest &request,
                                        IdTagInfo info, std::optional<Session> &opened);
    void close_session(const std::string &charger_id, const TransactionStopRequest &request,
                       const std::optional<Session> &session, const std::vector<MeterValue> &values, TimePoint now);
    void record_transaction_event(const std::string &charger_id, TransactionEventRecord &event,
                                  const std::optional<IdTagInfo> &token_info, std::vector<MeterValue> &values,
                                  TransactionEventResult &result);
    IdTagInfo authorize_token(const std::string &charger_id, const TransactionEventRecord &event);
    void publish_transaction_event(const TransactionEventRecord &event, const TransactionEventOutcome &outcome,
                                   const std::vector<MeterValue> &values);
    void publish_meter_values(const std::string &charger_id, const MeterValuesReport &report,
                              const std::optional<Session> &session, const std::vector<MeterValue> &values);

    SessionRepository &repository_;
    Authorization &authorization_;
    Events &events_;
    const Clock &clock_;
    Tariffs *tariffs_ = nullptr;
    SessionVehicles *vehicles_ = nullptr;
    // Sessions by transaction id, as MeterValues look them up. Only what never changes after the
    // start is read from them (charger, connector, meter start), so a copy cannot go stale; the
    // cache is emptied when it grows past a bound.
    std::mutex sessions_mutex_;
    std::unordered_map<std::int64_t, Session> sessions_;
};

} // namespace manage::core
