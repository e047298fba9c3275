#include "api/site_json.hpp"

#include "api/route_support.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/tariff.hpp"

#include <cmath>

namespace manage::core {

using Json = nlohmann::json;

namespace {

Json window_to_json(const LimitWindow &window) {
    auto days = Json::array();
    for (int day = 0; day < 7; ++day)
        if (window.days[static_cast<std::size_t>(day)])
            days.push_back(weekday_name(day));
    return {{"days", days},
            {"start", format_time_of_day(window.start_minute)},
            {"end", format_time_of_day(window.end_minute)},
            {"value", window.value}};
}

Json limit_to_json(const PowerLimit &limit) {
    Json json{{"unit", to_string(limit.unit)}, {"value", limit.value}};
    if (limit.unit == LimitUnit::A) {
        json["phases"] = limit.phases;
        json["voltage"] = limit.voltage;
    }
    auto schedule = Json::array();
    for (const auto &window : limit.schedule)
        schedule.push_back(window_to_json(window));
    json["schedule"] = schedule;
    return json;
}

Json placed_to_json(const std::vector<PlacedCharger> &chargers) {
    auto items = Json::array();
    for (const auto &charger : chargers)
        items.push_back({{"id", charger.id},
                         {"maxPowerKw", optional_json(charger.max_power_kw)},
                         {"phases", optional_json(charger.phases)}});
    return items;
}

Json limit_now(const PowerLimit &limit, const std::string &timezone, TimePoint now) {
    const auto kw = limit_kw_at(limit, timezone, now);
    return kw ? Json(kw.value()) : Json(nullptr);
}

Json node_to_json(const LoadNode &node, const std::string &timezone, TimePoint now) {
    auto children = Json::array();
    for (const auto &child : node.children)
        children.push_back(node_to_json(child, timezone, now));
    return {{"id", node.group.id},
            {"kind", to_string(node.group.kind)},
            {"name", node.group.name},
            {"limit", limit_to_json(node.group.limit)},
            {"limitKwNow", limit_now(node.group.limit, timezone, now)},
            {"chargers", placed_to_json(node.chargers)},
            {"children", children}};
}

// Reading members. `path` is the object's path with a trailing '/', or empty at the top.
Result<std::string> text(const Json &object, const std::string &name, const std::string &path) {
    if (!object.contains(name))
        return fail("missing_field", "'" + name + "' is required", path + name);
    if (!object[name].is_string())
        return fail("invalid_type", "'" + name + "' must be a string", path + name);
    return object[name].get<std::string>();
}

Result<double> number(const Json &object, const std::string &name, const std::string &path) {
    if (!object.contains(name))
        return fail("missing_field", "'" + name + "' is required", path + name);
    const auto &value = object[name];
    if (!value.is_number() || !std::isfinite(value.get<double>()))
        return fail("invalid_type", "'" + name + "' must be a number", path + name);
    return value.get<double>();
}

Result<int> integer(const Json &object, const std::string &name, const std::string &path) {
    if (!object.contains(name))
        return fail("missing_field", "'" + name + "' is required", path + name);
    const auto &value = object[name];
    if (!value.is_number_integer() || value.get<long long>() < -1000000 || value.get<long long>() > 1000000)
        return fail("invalid_type", "'" + name + "' must be an integer", path + name);
    return static_cast<int>(value.get<long long>());
}

// A string or null (nullopt).
Result<std::optional<std::string>> nullable_text(const Json &object, const std::string &name, const std::string &path) {
    if (!object.contains(name))
        return fail("missing_field", "'" + name + "' is required", path + name);
    if (object[name].is_null())
        return std::optional<std::string>();
    if (!object[name].is_string())
        return fail("invalid_type", "'" + name + "' must be a string or null", path + name);
    return std::optional<std::string>(object[name].get<std::string>());
}

Result<Address> address_from(const Json &body) {
    if (!body.contains("address"))
        return fail("missing_field", "'address' is required", "address");
    const auto &json = body["address"];
    if (!json.is_object())
        return fail("invalid_type", "'address' must be an object", "address");
    BOOST_OUTCOME_TRY(only_fields(json, {"line1", "line2", "postcode", "city", "country"}, "address/"));
    Address address;
    BOOST_OUTCOME_TRY(line1, text(json, "line1", "address/"));
    BOOST_OUTCOME_TRY(line2, string_field(json, "line2", "address/"));
    BOOST_OUTCOME_TRY(postcode, string_field(json, "postcode", "address/"));
    BOOST_OUTCOME_TRY(city, text(json, "city", "address/"));
    BOOST_OUTCOME_TRY(country, text(json, "country", "address/"));
    return Address{line1, line2, postcode, city, country};
}

Result<int> time_of_day(const Json &object, const std::string &name, const std::string &path) {
    if (!object.contains(name))
        return fail("missing_field", "'" + name + "' is required", path + name);
    const auto minute = object[name].is_string() ? parse_time_of_day(object[name].get<std::string>()) : std::nullopt;
    if (!minute)
        return fail("invalid_time_of_day", "'" + name + "' is a local time of day \"HH:MM\" (00:00 to 24:00)",
                    path + name);
    return *minute;
}

Result<LimitWindow> window_from(const Json &item, const std::string &path) {
    if (!item.is_object())
        return fail("invalid_type", "each window must be an object", path);
    const auto prefix = path + "/";
    BOOST_OUTCOME_TRY(only_fields(item, {"days", "start", "end", "value"}, prefix));
    LimitWindow window;
    if (!item.contains("days") || !item["days"].is_array())
        return fail("missing_field", "'days' is an array of Mon, Tue, Wed, Thu, Fri, Sat, Sun", prefix + "days");
    for (std::size_t i = 0; i < item["days"].size(); ++i) {
        const auto &name = item["days"][i];
        const auto day = name.is_string() ? parse_weekday(name.get<std::string>()) : std::nullopt;
        if (!day)
            return fail("invalid_days", "a day is Mon, Tue, Wed, Thu, Fri, Sat or Sun",
                        prefix + "days/" + std::to_string(i));
        window.days[static_cast<std::size_t>(*day)] = true;
    }
    BOOST_OUTCOME_TRY(start, time_of_day(item, "start", prefix));
    BOOST_OUTCOME_TRY(end, time_of_day(item, "end", prefix));
    BOOST_OUTCOME_TRY(value, number(item, "value", prefix));
    window.start_minute = start;
    window.end_minute = end;
    window.value = value;
    return window;
}

Result<PowerLimit> limit_from(const Json &body) {
    if (!body.contains("limit"))
        return fail("missing_field", "'limit' is required", "limit");
    const auto &json = body["limit"];
    if (!json.is_object())
        return fail("invalid_type", "'limit' must be an object", "limit");
    BOOST_OUTCOME_TRY(only_fields(json, {"unit", "value", "phases", "voltage", "schedule"}, "limit/"));
    PowerLimit limit;
    BOOST_OUTCOME_TRY(unit_text, text(json, "unit", "limit/"));
    const auto unit = parse_limit_unit(unit_text);
    if (!unit)
        return fail("invalid_unit", "'unit' is kW or A", "limit/unit");
    limit.unit = *unit;
    BOOST_OUTCOME_TRY(value, number(json, "value", "limit/"));
    limit.value = value;
    if (limit.unit == LimitUnit::A) {
        BOOST_OUTCOME_TRY(phases, integer(json, "phases", "limit/"));
        limit.phases = phases;
        if (json.contains("voltage")) {
            BOOST_OUTCOME_TRY(voltage, number(json, "voltage", "limit/"));
            limit.voltage = voltage;
        }
    } else {
        for (const char *name : {"phases", "voltage"})
            if (json.contains(name))
                return fail("unknown_field", std::string("'") + name + "' is for limits in A",
                            std::string("limit/") + name);
    }
    if (json.contains("schedule")) {
        if (!json["schedule"].is_array())
            return fail("invalid_type", "'schedule' must be an array", "limit/schedule");
        for (std::size_t i = 0; i < json["schedule"].size(); ++i) {
            BOOST_OUTCOME_TRY(window, window_from(json["schedule"][i], "limit/schedule/" + std::to_string(i)));
            limit.schedule.push_back(window);
        }
    }
    return limit;
}

Result<LoadGroupKind> kind_from(const Json &body) {
    BOOST_OUTCOME_TRY(kind_text, text(body, "kind", ""));
    const auto kind = parse_load_group_kind(kind_text);
    if (!kind)
        return fail("invalid_kind", "'kind' is subBoard, feeder or chargerGroup", "kind");
    return *kind;
}

Result<std::optional<std::string>> parent_from(const Json &body) {
    if (!body.contains("parentId"))
        return std::optional<std::string>();
    return nullable_text(body, "parentId", "");
}

} // namespace

Json site_to_json(const Site &site) {
    return {{"id", site.id},
            {"name", site.name},
            {"address",
             {{"line1", site.address.line1},
              {"line2", text_or_null(site.address.line2)},
              {"postcode", text_or_null(site.address.postcode)},
              {"city", site.address.city},
              {"country", site.address.country}}},
            {"timezone", site.timezone},
            {"gridLimitKw", site.grid_limit_kw},
            {"version", site.version},
            {"createdAt", format_time(site.created_at)},
            {"updatedAt", format_time(site.updated_at)}};
}

Json load_group_to_json(const LoadGroup &group) {
    return {{"id", group.id},
            {"siteId", group.site_id},
            {"name", group.name},
            {"kind", to_string(group.kind)},
            {"parentId", optional_json(group.parent_id)},
            {"limit", limit_to_json(group.limit)},
            {"version", group.version},
            {"createdAt", format_time(group.created_at)},
            {"updatedAt", format_time(group.updated_at)}};
}

Json site_tree_to_json(const SiteTree &tree, TimePoint now) {
    auto children = Json::array();
    for (const auto &child : tree.children)
        children.push_back(node_to_json(child, tree.site.timezone, now));
    const PowerLimit grid{LimitUnit::Kw, tree.site.grid_limit_kw, 3, 230, {}};
    return {{"id", tree.site.id},
            {"kind", "site"},
            {"name", tree.site.name},
            {"timezone", tree.site.timezone},
            {"limit", limit_to_json(grid)},
            {"limitKwNow", tree.site.grid_limit_kw},
            {"chargers", placed_to_json(tree.chargers)},
            {"children", children}};
}

Result<Site> site_from_body(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"name", "address", "timezone", "gridLimitKw"}));
    Site site;
    BOOST_OUTCOME_TRY(name, text(body, "name", ""));
    BOOST_OUTCOME_TRY(address, address_from(body));
    BOOST_OUTCOME_TRY(timezone, text(body, "timezone", ""));
    BOOST_OUTCOME_TRY(grid, number(body, "gridLimitKw", ""));
    site.name = name;
    site.address = address;
    site.timezone = timezone;
    site.grid_limit_kw = grid;
    return site;
}

Result<SiteChanges> site_changes_from_body(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"name", "address", "timezone", "gridLimitKw"}));
    SiteChanges changes;
    if (body.contains("name")) {
        BOOST_OUTCOME_TRY(name, text(body, "name", ""));
        changes.name = name;
    }
    if (body.contains("address")) {
        BOOST_OUTCOME_TRY(address, address_from(body));
        changes.address = address;
    }
    if (body.contains("timezone")) {
        BOOST_OUTCOME_TRY(timezone, text(body, "timezone", ""));
        changes.timezone = timezone;
    }
    if (body.contains("gridLimitKw")) {
        BOOST_OUTCOME_TRY(grid, number(body, "gridLimitKw", ""));
        changes.grid_limit_kw = grid;
    }
    return changes;
}

Result<LoadGroup> load_group_from_body(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"name", "kind", "parentId", "limit"}));
    LoadGroup group;
    BOOST_OUTCOME_TRY(name, text(body, "name", ""));
    BOOST_OUTCOME_TRY(kind, kind_from(body));
    BOOST_OUTCOME_TRY(parent, parent_from(body));
    BOOST_OUTCOME_TRY(limit, limit_from(body));
    group.name = name;
    group.kind = kind;
    group.parent_id = parent;
    group.limit = limit;
    return group;
}

Result<LoadGroupChanges> load_group_changes_from_body(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"name", "kind", "parentId", "limit"}));
    LoadGroupChanges changes;
    if (body.contains("name")) {
        BOOST_OUTCOME_TRY(name, text(body, "name", ""));
        changes.name = name;
    }
    if (body.contains("kind")) {
        BOOST_OUTCOME_TRY(kind, kind_from(body));
        changes.kind = kind;
    }
    if (body.contains("parentId")) {
        BOOST_OUTCOME_TRY(parent, parent_from(body));
        changes.parent_id = parent;
    }
    if (body.contains("limit")) {
        BOOST_OUTCOME_TRY(limit, limit_from(body));
        changes.limit = limit;
    }
    return changes;
}

Result<ChargerChanges> charger_changes_from_body(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"siteId", "loadGroupId", "maxPowerKw", "phases", "name"}));
    ChargerChanges changes;
    if (body.contains("siteId")) {
        BOOST_OUTCOME_TRY(site, nullable_text(body, "siteId", ""));
        changes.site_id = site;
    }
    if (body.contains("loadGroupId")) {
        BOOST_OUTCOME_TRY(group, nullable_text(body, "loadGroupId", ""));
        changes.load_group_id = group;
    }
    if (body.contains("maxPowerKw")) {
        BOOST_OUTCOME_TRY(power, number(body, "maxPowerKw", ""));
        changes.max_power_kw = power;
    }
    if (body.contains("phases")) {
        BOOST_OUTCOME_TRY(phases, integer(body, "phases", ""));
        changes.phases = phases;
    }
    if (body.contains("name")) {
        BOOST_OUTCOME_TRY(name, nullable_text(body, "name", ""));
        changes.name = name;
    }
    return changes;
}

Result<ConnectorSettings> connector_settings_from_body(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"type", "maxPowerKw"}));
    ConnectorSettings settings;
    BOOST_OUTCOME_TRY(type, nullable_text(body, "type", ""));
    settings.type = type;
    if (!body.contains("maxPowerKw"))
        return fail("missing_field", "'maxPowerKw' is required (null for unknown)", "maxPowerKw");
    if (!body["maxPowerKw"].is_null()) {
        BOOST_OUTCOME_TRY(power, number(body, "maxPowerKw", ""));
        settings.max_power_kw = power;
    }
    return settings;
}

} // namespace manage::core
