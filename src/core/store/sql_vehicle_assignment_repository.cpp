#include "manage/core/sql_vehicle_assignment_repository.hpp"

#include "store/sql_support.hpp"

namespace manage::core {
namespace {

using sql::from_ms;
using sql::to_ms;

constexpr const char *kColumns =
    "id, organisation_id, vehicle_id, charger_id, connector_id, starts_at, ends_at, created_at";

VehicleAssignment assignment_from_row(const soci::row &row) {
    VehicleAssignment a;
    a.id = row.get<std::string>(0);
    a.organisation_id = row.get<std::string>(1);
    a.vehicle_id = row.get<std::string>(2);
    a.charger_id = row.get<std::string>(3);
    a.connector_id = row.get<int>(4);
    a.starts_at = from_ms(row.get<long long>(5));
    a.ends_at = from_ms(row.get<long long>(6));
    a.created_at = from_ms(row.get<long long>(7));
    return a;
}

} // namespace

std::vector<VehicleAssignment> SqlVehicleAssignmentRepository::list(const std::string &organisation_id,
                                                                    const AssignmentQuery &query) {
    const int any_vehicle = query.vehicle_id.empty() ? 1 : 0;
    const int any_charger = query.charger_id.empty() ? 1 : 0;
    const int any_end = query.ends_after ? 0 : 1;
    const long long ends_after = query.ends_after ? to_ms(*query.ends_after) : 0;
    std::vector<VehicleAssignment> found;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kColumns
                             << " FROM vehicle_assignments WHERE organisation_id = :org AND (:any_vehicle = 1 OR "
                                "vehicle_id = :vehicle) AND (:any_charger = 1 OR charger_id = :charger) AND (:any_end "
                                "= 1 OR ends_at > :ends_after) ORDER BY starts_at, id LIMIT :limit",
             soci::use(organisation_id), soci::use(any_vehicle), soci::use(query.vehicle_id), soci::use(any_charger),
             soci::use(query.charger_id), soci::use(any_end), soci::use(ends_after), soci::use(query.limit));
        for (const auto &row : rows)
            found.push_back(assignment_from_row(row));
    });
    return found;
}

void SqlVehicleAssignmentRepository::insert(const VehicleAssignment &a) {
    const long long starts = to_ms(a.starts_at);
    const long long ends = to_ms(a.ends_at);
    const long long created = to_ms(a.created_at);
    database_.with_session([&](soci::session &session) {
        session << "INSERT INTO vehicle_assignments (" << kColumns
                << ") VALUES (:id, :org, :vehicle, :charger, :connector, :starts, :ends, :created)",
            soci::use(a.id), soci::use(a.organisation_id), soci::use(a.vehicle_id), soci::use(a.charger_id),
            soci::use(a.connector_id), soci::use(starts), soci::use(ends), soci::use(created);
    });
}

bool SqlVehicleAssignmentRepository::remove(const std::string &organisation_id, const std::string &id) {
    int affected = 0;
    database_.with_session([&](soci::session &session) {
        soci::statement remove = (session.prepare << "DELETE FROM vehicle_assignments WHERE organisation_id = :org "
                                                     "AND id = :id",
                                  soci::use(organisation_id), soci::use(id));
        remove.execute(true);
        affected = static_cast<int>(remove.get_affected_rows());
    });
    return affected > 0;
}

std::vector<VehicleAssignment> SqlVehicleAssignmentRepository::overlapping(const std::string &organisation_id,
                                                                           const std::string &charger_id,
                                                                           int connector_id, TimePoint from,
                                                                           TimePoint to) {
    const long long from_ms_value = to_ms(from);
    const long long to_ms_value = to_ms(to);
    std::vector<VehicleAssignment> found;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kColumns
                             << " FROM vehicle_assignments WHERE organisation_id = :org AND charger_id = :charger "
                                "AND (connector_id = 0 OR :connector = 0 OR connector_id = :connector2) AND "
                                "starts_at < :to AND ends_at > :from ORDER BY starts_at, id",
             soci::use(organisation_id), soci::use(charger_id), soci::use(connector_id), soci::use(connector_id),
             soci::use(to_ms_value), soci::use(from_ms_value));
        for (const auto &row : rows)
            found.push_back(assignment_from_row(row));
    });
    return found;
}

} // namespace manage::core
