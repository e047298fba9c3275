// OCPP 2.0.1 TransactionEvents: a session per station transaction id, built from events that may
// arrive late, twice, or out of order.
#include "manage/core/sql_session_repository.hpp"
#include "store/sql_session_rows.hpp"
#include "store/sql_support.hpp"

#include <cmath>

namespace manage::core {
namespace {

using sql::find_session;
using sql::from_ms;
using sql::to_ms;

constexpr const char *kEventColumns =
    "charger_id, station_transaction_id, seq_no, transaction_id, event_type, trigger_reason, occurred_at, offline, "
    "charging_state, stopped_reason, id_token, id_token_type, evse_id, connector_id, remote_start_id, "
    "reservation_id, meter_values, received_at";

TransactionEventRecord event_from_row(const soci::row &row) {
    TransactionEventRecord e;
    e.charger_id = row.get<std::string>(0);
    e.station_transaction_id = row.get<std::string>(1);
    e.seq_no = row.get<int>(2);
    e.transaction_id = row.get<long long>(3);
    e.event_type = row.get<std::string>(4);
    e.trigger_reason = row.get<std::string>(5);
    e.timestamp = from_ms(row.get<long long>(6));
    e.offline = row.get<int>(7) != 0;
    e.charging_state = row.get<std::string>(8);
    e.stopped_reason = row.get<std::string>(9);
    e.id_token = row.get<std::string>(10);
    e.id_token_type = row.get<std::string>(11);
    e.evse_id = row.get<int>(12);
    e.connector_id = row.get<int>(13);
    e.remote_start_id = sql::optional_value<int>(row, 14);
    e.reservation_id = sql::optional_value<int>(row, 15);
    e.meter_value_count = row.get<int>(16);
    e.received_at = from_ms(row.get<long long>(17));
    return e;
}

std::optional<Session> find_by_station(soci::session &session, const std::string &charger_id,
                                       const std::string &station_id) {
    long long id = 0;
    soci::indicator indicator = soci::i_null;
    session << "SELECT transaction_id FROM charging_sessions WHERE charger_id = :charger AND "
               "station_transaction_id = :station",
        soci::use(charger_id), soci::use(station_id), soci::into(id, indicator);
    if (!session.got_data() || indicator != soci::i_ok)
        return std::nullopt;
    return find_session(session, id);
}

bool event_recorded(soci::session &session, const TransactionEventRecord &e) {
    int count = 0;
    session << "SELECT COUNT(*) FROM transaction_events WHERE charger_id = :charger AND station_transaction_id = "
               ":station AND seq_no = :seq",
        soci::use(e.charger_id), soci::use(e.station_transaction_id), soci::use(e.seq_no), soci::into(count);
    return count > 0;
}

// The highest seqNo recorded for the session so far, or -1.
int latest_seq_no(soci::session &session, long long transaction_id) {
    int seq = -1;
    soci::indicator indicator = soci::i_null;
    session << "SELECT MAX(seq_no) FROM transaction_events WHERE transaction_id = :tx", soci::use(transaction_id),
        soci::into(seq, indicator);
    return indicator == soci::i_ok ? seq : -1;
}

long long open_station_session(soci::session &session, const TransactionEventRecord &e, IdTagStatus start_status,
                               long long now_ms) {
    long long id = 0;
    session << "UPDATE counters SET value = value + 1 WHERE name = 'transaction_id'";
    session << "SELECT value FROM counters WHERE name = 'transaction_id'", soci::into(id);
    const auto status = to_string(start_status);
    auto reservation = sql::nullable<int>(e.reservation_id);
    const auto started_at = to_ms(e.timestamp);
    const long long meter_start = 0;
    session << "INSERT INTO charging_sessions (transaction_id, charger_id, connector_id, id_tag, start_status, "
               "reservation_id, meter_start_wh, started_at, active, created_at, updated_at, station_transaction_id, "
               "evse_id, charging_state, organisation_id) VALUES (:tx, :charger, :connector, :tag, :status, "
               ":reservation, :meter_start, :started, 1, :created, :updated, :station, :evse, :state, "
            << sql::kChargerOrganisation << ")",
        soci::use(id), soci::use(e.charger_id), soci::use(e.connector_id), soci::use(e.id_token), soci::use(status),
        soci::use(reservation.value, reservation.indicator), soci::use(meter_start), soci::use(started_at),
        soci::use(now_ms), soci::use(now_ms), soci::use(e.station_transaction_id), soci::use(e.evse_id),
        soci::use(e.charging_state), soci::use(e.charger_id);
    return id;
}

// What an event adds to a session it did not open: an earlier start, a tag presented after the
// start, the EVSE when the first event lacked it, the newest charging state, the end.
void update_station_session(soci::session &session, const Session &s, const TransactionEventRecord &e,
                            IdTagStatus start_status, bool newest, long long now_ms) {
    const long long tx = s.transaction_id;
    if (e.timestamp < s.started_at) {
        const auto started_at = to_ms(e.timestamp);
        session << "UPDATE charging_sessions SET started_at = :started WHERE transaction_id = :tx",
            soci::use(started_at), soci::use(tx);
    }
    if (s.id_tag.empty() && !e.id_token.empty()) {
        const auto status = to_string(start_status);
        session << "UPDATE charging_sessions SET id_tag = :tag, start_status = :status WHERE transaction_id = :tx",
            soci::use(e.id_token), soci::use(status), soci::use(tx);
    }
    if (s.evse_id == 0 && e.evse_id != 0) {
        session << "UPDATE charging_sessions SET connector_id = :connector, evse_id = :evse WHERE transaction_id = :tx",
            soci::use(e.connector_id), soci::use(e.evse_id), soci::use(tx);
    }
    if (newest && !e.charging_state.empty()) {
        session << "UPDATE charging_sessions SET charging_state = :state WHERE transaction_id = :tx",
            soci::use(e.charging_state), soci::use(tx);
    }
    if (e.event_type == "Ended" && s.active()) {
        const auto stopped_at = to_ms(e.timestamp);
        const std::string reason = e.stopped_reason.empty() ? "Local" : e.stopped_reason;
        session << "UPDATE charging_sessions SET stopped_at = :stopped, stop_id_tag = :tag, stop_reason = :reason, "
                   "active = 0 WHERE transaction_id = :tx",
            soci::use(stopped_at), soci::use(e.id_token), soci::use(reason), soci::use(tx);
    }
    session << "UPDATE charging_sessions SET updated_at = :now WHERE transaction_id = :tx", soci::use(now_ms),
        soci::use(tx);
}

// The energy register reading of the session at its first (ascending) or last sample, if any.
std::optional<long long> register_reading(soci::session &session, long long tx, bool first) {
    double value = 0;
    soci::indicator indicator = soci::i_null;
    session << "SELECT value FROM meter_values WHERE transaction_id = :tx AND orphan = 0 AND measurand = "
               "'Energy.Active.Import.Register' AND phase = '' AND value IS NOT NULL ORDER BY sampled_at "
            << (first ? "ASC" : "DESC") << " LIMIT 1",
        soci::use(tx), soci::into(value, indicator);
    if (!session.got_data() || indicator != soci::i_ok)
        return std::nullopt;
    return std::llround(value);
}

void derive_energy(soci::session &session, long long tx) {
    const auto start = register_reading(session, tx, true);
    if (!start)
        return;
    const auto s = find_session(session, tx);
    const long long meter_start = *start;
    auto stop = sql::nullable<long long>(s->active() ? std::nullopt : register_reading(session, tx, false));
    auto energy = stop.indicator == soci::i_ok ? sql::Nullable<long long>{stop.value - meter_start, soci::i_ok}
                                               : sql::Nullable<long long>{};
    session << "UPDATE charging_sessions SET meter_start_wh = :start, meter_stop_wh = :stop, energy_wh = :energy "
               "WHERE transaction_id = :tx",
        soci::use(meter_start), soci::use(stop.value, stop.indicator), soci::use(energy.value, energy.indicator),
        soci::use(tx);
}

void insert_event(soci::session &session, const TransactionEventRecord &e) {
    const long long tx = e.transaction_id;
    const auto occurred_at = to_ms(e.timestamp);
    const auto received_at = to_ms(e.received_at);
    const int offline = e.offline ? 1 : 0;
    auto remote_start = sql::nullable<int>(e.remote_start_id);
    auto reservation = sql::nullable<int>(e.reservation_id);
    session << "INSERT INTO transaction_events (" << kEventColumns
            << ") VALUES (:charger, :station, :seq, :tx, :type, :trigger, :occurred, :offline, :state, :stopped, "
               ":token, :token_type, :evse, :connector, :remote_start, :reservation, :values, :received)",
        soci::use(e.charger_id), soci::use(e.station_transaction_id), soci::use(e.seq_no), soci::use(tx),
        soci::use(e.event_type), soci::use(e.trigger_reason), soci::use(occurred_at), soci::use(offline),
        soci::use(e.charging_state), soci::use(e.stopped_reason), soci::use(e.id_token), soci::use(e.id_token_type),
        soci::use(e.evse_id), soci::use(e.connector_id), soci::use(remote_start.value, remote_start.indicator),
        soci::use(reservation.value, reservation.indicator), soci::use(e.meter_value_count), soci::use(received_at);
}

} // namespace

TransactionEventOutcome SqlSessionRepository::record_transaction_event(const TransactionEventRecord &event,
                                                                       IdTagStatus start_status,
                                                                       std::vector<MeterValue> values, TimePoint now) {
    TransactionEventOutcome outcome;
    const auto now_ms = to_ms(now);
    database_.in_transaction([&](soci::session &session) {
        // The counter's row lock first (PostgreSQL), so that two first events of one transaction
        // cannot both open a session.
        session << "UPDATE counters SET value = value WHERE name = 'transaction_id'";
        auto existing = find_by_station(session, event.charger_id, event.station_transaction_id);
        if (existing && event_recorded(session, event)) {
            outcome = TransactionEventOutcome{*existing, true, false, false};
            return;
        }
        long long tx = 0;
        if (existing) {
            tx = existing->transaction_id;
            const bool newest = event.seq_no > latest_seq_no(session, tx);
            update_station_session(session, *existing, event, start_status, newest, now_ms);
        } else {
            tx = open_station_session(session, event, start_status, now_ms);
            outcome.created = true;
            if (event.event_type == "Ended") // the only event of it that arrived so far
                update_station_session(session, *find_session(session, tx), event, start_status, true, now_ms);
        }
        auto recorded = event;
        recorded.transaction_id = tx;
        insert_event(session, recorded);
        const int meter_connector = existing && existing->evse_id != 0 ? existing->evse_id : event.evse_id;
        for (auto &v : values) {
            v.transaction_id = tx;
            v.connector_id = meter_connector;
        }
        sql::insert_values(session, values, false);
        derive_energy(session, tx);
        outcome.session = *find_session(session, tx);
        outcome.ended = event.event_type == "Ended" && (!existing || existing->active());
    });
    return outcome;
}

std::vector<TransactionEventRecord> SqlSessionRepository::transaction_events(std::int64_t transaction_id) {
    std::vector<TransactionEventRecord> events;
    const long long tx = transaction_id;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kEventColumns
                             << " FROM transaction_events WHERE transaction_id = :tx ORDER BY seq_no",
             soci::use(tx));
        for (const auto &row : rows)
            events.push_back(event_from_row(row));
    });
    return events;
}

std::optional<Session> SqlSessionRepository::find_by_station_id(const std::string &charger_id,
                                                                const std::string &station_transaction_id) {
    std::optional<Session> found;
    database_.with_session(
        [&](soci::session &session) { found = find_by_station(session, charger_id, station_transaction_id); });
    return found;
}

} // namespace manage::core
