#include "manage/core/site.hpp"

#include "manage/core/tariff.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace manage::core {
namespace {

constexpr double kMostKw = 100000;
constexpr double kMostAmps = 100000;
constexpr double kMostVolts = 1000;

// Characters, not bytes: UTF-8 continuation bytes do not count.
std::size_t characters(const std::string &text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Result<void> check_name(const std::string &name, const std::string &field) {
    if (name.empty())
        return fail("missing_field", "'" + field + "' is required", field);
    if (characters(name) > 200)
        return fail("invalid_name", "'" + field + "' is 1 to 200 characters", field);
    return ok();
}

bool is_country(const std::string &code) {
    return code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool in_range(double value, double most) {
    return std::isfinite(value) && value > 0 && value <= most;
}

Result<void> check_window(const LimitWindow &window, double most, const std::string &path) {
    if (std::none_of(window.days.begin(), window.days.end(), [](bool on) { return on; }))
        return fail("invalid_days", "a window applies on at least one day", path + "/days");
    if (window.start_minute < 0 || window.start_minute >= 1440)
        return fail("invalid_time_of_day", "'start' is a time of day from 00:00 to 23:59", path + "/start");
    if (window.end_minute <= window.start_minute || window.end_minute > 1440)
        return fail("invalid_time_of_day", "'end' is after 'start', at most 24:00", path + "/end");
    if (!in_range(window.value, most))
        return fail("invalid_limit", "a window's 'value' is above 0 and at most " + std::to_string(int(most)),
                    path + "/value");
    return ok();
}

// The group's depth below the site (1: right under it); 0 when the chain is broken or loops.
int depth_of(const std::map<std::string, const LoadGroup *> &by_id, const std::string &id) {
    int depth = 0;
    std::optional<std::string> at = id;
    while (at) {
        const auto it = by_id.find(*at);
        if (it == by_id.end() || ++depth > static_cast<int>(by_id.size()))
            return 0;
        at = it->second->parent_id;
    }
    return depth;
}

// How many levels hang below `id` (0: none).
int height_below(const std::multimap<std::string, std::string> &children, const std::string &id, int guard) {
    if (guard <= 0)
        return 0;
    int height = 0;
    const auto [from, to] = children.equal_range(id);
    for (auto it = from; it != to; ++it)
        height = std::max(height, 1 + height_below(children, it->second, guard - 1));
    return height;
}

bool by_name_then_id(const LoadGroup &a, const LoadGroup &b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
}

LoadNode node_of(const LoadGroup &group, const std::multimap<std::string, const LoadGroup *> &children,
                 const std::multimap<std::string, const PlacedCharger *> &chargers, std::set<std::string> &seen) {
    LoadNode node{group, {}, {}};
    seen.insert(group.id);
    const auto [charger_from, charger_to] = chargers.equal_range(group.id);
    for (auto it = charger_from; it != charger_to; ++it)
        node.chargers.push_back(*it->second);
    const auto [from, to] = children.equal_range(group.id);
    for (auto it = from; it != to; ++it)
        if (!seen.count(it->second->id))
            node.children.push_back(node_of(*it->second, children, chargers, seen));
    return node;
}

} // namespace

const char *to_string(LoadGroupKind kind) {
    switch (kind) {
    case LoadGroupKind::SubBoard:
        return "subBoard";
    case LoadGroupKind::Feeder:
        return "feeder";
    case LoadGroupKind::ChargerGroup:
        return "chargerGroup";
    }
    return "chargerGroup";
}

std::optional<LoadGroupKind> parse_load_group_kind(const std::string &text) {
    for (const auto kind : {LoadGroupKind::SubBoard, LoadGroupKind::Feeder, LoadGroupKind::ChargerGroup})
        if (text == to_string(kind))
            return kind;
    return std::nullopt;
}

const char *to_string(LimitUnit unit) {
    return unit == LimitUnit::A ? "A" : "kW";
}

std::optional<LimitUnit> parse_limit_unit(const std::string &text) {
    if (text == "kW")
        return LimitUnit::Kw;
    if (text == "A")
        return LimitUnit::A;
    return std::nullopt;
}

Result<void> check_site(const Site &site) {
    BOOST_OUTCOME_TRY(check_name(site.name, "name"));
    if (site.address.line1.empty())
        return fail("missing_field", "'line1' is required", "address/line1");
    if (site.address.city.empty())
        return fail("missing_field", "'city' is required", "address/city");
    if (!is_country(site.address.country))
        return fail("invalid_country", "'country' is an ISO 3166-1 alpha-2 code such as NL", "address/country");
    Tariff zone;
    zone.timezone = site.timezone;
    if (auto clock = TariffClock::of(zone); !clock)
        return outcome::failure(clock.error());
    if (!in_range(site.grid_limit_kw, kMostKw))
        return fail("invalid_limit", "'gridLimitKw' is above 0 and at most 100000", "gridLimitKw");
    return ok();
}

Result<void> check_power_limit(const PowerLimit &limit, const std::string &path) {
    const double most = limit.unit == LimitUnit::A ? kMostAmps : kMostKw;
    if (!in_range(limit.value, most))
        return fail("invalid_limit", "'value' is above 0 and at most " + std::to_string(int(most)), path + "/value");
    if (limit.unit == LimitUnit::A) {
        if (limit.phases != 1 && limit.phases != 3)
            return fail("invalid_phases", "'phases' is 1 or 3", path + "/phases");
        if (!in_range(limit.voltage, kMostVolts))
            return fail("invalid_voltage", "'voltage' is above 0 and at most 1000", path + "/voltage");
    }
    for (std::size_t i = 0; i < limit.schedule.size(); ++i) {
        BOOST_OUTCOME_TRY(check_window(limit.schedule[i], most, path + "/schedule/" + std::to_string(i)));
    }
    return ok();
}

double to_kw(const PowerLimit &limit, double value) {
    if (limit.unit == LimitUnit::Kw)
        return value;
    return value * limit.voltage * limit.phases / 1000.0;
}

Result<double> limit_kw_at(const PowerLimit &limit, const std::string &timezone, TimePoint at) {
    // The schedule read as a tariff whose "prices" are the limit's values: one local-time rule (first
    // window wins, else the plain value) for both.
    Tariff schedule;
    schedule.timezone = timezone;
    schedule.price_per_kwh = limit.value;
    for (const auto &window : limit.schedule)
        schedule.periods.push_back(TariffPeriod{window.days, window.start_minute, window.end_minute, window.value});
    BOOST_OUTCOME_TRY(clock, TariffClock::of(schedule));
    return to_kw(limit, clock.price_at(at));
}

Result<void> check_load_group(const LoadGroup &group) {
    BOOST_OUTCOME_TRY(check_name(group.name, "name"));
    return check_power_limit(group.limit, "limit");
}

Result<void> check_placement(const std::vector<LoadGroup> &site_groups, const LoadGroup &group) {
    std::map<std::string, const LoadGroup *> by_id;
    std::multimap<std::string, std::string> children;
    for (const auto &other : site_groups) {
        if (other.id == group.id)
            continue;
        by_id[other.id] = &other;
        if (other.parent_id)
            children.emplace(*other.parent_id, other.id);
    }
    by_id[group.id] = &group; // where it would sit
    if (group.parent_id)
        children.emplace(*group.parent_id, group.id);
    int depth = 1;
    if (group.parent_id) {
        if (*group.parent_id == group.id)
            return fail("invalid_parent", "a load group cannot be its own parent", "parentId");
        if (!by_id.count(*group.parent_id))
            return fail("invalid_parent", "no load group '" + *group.parent_id + "' in this site", "parentId");
        // Walking up from the new parent must reach the site without meeting the group.
        std::set<std::string> seen;
        for (std::optional<std::string> at = group.parent_id; at; at = by_id.at(*at)->parent_id) {
            if (*at == group.id || !seen.insert(*at).second)
                return fail("invalid_parent",
                            "load group '" + *group.parent_id + "' is below this one: that would be a cycle",
                            "parentId");
            if (!by_id.count(*at))
                break;
        }
        depth = depth_of(by_id, *group.parent_id) + 1;
    }
    const int deepest = depth + height_below(children, group.id, kMaxLoadGroupDepth + 1);
    if (deepest > kMaxLoadGroupDepth)
        return fail("load_group_too_deep",
                    "load groups nest at most " + std::to_string(kMaxLoadGroupDepth) + " deep below the site",
                    "parentId");
    return ok();
}

SiteTree build_site_tree(const Site &site, const std::vector<LoadGroup> &groups,
                         const std::vector<PlacedCharger> &chargers) {
    auto sorted = groups;
    std::sort(sorted.begin(), sorted.end(), by_name_then_id);
    std::set<std::string> ids;
    for (const auto &group : sorted)
        ids.insert(group.id);
    std::multimap<std::string, const LoadGroup *> children;
    std::vector<const LoadGroup *> roots;
    for (const auto &group : sorted) {
        if (group.parent_id && ids.count(*group.parent_id))
            children.emplace(*group.parent_id, &group);
        else
            roots.push_back(&group);
    }
    SiteTree tree{site, {}, {}};
    std::multimap<std::string, const PlacedCharger *> placed;
    for (const auto &charger : chargers) {
        if (charger.load_group_id && ids.count(*charger.load_group_id))
            placed.emplace(*charger.load_group_id, &charger);
        else
            tree.chargers.push_back(charger);
    }
    std::set<std::string> seen;
    for (const auto *root : roots)
        tree.children.push_back(node_of(*root, children, placed, seen));
    return tree;
}

} // namespace manage::core
