#include "charger_messages.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace manage::bench {
namespace {

using Json = nlohmann::json;

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)), ms);
}

Json v16_meter_values() {
    return Json{
        {"connectorId", 1},
        {"meterValue",
         Json::array({Json{
             {"timestamp", utc_now()},
             {"sampledValue",
              Json::array({Json{{"value", "123456"}, {"measurand", "Energy.Active.Import.Register"}, {"unit", "Wh"}},
                           Json{{"value", "7400"}, {"measurand", "Power.Active.Import"}, {"unit", "W"}}})}}})}};
}

// An energy register and a power sample, as 2.0.1 meter values (numbers with a unit of measure).
Json v201_meter_value() {
    return Json::array({Json{{"timestamp", utc_now()},
                             {"sampledValue", Json::array({Json{{"value", 123456},
                                                                {"measurand", "Energy.Active.Import.Register"},
                                                                {"unitOfMeasure", Json{{"unit", "Wh"}}}},
                                                           Json{{"value", 7400},
                                                                {"measurand", "Power.Active.Import"},
                                                                {"unitOfMeasure", Json{{"unit", "W"}}}}})}}});
}

Json v201_transaction_event(ChargerTransaction &transaction) {
    const bool started = transaction.next_seq_no == 0;
    return Json{{"eventType", started ? "Started" : "Updated"},
                {"timestamp", utc_now()},
                {"triggerReason", started ? "CablePluggedIn" : "MeterValuePeriodic"},
                {"seqNo", transaction.next_seq_no++},
                {"transactionInfo", Json{{"transactionId", transaction.transaction_id}, {"chargingState", "Charging"}}},
                {"evse", Json{{"id", 1}, {"connectorId", 1}}},
                {"meterValue", v201_meter_value()}};
}

Json payload_for(const std::string &version, const std::string &message, ChargerTransaction &transaction) {
    if (message == "Heartbeat")
        return Json::object();
    if (version == kOcpp16)
        return v16_meter_values();
    if (message == "TransactionEvent")
        return v201_transaction_event(transaction);
    return Json{{"evseId", 1}, {"meterValue", v201_meter_value()}};
}

// SetVariables: every variable accepted, as the request named it.
Json set_variables_result(const Json &request) {
    auto results = Json::array();
    for (const auto &entry : request.value("setVariableData", Json::array()))
        results.push_back(Json{
            {"attributeStatus", "Accepted"}, {"component", entry.at("component")}, {"variable", entry.at("variable")}});
    return Json{{"setVariableResult", results}};
}

Json get_variables_result(const Json &request) {
    auto results = Json::array();
    for (const auto &entry : request.value("getVariableData", Json::array()))
        results.push_back(Json{{"attributeStatus", "UnknownVariable"},
                               {"component", entry.at("component")},
                               {"variable", entry.at("variable")}});
    return Json{{"getVariableResult", results}};
}

std::string not_implemented(const Json &id, const std::string &action) {
    return Json::array({4, id, "NotImplemented", "the load generator does not implement " + action, Json::object()})
        .dump();
}

} // namespace

std::string subprotocol(const std::string &version) {
    return "ocpp" + version;
}

std::string boot_frame(const std::string &version) {
    if (version == kOcpp201)
        return Json::array({2, "boot", "BootNotification",
                            Json{{"reason", "PowerUp"},
                                 {"chargingStation", Json{{"model", "LoadGenerator"}, {"vendorName", "Manage"}}}}})
            .dump();
    return Json::array({2, "boot", "BootNotification",
                        Json{{"chargePointVendor", "Manage"}, {"chargePointModel", "LoadGenerator"}}})
        .dump();
}

std::string call_frame(const std::string &version, const std::string &id, const std::string &message,
                       ChargerTransaction &transaction) {
    return Json::array({2, id, message, payload_for(version, message, transaction)}).dump();
}

std::string answer_server_call(const std::string &version, const Json &frame) {
    const auto &id = frame.at(1);
    const auto action = frame.at(2).get<std::string>();
    const auto &request = frame.size() > 3 ? frame.at(3) : Json::object();
    if (action == "TriggerMessage")
        return Json::array({3, id, Json{{"status", "Rejected"}}}).dump();
    if (version == kOcpp16) {
        if (action == "ChangeConfiguration")
            return Json::array({3, id, Json{{"status", "Accepted"}}}).dump();
        if (action == "GetConfiguration")
            return Json::array({3, id, Json{{"configurationKey", Json::array()}}}).dump();
        return not_implemented(id, action);
    }
    if (action == "SetVariables")
        return Json::array({3, id, set_variables_result(request)}).dump();
    if (action == "GetVariables")
        return Json::array({3, id, get_variables_result(request)}).dump();
    if (action == "GetBaseReport" || action == "GetReport")
        return Json::array({3, id, Json{{"status", "NotSupported"}}}).dump();
    return not_implemented(id, action);
}

} // namespace manage::bench
