#pragma once
// Which vehicle a charging session charged. A session is recognised when it starts: by its RFID
// token (a vehicle's own), else by the depot's plan of which vehicle charges where (a charger
// assignment covering the start), else not at all; an operator may link or unlink it by hand, and a
// link made by hand is never replaced automatically.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

class ChargerRepository;
class Fleets;
class SessionRepository;

// "Vehicle V charges at charger C (connector N, or any when 0) from S until E": a depot's parking
// plan, as the yard sets it for the night.
struct VehicleAssignment {
    std::string id; // a UUID the server makes
    std::string organisation_id;
    std::string vehicle_id;
    std::string charger_id;
    int connector_id = 0; // 0: any connector of the charger
    TimePoint starts_at{};
    TimePoint ends_at{}; // after starts_at, at most 31 days later
    TimePoint created_at{};
};

struct AssignmentQuery {
    std::string vehicle_id;              // empty: any
    std::string charger_id;              // empty: any
    std::optional<TimePoint> ends_after; // only those still running or to come after this
    int limit = 500;
};

// The Store port for assignments. Every call is scoped to one organisation.
class VehicleAssignmentRepository {
public:
    virtual ~VehicleAssignmentRepository() = default;
    // Ordered by start, then id.
    virtual std::vector<VehicleAssignment> list(const std::string &organisation_id, const AssignmentQuery &query) = 0;
    virtual void insert(const VehicleAssignment &assignment) = 0;
    // false when the organisation has no such assignment.
    virtual bool remove(const std::string &organisation_id, const std::string &id) = 0;
    // Those at the charger that overlap [from, to) on the connector (a 0 on either side matches any).
    virtual std::vector<VehicleAssignment> overlapping(const std::string &organisation_id,
                                                       const std::string &charger_id, int connector_id, TimePoint from,
                                                       TimePoint to) = 0;
};

// A session's vehicle as recognised or set.
struct SessionVehicle {
    std::string vehicle_id;
    VehicleLink link = VehicleLink::None;
};

class SessionVehicles {
public:
    SessionVehicles(VehicleAssignmentRepository &assignments, Fleets &fleets, SessionRepository &sessions,
                    ChargerRepository &chargers, const Clock &clock)
        : assignments_(assignments), fleets_(fleets), sessions_(sessions), chargers_(chargers), clock_(clock) {}

    // Fails `vehicle_not_found` (vehicleId), `charger_not_found` (chargerId), `invalid_period` (endsAt),
    // `invalid_connector` (connectorId), or 409 `assignment_overlaps` when the charger's connector
    // already has a vehicle then.
    Result<VehicleAssignment> assign(const std::string &organisation_id, VehicleAssignment assignment);
    std::vector<VehicleAssignment> assignments(const std::string &organisation_id, const AssignmentQuery &query);
    // Fails `assignment_not_found`.
    Result<void> unassign(const std::string &organisation_id, const std::string &id);

    // The vehicle a new session belongs to, or none: the token's vehicle, else the only assignment
    // covering the charger's connector when the session started (two would be ambiguous: none).
    std::optional<SessionVehicle> recognise(const std::string &organisation_id, const Session &session);
    // Recognises `session` and stores the link unless one was set by hand; updates `session`.
    void link_on_start(Session &session);
    // An operator's link (nullopt: unlink). Fails `session_not_found`, `vehicle_not_found` (vehicleId).
    Result<Session> link_by_hand(const std::string &organisation_id, std::int64_t transaction_id,
                                 const std::optional<std::string> &vehicle_id);

    TimePoint now() const { return clock_.now(); }

private:
    VehicleAssignmentRepository &assignments_;
    Fleets &fleets_;
    SessionRepository &sessions_;
    ChargerRepository &chargers_;
    const Clock &clock_;
};

} // namespace manage::core
