#pragma once
#include "manage/core/device_model_repository.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

// The DeviceModelRepository over the Store (SQLite or PostgreSQL): tables of migration 8.
class SqlDeviceModelRepository final : public DeviceModelRepository {
public:
    explicit SqlDeviceModelRepository(infra::Database &database) : database_(database) {}

    ReportPartOutcome add_report_part(const std::string &charger_id, const DeviceReportPart &part,
                                      TimePoint received_at) override;
    void forget_report(const std::string &charger_id, int request_id) override;
    std::size_t drop_report_parts(TimePoint cutoff) override;
    void save_attribute_values(const std::string &charger_id, const std::vector<AttributeValue> &values,
                               TimePoint at) override;
    std::vector<DeviceVariable> variables(const std::string &charger_id, const DeviceVariableFilter &filter) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
