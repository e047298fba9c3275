#pragma once
#include "manage/core/fleet_repository.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

class SqlFleetRepository final : public FleetRepository {
public:
    explicit SqlFleetRepository(infra::Database &database) : database_(database) {}

    std::vector<Fleet> list_fleets(const std::string &organisation_id) override;
    std::optional<Fleet> find_fleet(const std::string &organisation_id, const std::string &id) override;
    void insert_fleet(const Fleet &fleet) override;
    WriteOutcome update_fleet(const Fleet &fleet, std::int64_t expected) override;
    WriteOutcome delete_fleet(const std::string &organisation_id, const std::string &id,
                             std::optional<std::int64_t> expected) override;

    std::vector<Vehicle> list_vehicles(const std::string &organisation_id,
                                       const std::optional<std::string> &fleet_id) override;
    std::optional<Vehicle> find_vehicle(const std::string &organisation_id, const std::string &id) override;
    std::optional<Vehicle> vehicle_with_token(const std::string &organisation_id, const std::string &token) override;
    void insert_vehicle(const Vehicle &vehicle) override;
    WriteOutcome update_vehicle(const Vehicle &vehicle, std::int64_t expected) override;
    WriteOutcome delete_vehicle(const std::string &organisation_id, const std::string &id,
                               std::optional<std::int64_t> expected) override;

    std::vector<Departure> list_departures(const std::string &organisation_id, const std::string &vehicle_id) override;
    std::optional<Departure> find_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                            const std::string &id) override;
    void insert_departure(const Departure &departure) override;
    WriteOutcome update_departure(const Departure &departure, std::int64_t expected) override;
    WriteOutcome delete_departure(const std::string &organisation_id, const std::string &vehicle_id,
                                 const std::string &id, std::optional<std::int64_t> expected) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
