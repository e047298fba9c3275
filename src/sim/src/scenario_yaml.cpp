// The scenario's YAML schema: each section in its own function, reading on after a problem so that
// one run of the validator reports them all.
#include "manage/sim/scenario_yaml.hpp"

#include "manage/common/time_format.hpp"
#include "manage/sim/strategy.hpp"
#include "yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace manage::sim {
namespace {

constexpr Seconds kDay = 86'400;

struct Context {
    YamlReader &in;
    Scenario &out;
    Seconds start_second_of_day = 0; // of the horizon's start, UTC
    bool horizon_ok = false;
};

// `count: N` turns one entry into N with ids id-01 … id-N (two digits at least).
std::vector<std::string> expand_ids(const std::string &id, long long count) {
    if (count <= 1)
        return {id};
    std::vector<std::string> ids;
    const int width = std::max<int>(2, static_cast<int>(std::to_string(count).size()));
    for (long long i = 1; i <= count; ++i)
        ids.push_back(fmt::format("{}-{:0{}}", id, i, width));
    return ids;
}

void read_horizon(Context &c, const YAML::Node &root) {
    const auto node = root["horizon"];
    if (!node) {
        c.in.problem(root, "horizon", "is required");
        return;
    }
    if (!c.in.map(node, "horizon", {"start", "days", "hours"}))
        return;
    const auto start_text = c.in.text(node, "start", "horizon", true);
    bool start_ok = false;
    if (start_text) {
        if (const auto start = parse_time(*start_text)) {
            c.out.start = *start;
            const auto s = std::chrono::duration_cast<std::chrono::seconds>(start->time_since_epoch()).count();
            c.start_second_of_day = ((s % kDay) + kDay) % kDay;
            start_ok = true;
        } else {
            c.in.problem(node["start"], "horizon.start", "must be an RFC 3339 time, e.g. 2026-03-02T00:00:00Z");
        }
    }
    const auto days = c.in.number(node, "days", "horizon", false, greater_than(0));
    const auto hours = c.in.number(node, "hours", "horizon", false, greater_than(0));
    if (node["days"] && node["hours"])
        c.in.problem(node, "horizon", "give days or hours, not both");
    else if (!node["days"] && !node["hours"])
        c.in.problem(node, "horizon.days", "is required (or horizon.hours)");
    if (days)
        c.out.duration_s = static_cast<Seconds>(*days * kDay);
    if (hours)
        c.out.duration_s = static_cast<Seconds>(*hours * 3600);
    c.horizon_ok = start_ok && c.out.duration_s > 0;
}

// A profile: `daily: [[HH:MM, kW], …]` repeated every day, or `points: [[RFC 3339, kW], …]`.
StepSeries read_profile(Context &c, const YAML::Node &node, const std::string &path) {
    StepSeries series;
    if (!c.in.map(node, path, {"daily", "points"}))
        return series;
    const bool daily = static_cast<bool>(node["daily"]);
    if (daily == static_cast<bool>(node["points"])) {
        c.in.problem(node, path, "give exactly one of daily and points");
        return series;
    }
    const auto list_path = YamlReader::join(path, daily ? "daily" : "points");
    const auto list = node[daily ? "daily" : "points"];
    if (!c.in.sequence(list, list_path))
        return series;
    std::vector<std::pair<Seconds, double>> entries; // daily: second of day; points: since the start
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto item = list[i];
        const auto here = YamlReader::index(list_path, i);
        double kw = 0;
        if (!item.IsSequence() || item.size() != 2 || !item[0].IsScalar() ||
            !YAML::convert<double>::decode(item[1], kw)) {
            c.in.problem(item, here, daily ? "must be [HH:MM, kW]" : "must be [time, kW]");
            continue;
        }
        if (daily) {
            YAML::Node wrapper;
            wrapper["at"] = item[0];
            std::vector<Problem> ignored;
            YamlReader quiet(ignored);
            const auto second = quiet.time_of_day(wrapper, "at", here, true);
            if (!second) {
                c.in.problem(item[0], YamlReader::index(here, 0), "must be a time of day HH:MM");
                continue;
            }
            entries.emplace_back(*second, kw);
        } else {
            const auto at = parse_time(item[0].Scalar());
            if (!at) {
                c.in.problem(item[0], YamlReader::index(here, 0), "must be an RFC 3339 time");
                continue;
            }
            entries.emplace_back(std::chrono::duration_cast<std::chrono::seconds>(*at - c.out.start).count(), kw);
        }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    if (!daily || entries.empty()) {
        series.points = std::move(entries);
    } else {
        // Day d's midnight is d * 86400 − (the start's second of day); from the day before the
        // start, so that the value at the start is the one in force then.
        const Seconds days = c.out.duration_s / kDay + 2;
        for (Seconds d = -1; d < days; ++d)
            for (const auto &[second, kw] : entries)
                series.points.emplace_back(d * kDay - c.start_second_of_day + second, kw);
    }
    // Fold everything before the start into one point at 0.
    if (!series.points.empty() && series.points.front().first < 0) {
        const double at_start = series.at(0);
        std::erase_if(series.points, [](const auto &p) { return p.first <= 0; });
        series.points.insert(series.points.begin(), {0, at_start});
    }
    return series;
}

void read_site(Context &c, const YAML::Node &root) {
    const auto node = root["site"];
    if (!node) {
        c.in.problem(root, "site", "is required");
        return;
    }
    if (!c.in.map(node, "site", {"grid_limit_kw", "load_groups", "building_kw", "pv_kw", "battery"}))
        return;
    auto &site = c.out.site;
    site.grid_limit_kw = c.in.number(node, "grid_limit_kw", "site", true, greater_than(0)).value_or(0);
    if (const auto groups = node["load_groups"]; groups && c.in.sequence(groups, "site.load_groups")) {
        std::set<std::string> ids;
        for (std::size_t i = 0; i < groups.size(); ++i) {
            const auto here = YamlReader::index("site.load_groups", i);
            if (!c.in.map(groups[i], here, {"id", "parent", "limit_kw"}))
                continue;
            LoadGroup group;
            group.id = c.in.text(groups[i], "id", here, true).value_or("");
            group.parent = c.in.text(groups[i], "parent", here, false).value_or("");
            group.limit_kw = c.in.number(groups[i], "limit_kw", here, true, at_least(0)).value_or(0);
            if (!group.id.empty() && (group.id == "grid" || !ids.insert(group.id).second))
                c.in.problem(groups[i]["id"], YamlReader::join(here, "id"),
                             group.id == "grid" ? "'grid' names the grid connection" : "is used twice");
            site.groups.push_back(group);
        }
        // Parents must exist, and following them must reach the grid.
        std::map<std::string, std::string> parent_of;
        for (const auto &group : site.groups)
            parent_of[group.id] = group.parent;
        for (std::size_t i = 0; i < site.groups.size(); ++i) {
            const auto &group = site.groups[i];
            const auto here = YamlReader::join(YamlReader::index("site.load_groups", i), "parent");
            if (!group.parent.empty() && group.parent != "grid" && !parent_of.count(group.parent)) {
                c.in.problem(groups[i]["parent"], here, "names no load group");
                continue;
            }
            std::string at = group.parent;
            for (std::size_t hops = 0; !at.empty() && at != "grid"; ++hops) {
                if (at == group.id || hops > site.groups.size()) {
                    c.in.problem(groups[i]["parent"], here, "makes a cycle");
                    break;
                }
                const auto up = parent_of.find(at);
                at = up == parent_of.end() ? std::string() : up->second;
            }
        }
        for (auto &group : site.groups)
            if (group.parent == "grid")
                group.parent.clear();
    }
    if (node["building_kw"])
        site.building_kw = read_profile(c, node["building_kw"], "site.building_kw");
    if (node["pv_kw"])
        site.pv_kw = read_profile(c, node["pv_kw"], "site.pv_kw");
    if (const auto battery = node["battery"];
        battery && c.in.map(battery, "site.battery", {"capacity_kwh", "max_kw", "initial_soc"})) {
        Battery b;
        b.capacity_kwh = c.in.number(battery, "capacity_kwh", "site.battery", true, greater_than(0)).value_or(0);
        b.max_kw = c.in.number(battery, "max_kw", "site.battery", true, greater_than(0)).value_or(0);
        b.initial_soc = c.in.number(battery, "initial_soc", "site.battery", false, between(0, 1)).value_or(0.5);
        site.battery = b;
    }
}

std::vector<CurvePoint> read_curve(Context &c, const YAML::Node &node, const std::string &path) {
    std::vector<CurvePoint> curve;
    if (!c.in.sequence(node, path))
        return curve;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto here = YamlReader::index(path, i);
        CurvePoint point;
        if (!node[i].IsSequence() || node[i].size() != 2 || !YAML::convert<double>::decode(node[i][0], point.soc) ||
            !YAML::convert<double>::decode(node[i][1], point.max_kw)) {
            c.in.problem(node[i], here, "must be [soc, kW]");
            continue;
        }
        if (point.soc < 0 || point.soc > 1)
            c.in.problem(node[i], here, "its SoC must be between 0 and 1");
        else if (point.max_kw < 0)
            c.in.problem(node[i], here, "its power must be at least 0");
        else if (!curve.empty() && point.soc <= curve.back().soc)
            c.in.problem(node[i], here, "SoC must increase from point to point");
        else
            curve.push_back(point);
    }
    return curve;
}

void read_chargers(Context &c, const YAML::Node &root) {
    const auto node = root["chargers"];
    if (!node) {
        c.in.problem(root, "chargers", "is required");
        return;
    }
    if (!c.in.sequence(node, "chargers"))
        return;
    std::set<std::string> groups;
    for (const auto &group : c.out.site.groups)
        groups.insert(group.id);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto here = YamlReader::index("chargers", i);
        const auto item = node[i];
        if (!c.in.map(item, here,
                      {"id", "count", "type", "max_kw", "connectors", "efficiency", "min_kw", "group", "curve"}))
            continue;
        Charger charger;
        const auto id = c.in.text(item, "id", here, true).value_or("");
        const auto count = c.in.integer(item, "count", here, false, 1).value_or(1);
        const auto type = c.in.text(item, "type", here, false).value_or("ac");
        if (type != "ac" && type != "dc")
            c.in.problem(item["type"], YamlReader::join(here, "type"), "must be ac or dc");
        charger.kind = type == "dc" ? ChargerKind::dc : ChargerKind::ac;
        charger.max_kw = c.in.number(item, "max_kw", here, true, greater_than(0)).value_or(1);
        charger.connectors = static_cast<int>(c.in.integer(item, "connectors", here, false, 1).value_or(1));
        charger.efficiency =
            c.in.number(item, "efficiency", here, false,
                        [](double v) {
                            return v > 0 && v <= 1 ? std::string() : std::string("must be above 0 and at most 1");
                        })
                .value_or(1.0);
        charger.min_kw = c.in.number(item, "min_kw", here, false, at_least(0)).value_or(0);
        if (charger.min_kw > charger.max_kw)
            c.in.problem(item["min_kw"], YamlReader::join(here, "min_kw"), "must not exceed max_kw");
        charger.group = c.in.text(item, "group", here, false).value_or("");
        if (charger.group == "grid")
            charger.group.clear();
        if (!charger.group.empty() && !groups.count(charger.group))
            c.in.problem(item["group"], YamlReader::join(here, "group"), "names no load group");
        if (item["curve"])
            charger.curve = read_curve(c, item["curve"], YamlReader::join(here, "curve"));
        for (const auto &expanded : expand_ids(id, count)) {
            if (!expanded.empty() && !ids.insert(expanded).second)
                c.in.problem(item["id"], YamlReader::join(here, "id"), "'" + expanded + "' is used twice");
            charger.id = expanded;
            c.out.chargers.push_back(charger);
        }
    }
    if (node.size() == 0)
        c.in.problem(node, "chargers", "must list at least one charger");
}

void read_fleet(Context &c, const YAML::Node &root) {
    const auto fleet = root["fleet"];
    if (!fleet) {
        c.in.problem(root, "fleet", "is required");
        return;
    }
    if (!c.in.map(fleet, "fleet", {"vehicles"}))
        return;
    const auto node = fleet["vehicles"];
    if (!node) {
        c.in.problem(fleet, "fleet.vehicles", "is required");
        return;
    }
    if (!c.in.sequence(node, "fleet.vehicles"))
        return;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto here = YamlReader::index("fleet.vehicles", i);
        const auto item = node[i];
        if (!c.in.map(item, here,
                      {"id", "count", "battery_kwh", "consumption_kwh_per_km", "max_kw", "initial_soc", "target_soc",
                       "reserve_soc"}))
            continue;
        Vehicle vehicle;
        const auto id = c.in.text(item, "id", here, true).value_or("");
        const auto count = c.in.integer(item, "count", here, false, 1).value_or(1);
        vehicle.battery_kwh = c.in.number(item, "battery_kwh", here, true, greater_than(0)).value_or(1);
        vehicle.consumption_kwh_per_km =
            c.in.number(item, "consumption_kwh_per_km", here, false, at_least(0)).value_or(0);
        vehicle.max_kw = c.in.number(item, "max_kw", here, true, greater_than(0)).value_or(1);
        vehicle.initial_soc = c.in.number(item, "initial_soc", here, false, between(0, 1)).value_or(1.0);
        vehicle.target_soc =
            c.in.number(item, "target_soc", here, false,
                        [](double v) {
                            return v > 0 && v <= 1 ? std::string() : std::string("must be above 0 and at most 1");
                        })
                .value_or(1.0);
        vehicle.reserve_soc = c.in.number(item, "reserve_soc", here, false, between(0, 1)).value_or(0);
        if (vehicle.reserve_soc >= vehicle.target_soc && item["reserve_soc"])
            c.in.problem(item["reserve_soc"], YamlReader::join(here, "reserve_soc"), "must be below target_soc");
        for (const auto &expanded : expand_ids(id, count)) {
            if (!expanded.empty() && !ids.insert(expanded).second)
                c.in.problem(item["id"], YamlReader::join(here, "id"), "'" + expanded + "' is used twice");
            vehicle.id = expanded;
            c.out.vehicles.push_back(vehicle);
        }
    }
    if (node.size() == 0)
        c.in.problem(node, "fleet.vehicles", "must list at least one vehicle");
}

void read_schedule(Context &c, const YAML::Node &root) {
    const auto schedule = root["schedule"];
    if (!schedule)
        return; // a depot where nobody leaves is dull but valid
    if (!c.in.map(schedule, "schedule", {"trips", "arrival_jitter_min"}))
        return;
    c.out.arrival_jitter_s = static_cast<Seconds>(
        c.in.number(schedule, "arrival_jitter_min", "schedule", false, at_least(0)).value_or(0) * 60);
    const auto node = schedule["trips"];
    if (!node || !c.in.sequence(node, "schedule.trips"))
        return;
    std::map<std::string, std::size_t> vehicle_index;
    for (std::size_t v = 0; v < c.out.vehicles.size(); ++v)
        vehicle_index[c.out.vehicles[v].id] = v;
    std::vector<std::size_t> source; // the entry of schedule.trips each expanded trip comes from
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto here = YamlReader::index("schedule.trips", i);
        const auto item = node[i];
        if (!c.in.map(item, here, {"vehicle", "vehicles", "depart", "arrive", "distance_km", "energy_kwh", "days"}))
            continue;
        std::vector<std::size_t> vehicles;
        const auto name_vehicle = [&](const YAML::Node &at, const std::string &path) {
            const auto found = at.IsScalar() ? vehicle_index.find(at.Scalar()) : vehicle_index.end();
            if (found == vehicle_index.end())
                c.in.problem(at, path, "names no vehicle");
            else
                vehicles.push_back(found->second);
        };
        if (item["vehicle"] && item["vehicles"])
            c.in.problem(item, here, "give vehicle or vehicles, not both");
        else if (item["vehicle"])
            name_vehicle(item["vehicle"], YamlReader::join(here, "vehicle"));
        else if (item["vehicles"] && c.in.sequence(item["vehicles"], YamlReader::join(here, "vehicles")))
            for (std::size_t k = 0; k < item["vehicles"].size(); ++k)
                name_vehicle(item["vehicles"][k], YamlReader::index(YamlReader::join(here, "vehicles"), k));
        else if (!item["vehicles"])
            c.in.problem(item, YamlReader::join(here, "vehicle"), "is required (or vehicles)");
        const auto depart = c.in.time_of_day(item, "depart", here, true);
        const auto arrive = c.in.time_of_day(item, "arrive", here, true);
        const auto distance = c.in.number(item, "distance_km", here, false, at_least(0));
        const auto energy = c.in.number(item, "energy_kwh", here, false, at_least(0));
        if (item["distance_km"] && item["energy_kwh"])
            c.in.problem(item, here, "give distance_km or energy_kwh, not both");
        else if (!item["distance_km"] && !item["energy_kwh"])
            c.in.problem(item, YamlReader::join(here, "distance_km"), "is required (or energy_kwh)");
        const unsigned days = c.in.weekdays(item, "days", here);
        if (depart && arrive && *depart % kDay == *arrive % kDay)
            c.in.problem(item["arrive"], YamlReader::join(here, "arrive"), "must differ from depart");
        if (!depart || !arrive || !c.horizon_ok || (!distance && !energy))
            continue;
        // A trip arriving at an earlier time of day than it left comes back the next day.
        const Seconds length = ((*arrive - *depart) % kDay + kDay) % kDay;
        for (Seconds d = 0; d <= c.out.duration_s / kDay + 1; ++d) {
            const Seconds departure = d * kDay - c.start_second_of_day + *depart;
            if (departure < 0 || departure >= c.out.duration_s)
                continue;
            const int weekday = weekday_utc(c.out.start + std::chrono::seconds(departure));
            if ((days & (1u << weekday)) == 0)
                continue;
            for (const auto v : vehicles) {
                const double kwh = energy ? *energy : *distance * c.out.vehicles[v].consumption_kwh_per_km;
                c.out.trips.push_back(Trip{v, departure, departure + length, kwh});
                source.push_back(i);
            }
        }
    }
    // A vehicle cannot start a trip before it is back from the previous one: report each pair of
    // entries that collide once, at the later entry.
    std::vector<std::size_t> order(c.out.trips.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto &x = c.out.trips[a];
        const auto &y = c.out.trips[b];
        return x.vehicle != y.vehicle ? x.vehicle < y.vehicle : x.departure < y.departure;
    });
    std::set<std::pair<std::size_t, std::size_t>> reported;
    for (std::size_t k = 1; k < order.size(); ++k) {
        const auto &before = c.out.trips[order[k - 1]];
        const auto &after = c.out.trips[order[k]];
        if (before.vehicle != after.vehicle || after.departure >= before.arrival)
            continue;
        const auto pair = std::make_pair(source[order[k - 1]], source[order[k]]);
        if (!reported.insert(pair).second)
            continue;
        const auto here = YamlReader::index("schedule.trips", pair.second);
        c.in.problem(node[pair.second], here,
                     fmt::format("{} leaves before it is back from schedule.trips[{}]",
                                 c.out.vehicles[after.vehicle].id, pair.first));
    }
    std::stable_sort(c.out.trips.begin(), c.out.trips.end(),
                     [](const Trip &a, const Trip &b) { return a.departure < b.departure; });
}

void read_tariff(Context &c, const YAML::Node &root) {
    const auto node = root["tariff"];
    if (!node)
        return;
    if (!c.in.map(node, "tariff", {"default_price_per_kwh", "periods", "demand_charge_per_kw"}))
        return;
    auto &tariff = c.out.tariff;
    tariff.default_price_per_kwh = c.in.number(node, "default_price_per_kwh", "tariff", false).value_or(0);
    tariff.demand_charge_per_kw = c.in.number(node, "demand_charge_per_kw", "tariff", false, at_least(0)).value_or(0);
    const auto periods = node["periods"];
    if (!periods || !c.in.sequence(periods, "tariff.periods"))
        return;
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const auto here = YamlReader::index("tariff.periods", i);
        if (!c.in.map(periods[i], here, {"from", "to", "days", "price_per_kwh"}))
            continue;
        PricePeriod period;
        period.from_s = c.in.time_of_day(periods[i], "from", here, true).value_or(0);
        period.to_s = c.in.time_of_day(periods[i], "to", here, true).value_or(kDay);
        period.days = c.in.weekdays(periods[i], "days", here);
        period.price_per_kwh = c.in.number(periods[i], "price_per_kwh", here, true).value_or(0);
        tariff.periods.push_back(period);
    }
}

void read_top(Context &c, const YAML::Node &root) {
    if (!c.in.map(
            root, "",
            {"name", "horizon", "resolution_s", "seed", "strategy", "site", "chargers", "fleet", "schedule", "tariff"}))
        return;
    c.out.name = c.in.text(root, "name", "", false).value_or("scenario");
    read_horizon(c, root);
    c.out.resolution_s = c.in.integer(root, "resolution_s", "", false, 1).value_or(900);
    if (c.out.resolution_s > kDay) {
        c.in.problem(root["resolution_s"], "resolution_s", "must be at most 86400 (one day)");
        c.out.resolution_s = 900;
    }
    c.out.seed = static_cast<std::uint64_t>(c.in.integer(root, "seed", "", false, 0).value_or(1));
    c.out.strategy = c.in.text(root, "strategy", "", false).value_or("uncontrolled");
    if (!make_strategy(c.out.strategy))
        c.in.problem(root["strategy"], "strategy", "unknown; one of uncontrolled, balanced, edf, llf");
    read_site(c, root);
    read_chargers(c, root);
    read_fleet(c, root);
    read_schedule(c, root);
    read_tariff(c, root);
}

} // namespace

ParsedScenario parse_scenario(std::string_view yaml) {
    ParsedScenario parsed;
    YamlReader reader(parsed.problems);
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::ParserException &e) {
        parsed.problems.push_back(Problem{"(document)", e.msg, e.mark.line + 1, e.mark.column + 1});
        return parsed;
    }
    Context context{reader, parsed.scenario};
    try {
        read_top(context, root);
    } catch (const YAML::Exception &e) { // a shape the reads above did not foresee
        parsed.problems.push_back(Problem{"(document)", e.msg, e.mark.line + 1, e.mark.column + 1});
    }
    return parsed;
}

ParsedScenario load_scenario(const std::filesystem::path &file) {
    std::ifstream in(file);
    if (!in) {
        ParsedScenario parsed;
        parsed.problems.push_back(Problem{file.string(), "cannot be read", 0, 0});
        return parsed;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_scenario(text.str());
}

} // namespace manage::sim
