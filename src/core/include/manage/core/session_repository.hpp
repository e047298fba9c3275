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

    virtual std::vector<Session> list(const SessionQuery &query) = 0;
    virtual std::vector<MeterValue> meter_values(const MeterQuery &query) = 0;
    virtual std::vector<OrphanStop> orphan_stops(int limit) = 0;
    virtual std::vector<MeterValue> orphan_meter_values(int limit) = 0;
};

} // namespace manage::core
