#pragma once
// What connect needs of core: the "core connection" of the seed's Connect Protocol Processing.
// In one process it calls core's services directly; across machines it goes over the Bus.
// Calls may block on the Store: the handlers make them from a worker pool.
#include "manage/common/clock.hpp"
#include "manage/ocpp/version.hpp"

#include <optional>
#include <string>

namespace manage::connect {

struct BootRequest {
    std::string vendor;
    std::string model;
    std::string serial_number;
    std::string firmware_version;
    std::string reason; // 2.0.1 only
};

enum class BootStatus { Accepted, Pending, Rejected };

struct BootAnswer {
    BootStatus status;
    int interval_s;
    TimePoint current_time;
};

struct StatusUpdate {
    int evse_id = 0;
    int connector_id = 0;
    std::string status;
    std::string error_code;
    std::string info;
    std::string vendor_error_code;
    std::optional<TimePoint> timestamp;
};

class CoreLink {
public:
    virtual ~CoreLink() = default;
    virtual void connected(const std::string &charger_id, ocpp::Version version) = 0;
    virtual void disconnected(const std::string &charger_id) = 0;
    virtual BootAnswer boot(const std::string &charger_id, ocpp::Version version, const BootRequest &request) = 0;
    // False for a charger that is not (or no longer) accepted.
    virtual bool accepts(const std::string &charger_id) = 0;
    virtual TimePoint heartbeat(const std::string &charger_id) = 0;
    virtual void status(const std::string &charger_id, const StatusUpdate &update) = 0;
};

} // namespace manage::connect
