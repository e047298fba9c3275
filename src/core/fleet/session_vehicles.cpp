#include "manage/core/session_vehicles.hpp"

#include "manage/common/ids.hpp"
#include "manage/core/charger_repository.hpp"
#include "manage/core/fleets.hpp"
#include "manage/core/session_repository.hpp"

#include <chrono>

namespace manage::core {

namespace {

constexpr auto kLongestAssignment = std::chrono::hours(24 * 31);
constexpr int kMostConnectors = 1000;

Error vehicle_not_found(const std::string &id) {
    return Error{"vehicle_not_found", "no vehicle '" + id + "'", "vehicleId"};
}

Result<void> check_period(const VehicleAssignment &assignment) {
    if (assignment.ends_at <= assignment.starts_at)
        return outcome::failure(Error{"invalid_period", "endsAt must be after startsAt", "endsAt"});
    if (assignment.ends_at - assignment.starts_at > kLongestAssignment)
        return outcome::failure(Error{"invalid_period", "an assignment lasts at most 31 days", "endsAt"});
    if (assignment.connector_id < 0 || assignment.connector_id > kMostConnectors)
        return outcome::failure(Error{"invalid_connector", "connectorId is 0 (any) to 1000", "connectorId"});
    return outcome::success();
}

} // namespace

Result<VehicleAssignment> SessionVehicles::assign(const std::string &organisation_id, VehicleAssignment assignment) {
    BOOST_OUTCOME_TRY(check_period(assignment));
    if (!fleets_.find_vehicle(organisation_id, assignment.vehicle_id))
        return outcome::failure(vehicle_not_found(assignment.vehicle_id));
    const auto charger = chargers_.find(assignment.charger_id);
    if (!charger || charger->organisation_id != organisation_id)
        return outcome::failure(Error{"charger_not_found", "no charger '" + assignment.charger_id + "'", "chargerId"});
    const auto taken = assignments_.overlapping(organisation_id, assignment.charger_id, assignment.connector_id,
                                                assignment.starts_at, assignment.ends_at);
    if (!taken.empty())
        return outcome::failure(Error{"assignment_overlaps",
                                      "charger '" + assignment.charger_id + "' already has vehicle '" +
                                          taken.front().vehicle_id + "' then (assignment " + taken.front().id + ")",
                                      "startsAt"});
    assignment.id = new_uuid();
    assignment.organisation_id = organisation_id;
    assignment.created_at = clock_.now();
    assignments_.insert(assignment);
    return assignment;
}

std::vector<VehicleAssignment> SessionVehicles::assignments(const std::string &organisation_id,
                                                            const AssignmentQuery &query) {
    return assignments_.list(organisation_id, query);
}

Result<void> SessionVehicles::unassign(const std::string &organisation_id, const std::string &id) {
    if (!assignments_.remove(organisation_id, id))
        return outcome::failure(Error{"assignment_not_found", "no assignment '" + id + "'", "assignmentId"});
    return outcome::success();
}

std::optional<SessionVehicle> SessionVehicles::recognise(const std::string &organisation_id, const Session &session) {
    if (!session.id_tag.empty())
        if (const auto vehicle = fleets_.vehicle_for_token(organisation_id, session.id_tag))
            return SessionVehicle{vehicle->id, VehicleLink::Token};
    // The instant the session started: an assignment covers it when it starts at or before it.
    const auto planned =
        assignments_.overlapping(organisation_id, session.charger_id, session.connector_id, session.started_at,
                                 session.started_at + std::chrono::milliseconds(1));
    if (planned.size() == 1)
        return SessionVehicle{planned.front().vehicle_id, VehicleLink::Schedule};
    return std::nullopt;
}

void SessionVehicles::link_on_start(Session &session) {
    if (session.vehicle_link != VehicleLink::None || session.organisation_id.empty())
        return;
    const auto found = recognise(session.organisation_id, session);
    if (!found)
        return;
    if (sessions_.link_vehicle(session.transaction_id, found->vehicle_id, found->link, true)) {
        session.vehicle_id = found->vehicle_id;
        session.vehicle_link = found->link;
    }
}

Result<Session> SessionVehicles::link_by_hand(const std::string &organisation_id, std::int64_t transaction_id,
                                              const std::optional<std::string> &vehicle_id) {
    auto session = sessions_.find(transaction_id);
    if (!session || session->organisation_id != organisation_id)
        return outcome::failure(Error{
            "session_not_found", "no session with transaction id " + std::to_string(transaction_id), "transactionId"});
    if (vehicle_id && !fleets_.find_vehicle(organisation_id, *vehicle_id))
        return outcome::failure(vehicle_not_found(*vehicle_id));
    const auto link = vehicle_id ? VehicleLink::Manual : VehicleLink::None;
    sessions_.link_vehicle(transaction_id, vehicle_id.value_or(""), link, false);
    session->vehicle_id = vehicle_id.value_or("");
    session->vehicle_link = link;
    return *session;
}

} // namespace manage::core
