#include "store/sql_session_rows.hpp"

#include "store/sql_support.hpp"

namespace manage::core::sql {

const char *const kSessionColumns =
    "transaction_id, charger_id, connector_id, id_tag, start_status, reservation_id, meter_start_wh, started_at, "
    "meter_stop_wh, stopped_at, stop_id_tag, stop_reason, energy_wh, station_transaction_id, evse_id, charging_state, "
    "cost_amount, cost_currency, vehicle_id, vehicle_link, organisation_id";

const char *const kChargerOrganisation =
    "COALESCE((SELECT organisation_id FROM chargers WHERE id = :charger_org), 'default')";

Session session_from_row(const soci::row &row) {
    Session s;
    s.transaction_id = row.get<long long>(0);
    s.charger_id = row.get<std::string>(1);
    s.connector_id = row.get<int>(2);
    s.id_tag = row.get<std::string>(3);
    s.start_status = id_tag_status_from_string(row.get<std::string>(4)).value_or(IdTagStatus::Invalid);
    s.reservation_id = optional_value<int>(row, 5);
    s.meter_start_wh = row.get<long long>(6);
    s.started_at = from_ms(row.get<long long>(7));
    s.meter_stop_wh = optional_value<long long>(row, 8);
    s.stopped_at = optional_time(row, 9);
    s.stop_id_tag = row.get<std::string>(10);
    s.stop_reason = row.get<std::string>(11);
    s.energy_wh = optional_value<long long>(row, 12);
    s.station_transaction_id = row.get<std::string>(13);
    s.evse_id = row.get<int>(14);
    if (s.evse_id == 0)
        s.evse_id = s.connector_id; // 1.6: a connector is its own EVSE
    s.charging_state = row.get<std::string>(15);
    s.cost_amount = optional_value<double>(row, 16);
    s.cost_currency = row.get<std::string>(17);
    s.vehicle_id = optional_value<std::string>(row, 18).value_or("");
    s.vehicle_link = parse_vehicle_link(row.get<std::string>(19)).value_or(VehicleLink::None);
    s.organisation_id = row.get<std::string>(20);
    return s;
}

const char *const kMeterColumns = "charger_id, connector_id, transaction_id, orphan, sampled_at, measurand, phase, "
                                  "location, context, format, value, unit, raw_value, raw_unit, received_at";

MeterValue meter_value_from_row(const soci::row &row) {
    MeterValue v;
    v.charger_id = row.get<std::string>(0);
    v.connector_id = row.get<int>(1);
    const auto transaction_id = row.get<long long>(2);
    v.orphan = row.get<int>(3) != 0;
    if (transaction_id != 0 || v.orphan)
        v.transaction_id = transaction_id;
    v.timestamp = from_ms(row.get<long long>(4));
    v.measurand = row.get<std::string>(5);
    v.phase = row.get<std::string>(6);
    v.location = row.get<std::string>(7);
    v.context = row.get<std::string>(8);
    v.format = row.get<std::string>(9);
    v.value = optional_value<double>(row, 10);
    v.unit = row.get<std::string>(11);
    v.raw_value = row.get<std::string>(12);
    v.raw_unit = row.get<std::string>(13);
    v.received_at = from_ms(row.get<long long>(14));
    return v;
}

void insert_values(soci::session &session, const std::vector<MeterValue> &values, std::optional<bool> orphan) {
    if (values.empty())
        return;
    // One prepared statement for every row: a batch of meter values parses its SQL once.
    MeterValue row;
    long long transaction_id = 0;
    int is_orphan = 0;
    long long sampled_at = 0;
    long long received_at = 0;
    double value = 0;
    soci::indicator value_indicator = soci::i_null;
    soci::statement insert =
        (session.prepare
             << "INSERT INTO meter_values (" << kMeterColumns
             << ") VALUES (:charger, :connector, :tx, :orphan, :sampled, :measurand, :phase, :location, "
                ":context, :format, :value, :unit, :raw_value, :raw_unit, :received) ON CONFLICT DO NOTHING",
         soci::use(row.charger_id), soci::use(row.connector_id), soci::use(transaction_id), soci::use(is_orphan),
         soci::use(sampled_at), soci::use(row.measurand), soci::use(row.phase), soci::use(row.location),
         soci::use(row.context), soci::use(row.format), soci::use(value, value_indicator), soci::use(row.unit),
         soci::use(row.raw_value), soci::use(row.raw_unit), soci::use(received_at));
    for (const auto &v : values) {
        row = v;
        transaction_id = v.transaction_id.value_or(0);
        is_orphan = orphan.value_or(v.orphan) ? 1 : 0;
        sampled_at = to_ms(v.timestamp);
        received_at = to_ms(v.received_at);
        value = v.value.value_or(0);
        value_indicator = v.value ? soci::i_ok : soci::i_null;
        insert.execute(true);
    }
}

std::optional<Session> find_session(soci::session &session, long long transaction_id) {
    std::optional<Session> found;
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT " << kSessionColumns << " FROM charging_sessions WHERE transaction_id = :tx",
         soci::use(transaction_id));
    for (const auto &row : rows)
        found = session_from_row(row);
    return found;
}

} // namespace manage::core::sql
