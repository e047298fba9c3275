#include "live/live_json.hpp"

#include "manage/common/time_format.hpp"

namespace manage::core {
namespace {

using Json = nlohmann::json;

std::string escape(const std::string &text) {
    std::string out;
    for (const char c : text) {
        if (c == '%')
            out += "%25";
        else if (c == ':')
            out += "%3A";
        else
            out += c;
    }
    return out;
}

template <class... F> struct Visitor : F... { using F::operator()...; };
template <class... F> Visitor(F...) -> Visitor<F...>;

std::optional<TimePoint> time_of(const Json &value) {
    return value.is_string() ? parse_time(value.get<std::string>()) : std::nullopt;
}

std::optional<LiveChange> parse(const std::string &kind, const Json &data) {
    if (kind == "charger") {
        const auto seen = time_of(data.at("lastSeen"));
        if (!seen)
            return std::nullopt;
        return LiveCharger{data.at("id").get<std::string>(), data.at("online").get<bool>(),
                           data.at("status").is_null() ? "" : data.at("status").get<std::string>(), *seen};
    }
    if (kind == "connector") {
        const auto updated = time_of(data.at("updatedAt"));
        if (!updated)
            return std::nullopt;
        return LiveConnector{data.at("chargerId").get<std::string>(),
                             data.at("evseId").get<int>(),
                             data.at("connectorId").get<int>(),
                             data.at("status").is_null() ? "" : data.at("status").get<std::string>(),
                             data.at("powerW").get<double>(),
                             *updated};
    }
    if (kind == "loadGroup") {
        const auto &limit = data.at("limitKwNow");
        return LiveLoadGroup{data.at("id").get<std::string>(), data.at("siteId").get<std::string>(),
                             data.at("powerKw").get<double>(),
                             limit.is_null() ? std::nullopt : std::optional<double>(limit.get<double>())};
    }
    if (kind == "site")
        return LiveSite{data.at("id").get<std::string>(), data.at("powerKw").get<double>(),
                        data.at("limitKwNow").get<double>()};
    return std::nullopt;
}

Json text_or_null(const std::string &text) {
    return text.empty() ? Json(nullptr) : Json(text);
}

} // namespace

const char *live_kind(const LiveChange &change) {
    return std::visit(
        Visitor{[](const LiveCharger &) { return "charger"; }, [](const LiveConnector &) { return "connector"; },
                [](const LiveLoadGroup &) { return "loadGroup"; }, [](const LiveSite &) { return "site"; }},
        change);
}

Json live_json(const LiveChange &change) {
    return std::visit(Visitor{[](const LiveCharger &c) {
                                  return Json{{"id", c.id},
                                              {"online", c.online},
                                              {"status", text_or_null(c.status)},
                                              {"lastSeen", format_time(c.last_seen)}};
                              },
                              [](const LiveConnector &c) {
                                  return Json{
                                      {"chargerId", c.charger_id},     {"evseId", c.evse_id},
                                      {"connectorId", c.connector_id}, {"status", text_or_null(c.status)},
                                      {"powerW", c.power_w},           {"updatedAt", format_time(c.updated_at)}};
                              },
                              [](const LiveLoadGroup &g) {
                                  return Json{{"id", g.id},
                                              {"siteId", g.site_id},
                                              {"powerKw", g.power_kw},
                                              {"limitKwNow", g.limit_kw_now ? Json(*g.limit_kw_now) : Json(nullptr)}};
                              },
                              [](const LiveSite &s) {
                                  return Json{{"id", s.id}, {"powerKw", s.power_kw}, {"limitKwNow", s.limit_kw_now}};
                              }},
                      change);
}

std::optional<LiveChange> live_change_from_json(const std::string &kind, const Json &data) {
    try {
        return parse(kind, data);
    } catch (const Json::exception &) {
        return std::nullopt;
    }
}

std::string live_prefix(const std::string &organisation) {
    return "live:" + escape(organisation) + ":";
}

std::string live_key(const std::string &organisation, const LiveChange &change) {
    const auto prefix = live_prefix(organisation) + live_kind(change) + ":";
    return std::visit(Visitor{[&](const LiveCharger &c) { return prefix + escape(c.id); },
                              [&](const LiveConnector &c) {
                                  return prefix + escape(c.charger_id) + ":" + std::to_string(c.evse_id) + ":" +
                                         std::to_string(c.connector_id);
                              },
                              [&](const LiveLoadGroup &g) { return prefix + escape(g.id); },
                              [&](const LiveSite &s) { return prefix + escape(s.id); }},
                      change);
}

std::string live_sequence_key(const std::string &organisation) {
    return live_prefix(organisation) + "seq";
}

std::string live_kind_of_key(const std::string &prefix, const std::string &key) {
    if (!key.starts_with(prefix))
        return {};
    const auto rest = key.substr(prefix.size());
    const auto colon = rest.find(':');
    return colon == std::string::npos ? std::string() : rest.substr(0, colon);
}

} // namespace manage::core
