#include "core_link_adapter.hpp"

namespace manage::platform {
namespace {

connect::BootStatus to_boot_status(core::Registration registration) {
    switch (registration) {
    case core::Registration::Accepted:
        return connect::BootStatus::Accepted;
    case core::Registration::Pending:
        return connect::BootStatus::Pending;
    case core::Registration::Rejected:
        return connect::BootStatus::Rejected;
    }
    return connect::BootStatus::Rejected;
}

} // namespace

void InProcessCoreLink::connected(const std::string &charger_id, ocpp::Version version) {
    chargers_.on_connected(charger_id, std::string(ocpp::version_label(version)));
}

void InProcessCoreLink::disconnected(const std::string &charger_id) {
    chargers_.on_disconnected(charger_id);
}

connect::BootAnswer InProcessCoreLink::boot(const std::string &charger_id, ocpp::Version version,
                                            const connect::BootRequest &request) {
    const auto decision = chargers_.on_boot(
        charger_id, std::string(ocpp::version_label(version)),
        core::BootInfo{request.vendor, request.model, request.serial_number, request.firmware_version, request.reason});
    return connect::BootAnswer{to_boot_status(decision.status), static_cast<int>(decision.interval.count()),
                               decision.current_time};
}

bool InProcessCoreLink::accepts(const std::string &charger_id) {
    return chargers_.accepts_messages_from(charger_id);
}

TimePoint InProcessCoreLink::heartbeat(const std::string &charger_id) {
    return chargers_.on_heartbeat(charger_id);
}

void InProcessCoreLink::status(const std::string &charger_id, const connect::StatusUpdate &update) {
    chargers_.on_status(charger_id,
                        core::StatusReport{update.evse_id, update.connector_id, update.status, update.error_code,
                                           update.info, update.vendor_error_code, update.timestamp});
}

} // namespace manage::platform
