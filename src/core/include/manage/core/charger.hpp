#pragma once
// The charger as core knows it: identity from its BootNotification, registration, connectors.
#include "manage/common/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// Whether a charger may use the platform; OCPP's RegistrationStatus.
enum class Registration { Accepted, Pending, Rejected };
std::string to_string(Registration registration);
std::optional<Registration> registration_from_string(const std::string &text);

// What a charger says of itself when it boots.
struct BootInfo {
    std::string vendor;
    std::string model;
    std::string serial_number;
    std::string firmware_version;
    std::string reason; // 2.0.1 BootReason; empty for 1.6
};

// One connector. OCPP 1.6 connector N is EVSE N with connector N (1.6 has one connector per EVSE);
// OCPP 2.0.1 reports both ids.
struct Connector {
    int evse_id = 0;
    int connector_id = 0;
    std::string status;     // Available, Charging, Faulted, … as the charger spells it
    std::string error_code; // 1.6 ChargePointErrorCode; "NoError" when fine; empty for 2.0.1
    std::string info;
    std::string vendor_error_code;
    TimePoint status_changed_at{};
    // Set by an admin (PUT …/connectors/{evseId}/{connectorId}); nullopt until then.
    std::optional<std::string> type; // Type1, Type2, CCS1, CCS2, CHAdeMO, GBT, Other
    std::optional<double> max_power_kw;
};

struct Charger {
    std::string id;
    std::string organisation_id;
    Registration registration = Registration::Accepted;
    std::string ocpp_version; // "1.6", "2.0.1"; empty until it first connects
    BootInfo boot;
    std::optional<TimePoint> last_boot_at;
    std::string status; // the whole charger's own status (1.6 connector 0); empty when not reported
    std::vector<Connector> connectors;
    TimePoint created_at{};
    // Where it sits and its power, as an admin set them (PATCH /api/v1/chargers/{id}); nullopt: unset.
    std::optional<std::string> site_id;
    std::optional<std::string> load_group_id;
    std::optional<double> max_power_kw;
    std::optional<int> phases;
    std::optional<std::string> name;
    std::int64_t version = 1; // grows with each of those changes (ETag)
};

// Live state of a charger's connection, kept in the Cache.
struct ChargerPresence {
    bool connected = false;
    std::optional<TimePoint> last_seen;
    std::string ocpp_version;
};

// A status report from a charger, before core has applied it.
struct StatusReport {
    int evse_id = 0; // 0 with connector_id 0: the charger itself
    int connector_id = 0;
    std::string status;
    std::string error_code;
    std::string info;
    std::string vendor_error_code;
    std::optional<TimePoint> timestamp; // the charger's; core's clock when absent
};

// True when `id` is acceptable as a charge point id: 1–48 printable ASCII characters, no '/'.
bool is_valid_charger_id(const std::string &id);

} // namespace manage::core
