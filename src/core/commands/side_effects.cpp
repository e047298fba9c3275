// What a successful OCPP 1.6 command leaves behind in the Store.
#include "manage/common/time_format.hpp"
#include "manage/core/command_service.hpp"

namespace manage::core {
namespace {

using Json = nlohmann::json;

std::string status_of(const Json &response) {
    return response.is_object() ? response.value("status", "") : "";
}

template <class T> std::optional<T> optional_field(const Json &object, const char *name) {
    if (!object.is_object() || !object.contains(name) || object[name].is_null())
        return std::nullopt;
    return object[name].get<T>();
}

// GetConfiguration.conf: configurationKey [{key, readonly, value?}], unknownKey [key].
ChargerConfiguration configuration_of(const Json &response) {
    ChargerConfiguration configuration;
    if (response.contains("configurationKey"))
        for (const auto &entry : response["configurationKey"])
            configuration.keys.push_back(
                {entry.value("key", ""), optional_field<std::string>(entry, "value"), entry.value("readonly", false)});
    if (response.contains("unknownKey"))
        for (const auto &key : response["unknownKey"])
            configuration.unknown_keys.push_back(key.get<std::string>());
    return configuration;
}

} // namespace

void CommandService::apply_side_effects(const std::string &charger_id, const std::string &action, const Json &request,
                                        const Json &response) {
    const auto now = clock_.now();
    const auto status = status_of(response);
    if (action == "GetConfiguration") {
        // Asked without keys, the charger lists its whole configuration: that replaces what is stored.
        const bool complete = !request.contains("key") || request["key"].empty();
        repository_.save_configuration(charger_id, configuration_of(response), complete, now);
    } else if (action == "ChangeConfiguration") {
        if (status == "Accepted" || status == "RebootRequired")
            repository_.save_configuration_value(charger_id, request.at("key").get<std::string>(),
                                                 request.at("value").get<std::string>(), now);
    } else if (action == "SetChargingProfile") {
        if (status == "Accepted") {
            const auto &profile = request.at("csChargingProfiles");
            repository_.save_charging_profile(
                {charger_id, request.at("connectorId").get<int>(), profile.at("chargingProfileId").get<int>(),
                 profile.at("stackLevel").get<int>(), profile.at("chargingProfilePurpose").get<std::string>(),
                 profile.dump(), now});
        }
    } else if (action == "ClearChargingProfile") {
        if (status == "Accepted")
            repository_.clear_charging_profiles(
                charger_id,
                ProfileFilter{optional_field<int>(request, "id"), optional_field<int>(request, "connectorId"),
                              optional_field<std::string>(request, "chargingProfilePurpose"),
                              optional_field<int>(request, "stackLevel")});
    } else if (action == "ReserveNow") {
        if (status == "Accepted") {
            Reservation reservation;
            reservation.charger_id = charger_id;
            reservation.reservation_id = request.at("reservationId").get<int>();
            reservation.connector_id = request.at("connectorId").get<int>();
            reservation.id_tag = request.at("idTag").get<std::string>();
            reservation.parent_id_tag = request.value("parentIdTag", "");
            reservation.expiry = parse_time(request.at("expiryDate").get<std::string>()).value_or(now);
            reservation.status = "active";
            reservation.created_at = now;
            reservation.updated_at = now;
            repository_.save_reservation(reservation);
        }
    } else if (action == "CancelReservation") {
        if (status == "Accepted")
            repository_.set_reservation_status(charger_id, request.at("reservationId").get<int>(), "cancelled", now);
    }
    // UpdateFirmware, GetDiagnostics, GetLog and SignedUpdateFirmware: the audit is the record of the
    // request; the charger's status notifications that follow are kept by ChargerReports.
}

} // namespace manage::core
