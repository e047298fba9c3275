#pragma once
#include "manage/core/charger.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// The Store port for chargers. Embedded and production: SqlChargerRepository over SQLite/PostgreSQL.
class ChargerRepository {
public:
    virtual ~ChargerRepository() = default;
    virtual std::optional<Charger> find(const std::string &id) = 0;
    // Every organisation's chargers when `organisation_id` is empty.
    virtual std::vector<Charger> list(const std::string &organisation_id = {}) = 0;
    // Creates the charger in `organisation_id` with `registration`, or changes the registration of an
    // existing one (its organisation stays). Returns true when it created it.
    virtual bool save_registration(const std::string &id, Registration registration, TimePoint now,
                                   const std::string &organisation_id = "default") = 0;
    virtual void save_boot(const std::string &id, const std::string &ocpp_version, const BootInfo &boot,
                           TimePoint at) = 0;
    // Applies a status report: the charger's own status (0/0) or a connector's, and appends it to the
    // connector's status history.
    virtual void save_status(const std::string &id, const StatusReport &report, TimePoint at) = 0;
};

} // namespace manage::core
