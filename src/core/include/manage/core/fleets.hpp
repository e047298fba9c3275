#pragma once
// Fleets, vehicles and departure schedules of each organisation, through the FleetRepository port:
// validation, references kept within one organisation, RFID tokens each a single vehicle's,
// conditional writes (If-Match), and what the smart-charging planner asks: a vehicle's next
// departures and which vehicle a charging session's token belongs to.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/fleet.hpp"
#include "manage/core/fleet_repository.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// What a write did: the record as stored when `error.code` is empty; else `*_not_found` (the record
// asked for), `precondition_failed` (its version is not the If-Match one; `current_version` says
// which it is), or the validation or conflict error. A plain struct: GCC 12 at -O3 wrongly warns
// about optional<Result<...>>.
template <class T> struct Written {
    T record{};
    Error error;
    std::int64_t current_version = 0;
    bool ok() const { return error.code.empty(); }
};

// A PATCH: the changes applied to the stored record (or the error in the request).
template <class T> using Edit = std::function<Result<T>(T)>;

class Fleets {
public:
    Fleets(FleetRepository &repository, const Clock &clock) : repository_(repository), clock_(clock) {}

    std::vector<Fleet> list_fleets(const std::string &organisation_id);
    std::optional<Fleet> find_fleet(const std::string &organisation_id, const std::string &id);
    // Gives the fleet a new id in `organisation_id`.
    Written<Fleet> create_fleet(const std::string &organisation_id, Fleet fleet);
    Written<Fleet> update_fleet(const std::string &organisation_id, const std::string &id,
                                std::optional<std::int64_t> if_match, const Edit<Fleet> &edit);
    // Fails `fleet_in_use` while it has vehicles.
    Written<bool> remove_fleet(const std::string &organisation_id, const std::string &id,
                               std::optional<std::int64_t> if_match);

    std::vector<Vehicle> list_vehicles(const std::string &organisation_id,
                                       const std::optional<std::string> &fleet_id = std::nullopt);
    std::optional<Vehicle> find_vehicle(const std::string &organisation_id, const std::string &id);
    // Fails `unknown_fleet` (fleetId) for a fleet not in the organisation, `rfid_token_taken` for a
    // token another of its vehicles has.
    Written<Vehicle> create_vehicle(const std::string &organisation_id, Vehicle vehicle);
    // Also fails `invalid_battery` when a departure needs more energy than the new battery holds.
    Written<Vehicle> update_vehicle(const std::string &organisation_id, const std::string &id,
                                    std::optional<std::int64_t> if_match, const Edit<Vehicle> &edit);
    // Its departures go with it.
    Written<bool> remove_vehicle(const std::string &organisation_id, const std::string &id,
                                 std::optional<std::int64_t> if_match);
    // The vehicle that has the RFID token (exactly as given), to link a charging session to it.
    std::optional<Vehicle> vehicle_for_token(const std::string &organisation_id, const std::string &token);

    // Fail `vehicle_not_found` when the vehicle is not the organisation's.
    Written<std::vector<Departure>> list_departures(const std::string &organisation_id, const std::string &vehicle_id);
    Written<Departure> find_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                      const std::string &id);
    Written<Departure> create_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                        Departure departure);
    Written<Departure> update_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                        const std::string &id, std::optional<std::int64_t> if_match,
                                        const Edit<Departure> &edit);
    Written<bool> remove_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                   const std::string &id, std::optional<std::int64_t> if_match);

    // The service's clock: where a window of next departures starts by default.
    TimePoint now() const { return clock_.now(); }
    // The vehicle's departures in [from, to) with the energy each needs (see core::next_departures).
    Written<std::vector<UpcomingDeparture>>
    next_departures(const std::string &organisation_id, const std::string &vehicle_id, TimePoint from, TimePoint to);

private:
    Result<void> check_references(const Vehicle &vehicle);

    FleetRepository &repository_;
    const Clock &clock_;
};

} // namespace manage::core
