#include "api/charger_json.hpp"

#include "manage/common/time_format.hpp"

namespace manage::core {
namespace {

nlohmann::json optional_time(const std::optional<TimePoint> &t) {
    return t ? nlohmann::json(format_time(*t)) : nlohmann::json(nullptr);
}

template <class T> nlohmann::json optional_json(const std::optional<T> &value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json connector_to_json(const Connector &c) {
    return {{"evseId", c.evse_id},
            {"connectorId", c.connector_id},
            {"status", c.status},
            {"errorCode", c.error_code},
            {"info", c.info},
            {"vendorErrorCode", c.vendor_error_code},
            {"statusChangedAt", format_time(c.status_changed_at)},
            {"type", optional_json(c.type)},
            {"maxPowerKw", optional_json(c.max_power_kw)}};
}

} // namespace

nlohmann::json charger_to_json(const ChargerView &view) {
    const auto &c = view.charger;
    auto connectors = nlohmann::json::array();
    for (const auto &connector : c.connectors)
        connectors.push_back(connector_to_json(connector));
    return {{"id", c.id},
            {"registrationStatus", to_string(c.registration)},
            {"vendor", c.boot.vendor},
            {"model", c.boot.model},
            {"serialNumber", c.boot.serial_number},
            {"firmwareVersion", c.boot.firmware_version},
            {"ocppVersion", c.ocpp_version},
            {"connected", view.presence.connected},
            {"lastSeen", optional_time(view.presence.last_seen)},
            {"lastBootAt", optional_time(c.last_boot_at)},
            {"status", c.status},
            {"connectors", connectors},
            {"createdAt", format_time(c.created_at)},
            {"name", optional_json(c.name)},
            {"siteId", optional_json(c.site_id)},
            {"loadGroupId", optional_json(c.load_group_id)},
            {"maxPowerKw", optional_json(c.max_power_kw)},
            {"phases", optional_json(c.phases)},
            {"version", c.version}};
}

} // namespace manage::core
