#pragma once
#include "manage/core/session_vehicles.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

class SqlVehicleAssignmentRepository final : public VehicleAssignmentRepository {
public:
    explicit SqlVehicleAssignmentRepository(infra::Database &database) : database_(database) {}

    std::vector<VehicleAssignment> list(const std::string &organisation_id, const AssignmentQuery &query) override;
    void insert(const VehicleAssignment &assignment) override;
    bool remove(const std::string &organisation_id, const std::string &id) override;
    std::vector<VehicleAssignment> overlapping(const std::string &organisation_id, const std::string &charger_id,
                                               int connector_id, TimePoint from, TimePoint to) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
