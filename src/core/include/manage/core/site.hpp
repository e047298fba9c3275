#pragma once
// Sites (depots) and their electrical tree: the grid connection at the root, load groups (sub-boards,
// feeders, charger groups) below it, each with a limit in kW or in A per phase that may vary by local
// time of day, and the chargers placed in them. Pure: what a smart-charging planner reads to keep
// every node within its limit. The only outside input is the system's time zone database.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

struct Address {
    std::string line1; // required
    std::string line2;
    std::string postcode;
    std::string city;    // required
    std::string country; // ISO 3166-1 alpha-2, two capital letters
    bool operator==(const Address &) const = default;
};

struct Site {
    std::string id;
    std::string organisation_id;
    std::string name; // 1–200 characters
    Address address;
    std::string timezone;     // IANA; load group schedules are in its local time
    double grid_limit_kw = 0; // the grid connection: > 0, ≤ 100000
    std::int64_t version = 1;
    TimePoint created_at{};
    TimePoint updated_at{};
};

// The site's own rules; the error names the field (`address/country`).
Result<void> check_site(const Site &site);

enum class LoadGroupKind { SubBoard, Feeder, ChargerGroup };
const char *to_string(LoadGroupKind kind);
std::optional<LoadGroupKind> parse_load_group_kind(const std::string &text);

enum class LimitUnit { Kw, A };
const char *to_string(LimitUnit unit);
std::optional<LimitUnit> parse_limit_unit(const std::string &text);

// A value for the days marked in `days` (Monday first) between two local times of day, in the unit
// of the limit it belongs to.
struct LimitWindow {
    std::array<bool, 7> days{};
    int start_minute = 0;  // after local midnight, inclusive
    int end_minute = 1440; // exclusive
    double value = 0;
    bool operator==(const LimitWindow &) const = default;
};

struct PowerLimit {
    LimitUnit unit = LimitUnit::Kw;
    double value = 0;                  // when no window applies
    int phases = 3;                    // A only: 1 or 3
    double voltage = 230;              // A only: phase-to-neutral volts
    std::vector<LimitWindow> schedule; // the first window that applies wins
    bool operator==(const PowerLimit &) const = default;
};

// A limit's rules, its fields named under `path` (`limit/schedule/2/start`).
Result<void> check_power_limit(const PowerLimit &limit, const std::string &path = "limit");

// `value` in the limit's unit as kW: A per phase × volts × phases / 1000.
double to_kw(const PowerLimit &limit, double value);
// The limit in kW in force at `at`, reading the schedule in `timezone`'s local time. Fails
// (`unknown_timezone`) for a zone the system does not know.
Result<double> limit_kw_at(const PowerLimit &limit, const std::string &timezone, TimePoint at);

struct LoadGroup {
    std::string id;
    std::string organisation_id;
    std::string site_id;
    std::string name; // 1–200 characters
    LoadGroupKind kind = LoadGroupKind::ChargerGroup;
    std::optional<std::string> parent_id; // nullopt: directly under the site
    PowerLimit limit;
    std::int64_t version = 1;
    TimePoint created_at{};
    TimePoint updated_at{};
};

// A load group's own rules (name, limit); where it sits is check_placement's.
Result<void> check_load_group(const LoadGroup &group);

// Load groups nest at most this deep below the site (a group right under the site is at depth 1).
inline constexpr int kMaxLoadGroupDepth = 5;

// Whether `group` may sit where its parent_id says among `site_groups` (the site's groups as stored,
// `group` itself included when it exists): the parent is one of them (`invalid_parent`), is not the
// group or one of its descendants (`invalid_parent`), and neither the group nor anything below it
// ends up deeper than kMaxLoadGroupDepth (`load_group_too_deep`). Errors name `parentId`.
Result<void> check_placement(const std::vector<LoadGroup> &site_groups, const LoadGroup &group);

// A charger as the tree shows it.
struct PlacedCharger {
    std::string id;
    std::optional<std::string> load_group_id; // nullopt: at the site, in no load group
    std::optional<double> max_power_kw;
    std::optional<int> phases;
};

struct LoadNode {
    LoadGroup group;
    std::vector<PlacedCharger> chargers;
    std::vector<LoadNode> children; // ordered by name, then id
};

struct SiteTree {
    Site site;
    std::vector<PlacedCharger> chargers; // at the site in no load group
    std::vector<LoadNode> children;      // the groups right under the site, ordered by name, then id
};

// The site's tree from its groups and chargers (chargers of a group not among `groups` sit at the site).
SiteTree build_site_tree(const Site &site, const std::vector<LoadGroup> &groups,
                         const std::vector<PlacedCharger> &chargers);

} // namespace manage::core
