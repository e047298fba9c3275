// What a successful OCPP 2.0.1 command leaves behind in the Store: attribute values in the device
// model (B05 SetVariables, B06 GetVariables), and the charging profiles and reservations that the
// 1.6 commands keep too, in the same tables, so that the API shows both versions alike.
#include "manage/common/logging.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/command_service.hpp"
#include "manage/core/device_model.hpp"
#include "manage/core/station_reports.hpp"

#include <algorithm>

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

// ComponentType {name, instance?, evse?: {id, connectorId?}}.
DeviceComponent component_of(const Json &json) {
    DeviceComponent component{json.at("name").get<std::string>(), json.value("instance", ""), std::nullopt,
                              std::nullopt};
    if (const auto evse = json.find("evse"); evse != json.end()) {
        component.evse_id = evse->at("id").get<int>();
        component.connector_id = optional_field<int>(*evse, "connectorId");
    }
    return component;
}

// VariableType {name, instance?}.
DeviceVariableName variable_of(const Json &json) {
    return {json.at("name").get<std::string>(), json.value("instance", "")};
}

// The identity of one attribute of one component's variable: what a result is matched on.
std::string attribute_identity(const Json &entry) {
    return component_key(component_of(entry.at("component"))) + variable_key(variable_of(entry.at("variable"))) +
           entry.value("attributeType", "Actual");
}

// GetVariables: every result Accepted carries the attribute's value (B06.FR.01).
std::vector<AttributeValue> values_read(const Json &response) {
    std::vector<AttributeValue> values;
    for (const auto &result : response.value("getVariableResult", Json::array()))
        if (result.value("attributeStatus", "") == "Accepted" && result.contains("attributeValue"))
            values.push_back({component_of(result.at("component")), variable_of(result.at("variable")),
                              result.value("attributeType", "Actual"), result.at("attributeValue").get<std::string>()});
    return values;
}

// SetVariables: a result Accepted or RebootRequired (the value applies after the reboot) means the
// value of the request's entry for that component, variable and attribute type is the station's.
std::vector<AttributeValue> values_set(const std::string &charger_id, const Json &request, const Json &response) {
    std::vector<AttributeValue> values;
    const auto &data = request.value("setVariableData", Json::array());
    for (const auto &result : response.value("setVariableResult", Json::array())) {
        const auto status = result.value("attributeStatus", "");
        if (status != "Accepted" && status != "RebootRequired")
            continue;
        const auto identity = attribute_identity(result);
        const auto entry = std::find_if(
            data.begin(), data.end(), [&](const Json &candidate) { return attribute_identity(candidate) == identity; });
        if (entry == data.end()) {
            logger("core")->warn("[charger={}] SetVariables: a result for {}.{} matches no entry of the request",
                                 charger_id, result.at("component").value("name", ""),
                                 result.at("variable").value("name", ""));
            continue;
        }
        values.push_back({component_of(result.at("component")), variable_of(result.at("variable")),
                          result.value("attributeType", "Actual"), entry->at("attributeValue").get<std::string>()});
    }
    return values;
}

// The station report a command asks for, if it asks for one that StationReports assembles.
std::optional<StationReportKind> station_report_asked(const std::string &action) {
    if (action == "GetMonitoringReport")
        return StationReportKind::MonitoringReport;
    if (action == "CustomerInformation")
        return StationReportKind::CustomerInformation;
    if (action == "GetDisplayMessages")
        return StationReportKind::DisplayMessages;
    return std::nullopt;
}

} // namespace

void CommandService::before_sending_v201(const std::string &charger_id, const std::string &action,
                                         const Json &request) {
    const bool device_report = action == "GetBaseReport" || action == "GetReport";
    const auto station_report = station_report_asked(action);
    if (!(device_report && device_model_) && !(station_report && station_reports_))
        return;
    try {
        const auto request_id = request.at("requestId").get<int>();
        if (device_report)
            device_model_->start_report(charger_id, request_id);
        else
            station_reports_->start_request(charger_id, *station_report, request_id);
    } catch (const std::exception &e) {
        logger("core")->error("[charger={}] {}: forgetting an earlier report with its requestId failed: {}", charger_id,
                              action, e.what());
    }
}

void CommandService::apply_side_effects_v201(const std::string &charger_id, const std::string &action,
                                             const Json &request, const Json &response) {
    const auto now = clock_.now();
    const auto status = status_of(response);
    if (action == "GetVariables") {
        if (device_model_)
            device_model_->record_values(charger_id, values_read(response));
    } else if (action == "SetVariables") {
        if (device_model_)
            device_model_->record_values(charger_id, values_set(charger_id, request, response));
    } else if (action == "SetChargingProfile") {
        // {evseId, chargingProfile: {id, stackLevel, chargingProfilePurpose, …}}; evseId 0 is the station.
        if (status == "Accepted") {
            const auto &profile = request.at("chargingProfile");
            repository_.save_charging_profile({charger_id, request.at("evseId").get<int>(), profile.at("id").get<int>(),
                                               profile.at("stackLevel").get<int>(),
                                               profile.at("chargingProfilePurpose").get<std::string>(), profile.dump(),
                                               now});
        }
    } else if (action == "ClearChargingProfile") {
        // {chargingProfileId?, chargingProfileCriteria?: {evseId?, chargingProfilePurpose?, stackLevel?}}.
        if (status == "Accepted") {
            const auto criteria = request.value("chargingProfileCriteria", Json::object());
            repository_.clear_charging_profiles(
                charger_id, ProfileFilter{optional_field<int>(request, "chargingProfileId"),
                                          optional_field<int>(criteria, "evseId"),
                                          optional_field<std::string>(criteria, "chargingProfilePurpose"),
                                          optional_field<int>(criteria, "stackLevel")});
        }
    } else if (action == "ReserveNow") {
        // {id, expiryDateTime, idToken: {idToken, type}, evseId?, groupIdToken?, connectorType?}; a
        // reservation without evseId is for any EVSE, kept as EVSE 0.
        if (status == "Accepted") {
            Reservation reservation;
            reservation.charger_id = charger_id;
            reservation.reservation_id = request.at("id").get<int>();
            reservation.connector_id = optional_field<int>(request, "evseId").value_or(0);
            reservation.id_tag = request.at("idToken").at("idToken").get<std::string>();
            if (const auto group = request.find("groupIdToken"); group != request.end())
                reservation.parent_id_tag = group->at("idToken").get<std::string>();
            reservation.expiry = parse_time(request.at("expiryDateTime").get<std::string>()).value_or(now);
            reservation.status = "active";
            reservation.created_at = now;
            reservation.updated_at = now;
            repository_.save_reservation(reservation);
        }
    } else if (action == "CancelReservation") {
        if (status == "Accepted")
            repository_.set_reservation_status(charger_id, request.at("reservationId").get<int>(), "cancelled", now);
    }
    // GetBaseReport and GetReport: the report itself comes in NotifyReport (the DeviceModel).
}

} // namespace manage::core
