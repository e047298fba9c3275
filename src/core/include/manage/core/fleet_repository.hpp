#pragma once
#include "manage/core/conditional_write.hpp"
#include "manage/core/fleet.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// The Store port for fleets, vehicles (with their RFID tokens) and departures. Every call is scoped
// to one organisation: another organisation's record is missing. Lists are ordered by name, then id.
// Updates apply only to the version given (`expected`) and make it one more; deletes check the version
// when one is given. Embedded and production: SqlFleetRepository.
class FleetRepository {
public:
    virtual ~FleetRepository() = default;

    virtual std::vector<Fleet> list_fleets(const std::string &organisation_id) = 0;
    virtual std::optional<Fleet> find_fleet(const std::string &organisation_id, const std::string &id) = 0;
    virtual void insert_fleet(const Fleet &fleet) = 0;
    virtual WriteOutcome update_fleet(const Fleet &fleet, std::int64_t expected) = 0;
    // InUse while a vehicle belongs to it.
    virtual WriteOutcome delete_fleet(const std::string &organisation_id, const std::string &id,
                                     std::optional<std::int64_t> expected) = 0;

    // All the organisation's vehicles, or a fleet's.
    virtual std::vector<Vehicle> list_vehicles(const std::string &organisation_id,
                                               const std::optional<std::string> &fleet_id) = 0;
    virtual std::optional<Vehicle> find_vehicle(const std::string &organisation_id, const std::string &id) = 0;
    virtual std::optional<Vehicle> vehicle_with_token(const std::string &organisation_id, const std::string &token) = 0;
    // Throws when a token is another vehicle's (callers check first; a race loses here).
    virtual void insert_vehicle(const Vehicle &vehicle) = 0;
    virtual WriteOutcome update_vehicle(const Vehicle &vehicle, std::int64_t expected) = 0;
    // Deletes its departures and tokens with it.
    virtual WriteOutcome delete_vehicle(const std::string &organisation_id, const std::string &id,
                                       std::optional<std::int64_t> expected) = 0;

    virtual std::vector<Departure> list_departures(const std::string &organisation_id,
                                                   const std::string &vehicle_id) = 0;
    virtual std::optional<Departure> find_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                                    const std::string &id) = 0;
    virtual void insert_departure(const Departure &departure) = 0;
    virtual WriteOutcome update_departure(const Departure &departure, std::int64_t expected) = 0;
    virtual WriteOutcome delete_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                         const std::string &id, std::optional<std::int64_t> expected) = 0;
};

} // namespace manage::core
