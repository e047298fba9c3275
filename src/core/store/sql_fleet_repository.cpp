#include "manage/core/sql_fleet_repository.hpp"

#include "store/sql_support.hpp"

#include <map>

namespace manage::core {
namespace {

using sql::from_ms;
using sql::to_ms;

constexpr const char *kFleetColumns = "id, organisation_id, name, description, version, created_at, updated_at";
constexpr const char *kVehicleColumns = "id, organisation_id, fleet_id, name, registration, vin, battery_kwh, "
                                        "max_ac_kw, max_dc_kw, target_soc, timezone, version, created_at, updated_at";
constexpr const char *kDepartureColumns = "id, organisation_id, vehicle_id, kind, name, days, minute, at, energy_kwh, "
                                          "soc, version, created_at, updated_at";

Fleet fleet_from_row(const soci::row &row) {
    Fleet fleet;
    fleet.id = row.get<std::string>(0);
    fleet.organisation_id = row.get<std::string>(1);
    fleet.name = row.get<std::string>(2);
    fleet.description = row.get<std::string>(3);
    fleet.version = row.get<long long>(4);
    fleet.created_at = from_ms(row.get<long long>(5));
    fleet.updated_at = from_ms(row.get<long long>(6));
    return fleet;
}

Vehicle vehicle_from_row(const soci::row &row) {
    Vehicle vehicle;
    vehicle.id = row.get<std::string>(0);
    vehicle.organisation_id = row.get<std::string>(1);
    vehicle.fleet_id = row.get<std::string>(2);
    vehicle.name = row.get<std::string>(3);
    vehicle.registration = row.get<std::string>(4);
    vehicle.vin = row.get<std::string>(5);
    vehicle.battery_kwh = row.get<double>(6);
    vehicle.max_ac_kw = row.get<double>(7);
    vehicle.max_dc_kw = row.get<double>(8);
    vehicle.target_soc = row.get<double>(9);
    vehicle.timezone = row.get<std::string>(10);
    vehicle.version = row.get<long long>(11);
    vehicle.created_at = from_ms(row.get<long long>(12));
    vehicle.updated_at = from_ms(row.get<long long>(13));
    return vehicle;
}

std::string days_text(const std::array<bool, 7> &days) {
    std::string text;
    for (const bool on : days)
        text.push_back(on ? '1' : '0');
    return text;
}

Departure departure_from_row(const soci::row &row) {
    Departure departure;
    departure.id = row.get<std::string>(0);
    departure.organisation_id = row.get<std::string>(1);
    departure.vehicle_id = row.get<std::string>(2);
    departure.kind = parse_departure_kind(row.get<std::string>(3)).value_or(DepartureKind::Weekly);
    departure.name = row.get<std::string>(4);
    const auto days = row.get<std::string>(5);
    for (std::size_t day = 0; day < departure.days.size() && day < days.size(); ++day)
        departure.days[day] = days[day] == '1';
    departure.minute = row.get<int>(6);
    departure.at = from_ms(row.get<long long>(7));
    departure.energy_kwh = sql::optional_value<double>(row, 8);
    departure.soc = sql::optional_value<double>(row, 9);
    departure.version = row.get<long long>(10);
    departure.created_at = from_ms(row.get<long long>(11));
    departure.updated_at = from_ms(row.get<long long>(12));
    return departure;
}

// Each vehicle's tokens in the order they were given.
void load_tokens(soci::session &session, const std::string &organisation_id, std::vector<Vehicle> &vehicles) {
    if (vehicles.empty())
        return;
    std::map<std::string, std::vector<std::string>> tokens;
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT vehicle_id, token FROM vehicle_tokens WHERE organisation_id = :org "
                            "ORDER BY vehicle_id, position",
         soci::use(organisation_id));
    for (const auto &row : rows)
        tokens[row.get<std::string>(0)].push_back(row.get<std::string>(1));
    for (auto &vehicle : vehicles)
        if (const auto it = tokens.find(vehicle.id); it != tokens.end())
            vehicle.rfid_tokens = it->second;
}

void save_tokens(soci::session &session, const Vehicle &vehicle) {
    session << "DELETE FROM vehicle_tokens WHERE vehicle_id = :id", soci::use(vehicle.id);
    for (std::size_t i = 0; i < vehicle.rfid_tokens.size(); ++i) {
        const int position = static_cast<int>(i);
        session << "INSERT INTO vehicle_tokens (organisation_id, token, vehicle_id, position) "
                   "VALUES (:org, :token, :vehicle, :position)",
            soci::use(vehicle.organisation_id), soci::use(vehicle.rfid_tokens[i]), soci::use(vehicle.id),
            soci::use(position);
    }
}

// The version of the row `id` of `table` in the organisation whose `scope_column` is `scope` (the
// organisation itself for fleets and vehicles, the vehicle for departures).
std::optional<std::int64_t> version_in(soci::session &session, const std::string &table,
                                       const std::string &organisation_id, const std::string &id,
                                       const std::string &scope_column, const std::string &scope) {
    std::optional<std::int64_t> version;
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT version FROM " << table << " WHERE organisation_id = :org AND id = :id AND "
                         << scope_column << " = :scope",
         soci::use(organisation_id), soci::use(id), soci::use(scope));
    for (const auto &row : rows)
        version = row.get<long long>(0);
    return version;
}

// After an UPDATE or DELETE that touched `rows` rows: Written, or why not.
WriteOutcome outcome_of(long long rows, std::int64_t written_version, const std::optional<std::int64_t> &current) {
    if (rows > 0)
        return {WriteStatus::Done, written_version};
    if (!current)
        return {WriteStatus::Missing, 0};
    return {WriteStatus::Stale, *current};
}

// DELETE the row (found as version_in finds it), only at version `expected` when one is given.
WriteOutcome delete_row(soci::session &session, const std::string &table, const std::string &organisation_id,
                       const std::string &id, std::optional<std::int64_t> expected, const std::string &scope_column,
                       const std::string &scope) {
    const std::string query =
        "DELETE FROM " + table + " WHERE organisation_id = :org AND id = :id AND " + scope_column + " = :scope";
    const long long version = expected.value_or(0);
    soci::statement remove =
        expected ? (session.prepare << query + " AND version = :version", soci::use(organisation_id), soci::use(id),
                    soci::use(scope), soci::use(version))
                 : (session.prepare << query, soci::use(organisation_id), soci::use(id), soci::use(scope));
    remove.execute(true);
    const auto rows = remove.get_affected_rows();
    return outcome_of(rows, version,
                      rows > 0 ? std::nullopt : version_in(session, table, organisation_id, id, scope_column, scope));
}

} // namespace

std::vector<Fleet> SqlFleetRepository::list_fleets(const std::string &organisation_id) {
    std::vector<Fleet> fleets;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kFleetColumns
                             << " FROM fleets WHERE organisation_id = :org ORDER BY name, id",
             soci::use(organisation_id));
        for (const auto &row : rows)
            fleets.push_back(fleet_from_row(row));
    });
    return fleets;
}

std::optional<Fleet> SqlFleetRepository::find_fleet(const std::string &organisation_id, const std::string &id) {
    std::optional<Fleet> found;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kFleetColumns << " FROM fleets WHERE organisation_id = :org AND id = :id",
             soci::use(organisation_id), soci::use(id));
        for (const auto &row : rows)
            found = fleet_from_row(row);
    });
    return found;
}

void SqlFleetRepository::insert_fleet(const Fleet &fleet) {
    const long long version = fleet.version;
    const auto created_at = to_ms(fleet.created_at);
    const auto updated_at = to_ms(fleet.updated_at);
    database_.with_session([&](soci::session &session) {
        session << "INSERT INTO fleets (id, organisation_id, name, description, version, created_at, updated_at) "
                   "VALUES (:id, :org, :name, :description, :version, :created, :updated)",
            soci::use(fleet.id), soci::use(fleet.organisation_id), soci::use(fleet.name), soci::use(fleet.description),
            soci::use(version), soci::use(created_at), soci::use(updated_at);
    });
}

WriteOutcome SqlFleetRepository::update_fleet(const Fleet &fleet, std::int64_t expected) {
    WriteOutcome result;
    const long long from_version = expected;
    const auto updated_at = to_ms(fleet.updated_at);
    database_.in_transaction([&](soci::session &session) {
        soci::statement update =
            (session.prepare
                 << "UPDATE fleets SET name = :name, description = :description, version = version + 1, "
                    "updated_at = :updated WHERE organisation_id = :org AND id = :id AND version = :version",
             soci::use(fleet.name), soci::use(fleet.description), soci::use(updated_at),
             soci::use(fleet.organisation_id), soci::use(fleet.id), soci::use(from_version));
        update.execute(true);
        const auto rows = update.get_affected_rows();
        result = outcome_of(rows, expected + 1,
                            rows > 0 ? std::nullopt
                                     : version_in(session, "fleets", fleet.organisation_id, fleet.id, "organisation_id",
                                                  fleet.organisation_id));
    });
    return result;
}

WriteOutcome SqlFleetRepository::delete_fleet(const std::string &organisation_id, const std::string &id,
                                             std::optional<std::int64_t> expected) {
    WriteOutcome result;
    database_.in_transaction([&](soci::session &session) {
        int vehicles = 0;
        session << "SELECT COUNT(*) FROM vehicles WHERE organisation_id = :org AND fleet_id = :id",
            soci::use(organisation_id), soci::use(id), soci::into(vehicles);
        if (vehicles > 0) {
            const auto current = version_in(session, "fleets", organisation_id, id, "organisation_id", organisation_id);
            result = {current ? WriteStatus::InUse : WriteStatus::Missing, current.value_or(0)};
            return;
        }
        result = delete_row(session, "fleets", organisation_id, id, expected, "organisation_id", organisation_id);
    });
    return result;
}

std::vector<Vehicle> SqlFleetRepository::list_vehicles(const std::string &organisation_id,
                                                       const std::optional<std::string> &fleet_id) {
    std::vector<Vehicle> vehicles;
    database_.with_session([&](soci::session &session) {
        const std::string query = std::string("SELECT ") + kVehicleColumns +
                                  " FROM vehicles WHERE organisation_id = :org" +
                                  (fleet_id ? " AND fleet_id = :fleet" : "") + " ORDER BY name, id";
        soci::rowset<soci::row> rows =
            fleet_id ? (session.prepare << query, soci::use(organisation_id), soci::use(*fleet_id))
                     : (session.prepare << query, soci::use(organisation_id));
        for (const auto &row : rows)
            vehicles.push_back(vehicle_from_row(row));
        load_tokens(session, organisation_id, vehicles);
    });
    return vehicles;
}

std::optional<Vehicle> SqlFleetRepository::find_vehicle(const std::string &organisation_id, const std::string &id) {
    std::vector<Vehicle> found;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows = (session.prepare << "SELECT " << kVehicleColumns
                                                        << " FROM vehicles WHERE organisation_id = :org AND id = :id",
                                        soci::use(organisation_id), soci::use(id));
        for (const auto &row : rows)
            found.push_back(vehicle_from_row(row));
        load_tokens(session, organisation_id, found);
    });
    if (found.empty())
        return std::nullopt;
    return found.front();
}

std::optional<Vehicle> SqlFleetRepository::vehicle_with_token(const std::string &organisation_id,
                                                              const std::string &token) {
    std::optional<std::string> vehicle_id;
    database_.with_session([&](soci::session &session) {
        soci::rowset<std::string> rows =
            (session.prepare << "SELECT vehicle_id FROM vehicle_tokens WHERE organisation_id = :org AND token = :token",
             soci::use(organisation_id), soci::use(token));
        for (const auto &id : rows)
            vehicle_id = id;
    });
    return vehicle_id ? find_vehicle(organisation_id, *vehicle_id) : std::nullopt;
}

void SqlFleetRepository::insert_vehicle(const Vehicle &vehicle) {
    const long long version = vehicle.version;
    const auto created_at = to_ms(vehicle.created_at);
    const auto updated_at = to_ms(vehicle.updated_at);
    database_.in_transaction([&](soci::session &session) {
        session << "INSERT INTO vehicles (id, organisation_id, fleet_id, name, registration, vin, battery_kwh, "
                   "max_ac_kw, max_dc_kw, target_soc, timezone, version, created_at, updated_at) VALUES (:id, :org, "
                   ":fleet, :name, :registration, :vin, :battery, :ac, :dc, :soc, :timezone, :version, :created, "
                   ":updated)",
            soci::use(vehicle.id), soci::use(vehicle.organisation_id), soci::use(vehicle.fleet_id),
            soci::use(vehicle.name), soci::use(vehicle.registration), soci::use(vehicle.vin),
            soci::use(vehicle.battery_kwh), soci::use(vehicle.max_ac_kw), soci::use(vehicle.max_dc_kw),
            soci::use(vehicle.target_soc), soci::use(vehicle.timezone), soci::use(version), soci::use(created_at),
            soci::use(updated_at);
        save_tokens(session, vehicle);
    });
}

WriteOutcome SqlFleetRepository::update_vehicle(const Vehicle &vehicle, std::int64_t expected) {
    WriteOutcome result;
    const long long from_version = expected;
    const auto updated_at = to_ms(vehicle.updated_at);
    database_.in_transaction([&](soci::session &session) {
        soci::statement update =
            (session.prepare << "UPDATE vehicles SET fleet_id = :fleet, name = :name, registration = :registration, "
                                "vin = :vin, battery_kwh = :battery, max_ac_kw = :ac, max_dc_kw = :dc, "
                                "target_soc = :soc, timezone = :timezone, version = version + 1, updated_at = :updated "
                                "WHERE organisation_id = :org AND id = :id AND version = :version",
             soci::use(vehicle.fleet_id), soci::use(vehicle.name), soci::use(vehicle.registration),
             soci::use(vehicle.vin), soci::use(vehicle.battery_kwh), soci::use(vehicle.max_ac_kw),
             soci::use(vehicle.max_dc_kw), soci::use(vehicle.target_soc), soci::use(vehicle.timezone),
             soci::use(updated_at), soci::use(vehicle.organisation_id), soci::use(vehicle.id), soci::use(from_version));
        update.execute(true);
        const auto rows = update.get_affected_rows();
        if (rows > 0)
            save_tokens(session, vehicle);
        result = outcome_of(rows, expected + 1,
                            rows > 0 ? std::nullopt
                                     : version_in(session, "vehicles", vehicle.organisation_id, vehicle.id,
                                                  "organisation_id", vehicle.organisation_id));
    });
    return result;
}

WriteOutcome SqlFleetRepository::delete_vehicle(const std::string &organisation_id, const std::string &id,
                                               std::optional<std::int64_t> expected) {
    WriteOutcome result;
    // Its tokens and departures go with it (ON DELETE CASCADE).
    database_.in_transaction([&](soci::session &session) {
        result = delete_row(session, "vehicles", organisation_id, id, expected, "organisation_id", organisation_id);
    });
    return result;
}

std::vector<Departure> SqlFleetRepository::list_departures(const std::string &organisation_id,
                                                           const std::string &vehicle_id) {
    std::vector<Departure> departures;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kDepartureColumns
                             << " FROM departures WHERE organisation_id = :org AND vehicle_id = :vehicle "
                                "ORDER BY name, id",
             soci::use(organisation_id), soci::use(vehicle_id));
        for (const auto &row : rows)
            departures.push_back(departure_from_row(row));
    });
    return departures;
}

std::optional<Departure> SqlFleetRepository::find_departure(const std::string &organisation_id,
                                                            const std::string &vehicle_id, const std::string &id) {
    std::optional<Departure> found;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kDepartureColumns
                             << " FROM departures WHERE organisation_id = :org AND vehicle_id = :vehicle AND id = :id",
             soci::use(organisation_id), soci::use(vehicle_id), soci::use(id));
        for (const auto &row : rows)
            found = departure_from_row(row);
    });
    return found;
}

void SqlFleetRepository::insert_departure(const Departure &departure) {
    const std::string kind(to_string(departure.kind));
    const auto days = days_text(departure.days);
    const auto at = to_ms(departure.at);
    auto energy = sql::nullable<double>(departure.energy_kwh);
    auto soc = sql::nullable<double>(departure.soc);
    const long long version = departure.version;
    const auto created_at = to_ms(departure.created_at);
    const auto updated_at = to_ms(departure.updated_at);
    database_.with_session([&](soci::session &session) {
        session << "INSERT INTO departures (id, organisation_id, vehicle_id, kind, name, days, minute, at, energy_kwh, "
                   "soc, version, created_at, updated_at) VALUES (:id, :org, :vehicle, :kind, :name, :days, :minute, "
                   ":at, :energy, :soc, :version, :created, :updated)",
            soci::use(departure.id), soci::use(departure.organisation_id), soci::use(departure.vehicle_id),
            soci::use(kind), soci::use(departure.name), soci::use(days), soci::use(departure.minute), soci::use(at),
            soci::use(energy.value, energy.indicator), soci::use(soc.value, soc.indicator), soci::use(version),
            soci::use(created_at), soci::use(updated_at);
    });
}

WriteOutcome SqlFleetRepository::update_departure(const Departure &departure, std::int64_t expected) {
    WriteOutcome result;
    const std::string kind(to_string(departure.kind));
    const auto days = days_text(departure.days);
    const auto at = to_ms(departure.at);
    auto energy = sql::nullable<double>(departure.energy_kwh);
    auto soc = sql::nullable<double>(departure.soc);
    const long long from_version = expected;
    const auto updated_at = to_ms(departure.updated_at);
    database_.in_transaction([&](soci::session &session) {
        soci::statement update =
            (session.prepare << "UPDATE departures SET kind = :kind, name = :name, days = :days, minute = :minute, "
                                "at = :at, energy_kwh = :energy, soc = :soc, version = version + 1, "
                                "updated_at = :updated WHERE organisation_id = :org AND vehicle_id = :vehicle "
                                "AND id = :id AND version = :version",
             soci::use(kind), soci::use(departure.name), soci::use(days), soci::use(departure.minute), soci::use(at),
             soci::use(energy.value, energy.indicator), soci::use(soc.value, soc.indicator), soci::use(updated_at),
             soci::use(departure.organisation_id), soci::use(departure.vehicle_id), soci::use(departure.id),
             soci::use(from_version));
        update.execute(true);
        const auto rows = update.get_affected_rows();
        result = outcome_of(rows, expected + 1,
                            rows > 0 ? std::nullopt
                                     : version_in(session, "departures", departure.organisation_id, departure.id,
                                                  "vehicle_id", departure.vehicle_id));
    });
    return result;
}

WriteOutcome SqlFleetRepository::delete_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                                 const std::string &id, std::optional<std::int64_t> expected) {
    WriteOutcome result;
    database_.in_transaction([&](soci::session &session) {
        result = delete_row(session, "departures", organisation_id, id, expected, "vehicle_id", vehicle_id);
    });
    return result;
}

} // namespace manage::core
