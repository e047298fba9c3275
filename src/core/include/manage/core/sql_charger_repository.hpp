#pragma once
#include "manage/core/charger_repository.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

class SqlChargerRepository final : public ChargerRepository {
public:
    explicit SqlChargerRepository(infra::Database &database) : database_(database) {}
    std::optional<Charger> find(const std::string &id) override;
    std::vector<Charger> list(const std::string &organisation_id = {}) override;
    bool save_registration(const std::string &id, Registration registration, TimePoint now,
                           const std::string &organisation_id = "default") override;
    void save_boot(const std::string &id, const std::string &ocpp_version, const BootInfo &boot, TimePoint at) override;
    void save_status(const std::string &id, const StatusReport &report, TimePoint at) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
