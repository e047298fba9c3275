#include "manage/core/sql_session_repository.hpp"

#include "manage/common/ids.hpp"
#include "store/sql_session_rows.hpp"
#include "store/sql_support.hpp"

namespace manage::core {
namespace {

using sql::find_session;
using sql::from_ms;
using sql::insert_values;
using sql::kMeterColumns;
using sql::kSessionColumns;
using sql::meter_value_from_row;
using sql::session_from_row;
using sql::to_ms;

} // namespace

std::pair<Session, bool> SqlSessionRepository::open_session(const NewSession &n, TimePoint now) {
    std::pair<Session, bool> result;
    const auto started_at = to_ms(n.started_at);
    const auto now_ms = to_ms(now);
    const auto status = to_string(n.start_status);
    auto reservation = sql::nullable<int>(n.reservation_id);
    const long long meter_start = n.meter_start_wh;
    database_.in_transaction([&](soci::session &session) {
        // Takes the counter's row lock first (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises),
        // so that two copies of one start cannot both miss each other below.
        session << "UPDATE counters SET value = value WHERE name = 'transaction_id'";
        long long existing = 0;
        soci::indicator existing_indicator = soci::i_null;
        session << "SELECT transaction_id FROM charging_sessions WHERE charger_id = :charger AND connector_id = "
                   ":connector AND id_tag = :tag AND started_at = :started",
            soci::use(n.charger_id), soci::use(n.connector_id), soci::use(n.id_tag), soci::use(started_at),
            soci::into(existing, existing_indicator);
        if (session.got_data() && existing_indicator == soci::i_ok) {
            result = {*find_session(session, existing), false};
            return;
        }
        long long id = 0;
        session << "UPDATE counters SET value = value + 1 WHERE name = 'transaction_id'";
        session << "SELECT value FROM counters WHERE name = 'transaction_id'", soci::into(id);
        session << "INSERT INTO charging_sessions (transaction_id, charger_id, connector_id, id_tag, start_status, "
                   "reservation_id, meter_start_wh, started_at, active, created_at, updated_at, organisation_id) "
                   "VALUES (:tx, :charger, :connector, :tag, :status, :reservation, :meter_start, :started, 1, "
                   ":created, :updated, "
                << sql::kChargerOrganisation << ")",
            soci::use(id), soci::use(n.charger_id), soci::use(n.connector_id), soci::use(n.id_tag), soci::use(status),
            soci::use(reservation.value, reservation.indicator), soci::use(meter_start), soci::use(started_at),
            soci::use(now_ms), soci::use(now_ms), soci::use(n.charger_id);
        result = {*find_session(session, id), true};
    });
    return result;
}

std::optional<Session> SqlSessionRepository::find(std::int64_t transaction_id) {
    std::optional<Session> found;
    const long long id = transaction_id;
    database_.with_session([&](soci::session &session) { found = find_session(session, id); });
    return found;
}

StopOutcome SqlSessionRepository::close_session(const std::string &charger_id, const SessionStop &stop,
                                                const std::vector<MeterValue> &values, TimePoint now) {
    StopOutcome outcome = StopOutcome::Orphan;
    const long long transaction_id = stop.transaction_id;
    const long long meter_stop = stop.meter_stop_wh;
    const auto stopped_at = to_ms(stop.stopped_at);
    const auto now_ms = to_ms(now);
    database_.in_transaction([&](soci::session &session) {
        const auto found = find_session(session, transaction_id);
        if (found && found->charger_id == charger_id) {
            if (!found->active()) {
                outcome = StopOutcome::AlreadyStopped;
                return;
            }
            const long long energy = meter_stop - found->meter_start_wh;
            session << "UPDATE charging_sessions SET meter_stop_wh = :meter_stop, stopped_at = :stopped, "
                       "stop_id_tag = :tag, stop_reason = :reason, energy_wh = :energy, active = 0, updated_at = :now "
                       "WHERE transaction_id = :tx",
                soci::use(meter_stop), soci::use(stopped_at), soci::use(stop.id_tag), soci::use(stop.reason),
                soci::use(energy), soci::use(now_ms), soci::use(transaction_id);
            insert_values(session, values, false);
            outcome = StopOutcome::Stopped;
            return;
        }
        int count = 0;
        session << "SELECT COUNT(*) FROM orphan_stops WHERE charger_id = :charger AND transaction_id = :tx AND "
                   "stopped_at = :stopped",
            soci::use(charger_id), soci::use(transaction_id), soci::use(stopped_at), soci::into(count);
        if (count == 0) {
            const auto id = new_uuid();
            session << "INSERT INTO orphan_stops (id, charger_id, transaction_id, id_tag, meter_stop_wh, stopped_at, "
                       "reason, received_at) VALUES (:id, :charger, :tx, :tag, :meter_stop, :stopped, :reason, :now)",
                soci::use(id), soci::use(charger_id), soci::use(transaction_id), soci::use(stop.id_tag),
                soci::use(meter_stop), soci::use(stopped_at), soci::use(stop.reason), soci::use(now_ms);
        }
        insert_values(session, values, true);
    });
    return outcome;
}

void SqlSessionRepository::add_meter_values(const std::vector<MeterValue> &values) {
    database_.in_transaction([&](soci::session &session) { insert_values(session, values, std::nullopt); });
}

namespace {

// ORDER BY and the keyset condition of each order; the sort value is what cursor_of() gives.
struct OrderSql {
    const char *value;
    const char *direction;
    const char *after;
};

OrderSql order_sql(SessionOrder order) {
    switch (order) {
    case SessionOrder::StartedAscending:
        return {"started_at", "ASC", "(started_at > :cv OR (started_at = :cv2 AND transaction_id > :ct))"};
    case SessionOrder::EnergyDescending:
        return {"COALESCE(energy_wh, -1)", "DESC",
                "(COALESCE(energy_wh, -1) < :cv OR (COALESCE(energy_wh, -1) = :cv2 AND transaction_id < :ct))"};
    case SessionOrder::EnergyAscending:
        return {"COALESCE(energy_wh, -1)", "ASC",
                "(COALESCE(energy_wh, -1) > :cv OR (COALESCE(energy_wh, -1) = :cv2 AND transaction_id > :ct))"};
    case SessionOrder::StartedDescending:
        break;
    }
    return {"started_at", "DESC", "(started_at < :cv OR (started_at = :cv2 AND transaction_id < :ct))"};
}

} // namespace

SessionPage SqlSessionRepository::page(const SessionQuery &query) {
    SessionPage page;
    const auto order = order_sql(query.order);
    // Only the filters given appear in the SQL, so that each query can use its index
    // ("x = :x OR :any = 1" would keep both engines from it).
    std::vector<std::string> conditions;
    if (!query.organisation_id.empty())
        conditions.emplace_back("organisation_id = :org");
    if (!query.charger_id.empty())
        conditions.emplace_back("charger_id = :charger");
    if (query.active)
        conditions.emplace_back("active = :active");
    if (!query.id_tag.empty())
        conditions.emplace_back("id_tag = :tag");
    if (!query.vehicle_id.empty())
        conditions.emplace_back("vehicle_id = :vehicle");
    if (query.started_from)
        conditions.emplace_back("started_at >= :from_ms");
    if (query.started_to)
        conditions.emplace_back("started_at < :to_ms");
    if (query.after)
        conditions.emplace_back(order.after);
    std::string text = std::string("SELECT ") + kSessionColumns + " FROM charging_sessions";
    for (std::size_t i = 0; i < conditions.size(); ++i)
        text += (i == 0 ? " WHERE " : " AND ") + conditions[i];
    text += std::string(" ORDER BY ") + order.value + " " + order.direction + ", transaction_id " + order.direction +
            " LIMIT :limit";
    const int active = query.active.value_or(false) ? 1 : 0;
    const long long from = query.started_from ? to_ms(*query.started_from) : 0;
    const long long to = query.started_to ? to_ms(*query.started_to) : 0;
    const long long cursor_value = query.after ? query.after->value : 0;
    const long long cursor_id = query.after ? query.after->transaction_id : 0;
    const int fetch = query.limit + 1; // one more tells whether another page follows
    database_.with_session([&](soci::session &session) {
        soci::details::prepare_temp_type statement = (session.prepare << text);
        if (!query.organisation_id.empty())
            statement, soci::use(query.organisation_id, "org");
        if (!query.charger_id.empty())
            statement, soci::use(query.charger_id, "charger");
        if (query.active)
            statement, soci::use(active, "active");
        if (!query.id_tag.empty())
            statement, soci::use(query.id_tag, "tag");
        if (!query.vehicle_id.empty())
            statement, soci::use(query.vehicle_id, "vehicle");
        if (query.started_from)
            statement, soci::use(from, "from_ms");
        if (query.started_to)
            statement, soci::use(to, "to_ms");
        if (query.after) {
            statement, soci::use(cursor_value, "cv");
            statement, soci::use(cursor_value, "cv2");
            statement, soci::use(cursor_id, "ct");
        }
        statement, soci::use(fetch, "limit");
        soci::rowset<soci::row> rows(statement);
        for (const auto &row : rows)
            page.items.push_back(session_from_row(row));
    });
    if (static_cast<int>(page.items.size()) > query.limit) {
        page.items.resize(static_cast<std::size_t>(query.limit));
        page.next = cursor_of(page.items.back(), query.order);
    }
    return page;
}

bool SqlSessionRepository::link_vehicle(std::int64_t transaction_id, const std::string &vehicle_id, VehicleLink link,
                                        bool keep_manual) {
    const long long id = transaction_id;
    const std::string link_text(to_string(link));
    const int replace_manual = keep_manual ? 0 : 1;
    soci::indicator vehicle_null = vehicle_id.empty() ? soci::i_null : soci::i_ok;
    int affected = 0;
    database_.with_session([&](soci::session &session) {
        soci::statement update =
            (session.prepare << "UPDATE charging_sessions SET vehicle_id = :vehicle, vehicle_link = :link WHERE "
                                "transaction_id = :tx AND (:replace = 1 OR vehicle_link <> 'manual')",
             soci::use(vehicle_id, vehicle_null), soci::use(link_text), soci::use(id), soci::use(replace_manual));
        update.execute(true);
        affected = static_cast<int>(update.get_affected_rows());
    });
    return affected > 0;
}

void SqlSessionRepository::save_cost(std::int64_t transaction_id, double amount, const std::string &currency) {
    const long long id = transaction_id;
    database_.with_session([&](soci::session &session) {
        session << "UPDATE charging_sessions SET cost_amount = :amount, cost_currency = :currency "
                   "WHERE transaction_id = :tx",
            soci::use(amount), soci::use(currency), soci::use(id);
    });
}

std::vector<Session> SqlSessionRepository::list(const SessionQuery &query) {
    std::vector<Session> sessions;
    const int any_charger = query.charger_id.empty() ? 1 : 0;
    const int any_state = query.active ? 0 : 1;
    const int active = query.active.value_or(false) ? 1 : 0;
    const int any_organisation = query.organisation_id.empty() ? 1 : 0;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kSessionColumns
                             << " FROM charging_sessions WHERE (:any_charger = 1 OR charger_id = :charger) AND "
                                "(:any_state = 1 OR active = :active) AND (:any_org = 1 OR organisation_id = :org) "
                                "ORDER BY transaction_id DESC LIMIT :limit",
             soci::use(any_charger), soci::use(query.charger_id), soci::use(any_state), soci::use(active),
             soci::use(any_organisation), soci::use(query.organisation_id), soci::use(query.limit));
        for (const auto &row : rows)
            sessions.push_back(session_from_row(row));
    });
    return sessions;
}

std::vector<MeterValue> SqlSessionRepository::meter_values(const MeterQuery &query) {
    std::vector<MeterValue> values;
    const int any_transaction = query.transaction_id ? 0 : 1;
    const long long transaction_id = query.transaction_id.value_or(0);
    const int any_charger = query.charger_id.empty() ? 1 : 0;
    const int any_connector = query.connector_id ? 0 : 1;
    const int connector_id = query.connector_id.value_or(0);
    const int any_measurand = query.measurand.empty() ? 1 : 0;
    const int any_from = query.from ? 0 : 1;
    const long long from = query.from ? to_ms(*query.from) : 0;
    const int any_to = query.to ? 0 : 1;
    const long long to = query.to ? to_ms(*query.to) : 0;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kMeterColumns
                             << " FROM meter_values WHERE orphan = 0 AND (:any_tx = 1 OR transaction_id = :tx) AND "
                                "(:any_charger = 1 OR charger_id = :charger) AND (:any_connector = 1 OR connector_id "
                                "= :connector) AND (:any_measurand = 1 OR measurand = :measurand) AND (:any_from = 1 "
                                "OR sampled_at >= :from_ms) AND (:any_to = 1 OR sampled_at < :to_ms) "
                                "ORDER BY sampled_at, connector_id, measurand, phase, location LIMIT :limit",
             soci::use(any_transaction), soci::use(transaction_id), soci::use(any_charger), soci::use(query.charger_id),
             soci::use(any_connector), soci::use(connector_id), soci::use(any_measurand), soci::use(query.measurand),
             soci::use(any_from), soci::use(from), soci::use(any_to), soci::use(to), soci::use(query.limit));
        for (const auto &row : rows)
            values.push_back(meter_value_from_row(row));
    });
    return values;
}

std::vector<OrphanStop> SqlSessionRepository::orphan_stops(int limit, const std::string &organisation_id) {
    std::vector<OrphanStop> stops;
    const int any_organisation = organisation_id.empty() ? 1 : 0;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT id, charger_id, transaction_id, id_tag, meter_stop_wh, stopped_at, reason, "
                                "received_at FROM orphan_stops WHERE (:any_org = 1 OR charger_id IN (SELECT id FROM "
                                "chargers WHERE organisation_id = :org)) ORDER BY received_at DESC, id LIMIT :limit",
             soci::use(any_organisation), soci::use(organisation_id), soci::use(limit));
        for (const auto &row : rows)
            stops.push_back(OrphanStop{row.get<std::string>(0), row.get<std::string>(1), row.get<long long>(2),
                                       row.get<std::string>(3), row.get<long long>(4), from_ms(row.get<long long>(5)),
                                       row.get<std::string>(6), from_ms(row.get<long long>(7))});
    });
    return stops;
}

std::vector<MeterValue> SqlSessionRepository::orphan_meter_values(int limit, const std::string &organisation_id) {
    std::vector<MeterValue> values;
    const int any_organisation = organisation_id.empty() ? 1 : 0;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kMeterColumns
                             << " FROM meter_values WHERE orphan = 1 AND (:any_org = 1 OR charger_id IN (SELECT id "
                                "FROM chargers WHERE organisation_id = :org)) ORDER BY received_at DESC, sampled_at, "
                                "measurand, phase LIMIT :limit",
             soci::use(any_organisation), soci::use(organisation_id), soci::use(limit));
        for (const auto &row : rows)
            values.push_back(meter_value_from_row(row));
    });
    return values;
}

} // namespace manage::core
