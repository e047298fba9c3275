#pragma once
#include "manage/core/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

struct NewSession {
    std::string charger_id;
    int connector_id = 0;
    std::string id_tag;
    IdTagStatus start_status = IdTagStatus::Accepted;
    std::optional<int> reservation_id;
    std::int64_t meter_start_wh = 0;
    TimePoint started_at{};
};

struct SessionStop {
    std::int64_t transaction_id = 0;
    std::string id_tag;
    std::int64_t meter_stop_wh = 0;
    TimePoint stopped_at{};
    std::string reason;
};

enum class StopOutcome { Stopped, AlreadyStopped, Orphan };

struct TransactionEventOutcome {
    Session session;
    bool duplicate = false; // this seqNo of this transaction was recorded before: nothing changed
    bool created = false;   // the event opened the session
    bool ended = false;     // the event closed it
};

// The Store port for sessions, meter values and orphans. Embedded and production: SqlSessionRepository.
class SessionRepository {
public:
    virtual ~SessionRepository() = default;
    // In one transaction: the session with the same charger, connector, tag and start time when there
    // is one (a resent StartTransaction), else a new one with the next transaction id.
    // Returns the session and whether it was created.
    virtual std::pair<Session, bool> open_session(const NewSession &session, TimePoint now) = 0;
    virtual std::optional<Session> find(std::int64_t transaction_id) = 0;
    // In one transaction: closes the charger's active session and stores `values` with it; leaves a
    // stopped one as it is (values dropped: a resend); else records an orphan stop with its values
    // marked orphan (once: a resent orphan stop is not recorded twice).
    virtual StopOutcome close_session(const std::string &charger_id, const SessionStop &stop,
                                      const std::vector<MeterValue> &values, TimePoint now) = 0;
    // Stores values; one already stored (same charger, connector, transaction, time, measurand, phase,
    // location and context) is skipped, so resent MeterValues add nothing.
    virtual void add_meter_values(const std::vector<MeterValue> &values) = 0;
    // OCPP 2.0.1, in one transaction: records `event` once (a resent seqNo changes nothing); opens the
    // session on the first event of its transaction, whichever type it is (a Started may arrive after
    // an Updated), with `start_status` as its tag's answer; moves the start earlier when an earlier
    // event arrives late; closes it on Ended; stores `values` with it (their transaction id and
    // connector are filled in); and derives meter start, meter stop and energy from the session's
    // energy register readings (earliest and, once ended, latest).
    virtual TransactionEventOutcome record_transaction_event(const TransactionEventRecord &event,
                                                             IdTagStatus start_status, std::vector<MeterValue> values,
                                                             TimePoint now) = 0;
    // The session's events in seqNo order.
    virtual std::vector<TransactionEventRecord> transaction_events(std::int64_t transaction_id) = 0;
    // The session of a station's own transaction id.
    virtual std::optional<Session> find_by_station_id(const std::string &charger_id,
                                                      const std::string &station_transaction_id) = 0;

    virtual std::vector<Session> list(const SessionQuery &query) = 0;
    // The same, with where the next page starts (keyset paging in the query's order).
    virtual SessionPage page(const SessionQuery &query) = 0;
    // Fixes the cost of a stopped session.
    // Sets the session's vehicle (empty: none) and how it was linked; `keep_manual`: leaves a link made
    // by hand as it is. False when there is no such session or the manual link was kept.
    virtual bool link_vehicle(std::int64_t transaction_id, const std::string &vehicle_id, VehicleLink link,
                              bool keep_manual) = 0;
    virtual void save_cost(std::int64_t transaction_id, double amount, const std::string &currency) = 0;
    virtual std::vector<MeterValue> meter_values(const MeterQuery &query) = 0;
    // Of one organisation's chargers; of every organisation when `organisation_id` is empty.
    virtual std::vector<OrphanStop> orphan_stops(int limit, const std::string &organisation_id = {}) = 0;
    virtual std::vector<MeterValue> orphan_meter_values(int limit, const std::string &organisation_id = {}) = 0;
};

} // namespace manage::core
