#include "store/station_report_content.hpp"

#include "store/sql_support.hpp"

#include <nlohmann/json.hpp>

namespace manage::core::sql {
namespace {

using Json = nlohmann::json;

template <class T> Json optional_json(const std::optional<T> &value) {
    return value ? Json(*value) : Json(nullptr);
}

template <class T> std::optional<T> optional_from(const Json &object, const char *name) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    return it->get<T>();
}

Json optional_ms(const std::optional<TimePoint> &t) {
    return t ? Json(to_ms(*t)) : Json(nullptr);
}

Json component_to_json(const DeviceComponent &c) {
    return {{"name", c.name},
            {"instance", c.instance},
            {"evseId", optional_json(c.evse_id)},
            {"connectorId", optional_json(c.connector_id)}};
}

DeviceComponent component_from_json(const Json &json) {
    return {json.at("name").get<std::string>(), json.at("instance").get<std::string>(),
            optional_from<int>(json, "evseId"), optional_from<int>(json, "connectorId")};
}

} // namespace

std::string monitors_to_text(const std::vector<VariableMonitor> &monitors) {
    auto json = Json::array();
    for (const auto &m : monitors)
        json.push_back({{"id", m.id},
                        {"component", component_to_json(m.component)},
                        {"variable", {{"name", m.variable.name}, {"instance", m.variable.instance}}},
                        {"transaction", m.transaction},
                        {"value", m.value},
                        {"type", m.type},
                        {"severity", m.severity}});
    return json.dump();
}

std::vector<VariableMonitor> monitors_from_text(const std::string &text) {
    std::vector<VariableMonitor> monitors;
    for (const auto &json : Json::parse(text)) {
        VariableMonitor m;
        m.id = json.at("id").get<int>();
        m.component = component_from_json(json.at("component"));
        m.variable = {json.at("variable").at("name").get<std::string>(),
                      json.at("variable").at("instance").get<std::string>()};
        m.transaction = json.at("transaction").get<bool>();
        m.value = json.at("value").get<double>();
        m.type = json.at("type").get<std::string>();
        m.severity = json.at("severity").get<int>();
        monitors.push_back(std::move(m));
    }
    return monitors;
}

std::string messages_to_text(const std::vector<DisplayMessage> &messages) {
    auto json = Json::array();
    for (const auto &m : messages)
        json.push_back({{"id", m.id},
                        {"priority", m.priority},
                        {"state", m.state},
                        {"startDateTime", optional_ms(m.start_date_time)},
                        {"endDateTime", optional_ms(m.end_date_time)},
                        {"transactionId", m.transaction_id},
                        {"format", m.format},
                        {"language", m.language},
                        {"content", m.content},
                        {"display", m.display ? component_to_json(*m.display) : Json(nullptr)}});
    return json.dump();
}

std::vector<DisplayMessage> messages_from_text(const std::string &text) {
    std::vector<DisplayMessage> messages;
    for (const auto &json : Json::parse(text)) {
        DisplayMessage m;
        m.id = json.at("id").get<int>();
        m.priority = json.at("priority").get<std::string>();
        m.state = json.at("state").get<std::string>();
        if (const auto start = optional_from<long long>(json, "startDateTime"))
            m.start_date_time = from_ms(*start);
        if (const auto end = optional_from<long long>(json, "endDateTime"))
            m.end_date_time = from_ms(*end);
        m.transaction_id = json.at("transactionId").get<std::string>();
        m.format = json.at("format").get<std::string>();
        m.language = json.at("language").get<std::string>();
        m.content = json.at("content").get<std::string>();
        if (const auto &display = json.at("display"); !display.is_null())
            m.display = component_from_json(display);
        messages.push_back(std::move(m));
    }
    return messages;
}

} // namespace manage::core::sql
