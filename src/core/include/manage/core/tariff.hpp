#pragma once
// Tariffs: what energy costs at a depot by local time of day and day of week, and what a charging
// session costs under one. Pure: the only outside input is the system's time zone database.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// A price for the days marked in `days` (Monday first) between two local times of day.
struct TariffPeriod {
    std::array<bool, 7> days{};
    int start_minute = 0;  // after local midnight, inclusive
    int end_minute = 1440; // exclusive; 1440: the end of the day
    double price_per_kwh = 0;
    bool operator==(const TariffPeriod &) const = default;
};

struct Tariff {
    std::string id;
    std::string name;
    std::string currency;              // ISO 4217, three capital letters
    std::string timezone;              // IANA name; the periods are in its local time
    double price_per_kwh = 0;          // when no period applies
    double session_fee = 0;            // once per session
    std::vector<TariffPeriod> periods; // the first that applies wins
    TimePoint created_at{};
    TimePoint updated_at{};
    std::string organisation_id = "default";
    // The demand charge: per kW of the billing period's (a calendar month in `timezone`) highest
    // average power over `demand_interval_minutes`, across all the chargers of a site it bills.
    double demand_charge_per_kw = 0;
    int demand_interval_minutes = 15; // 5, 10, 15, 30 or 60
};

// The tariff's own rules: an id of 1–64 letters, digits, '-', '_' or '.'; a name; a currency code; a
// time zone the system knows; prices and fee ≥ 0; periods naming at least one day, with
// 0 ≤ start < end ≤ 1440. The error names the field (`periods/2/end`).
Result<void> check_tariff(const Tariff &tariff);

// The demand intervals a grid operator meters by.
bool is_demand_interval(int minutes);

// "HH:MM" (00:00–24:00) as minutes after midnight.
std::optional<int> parse_time_of_day(const std::string &text);
std::string format_time_of_day(int minute);
// "Mon" … "Sun" as 0 … 6.
std::optional<int> parse_weekday(const std::string &text);
const char *weekday_name(int day);

// A reading of a session's energy register.
struct EnergyReading {
    TimePoint at{};
    double wh = 0;
};

class TariffClock {
public:
    // Fails (`unknown_timezone`) when the system's time zone database has no `timezone`.
    static Result<TariffClock> of(const Tariff &tariff);
    // The price per kWh in force at `at`.
    double price_at(TimePoint at) const;

private:
    TariffClock(const Tariff &tariff, const void *zone) : tariff_(&tariff), zone_(zone) {}
    const Tariff *tariff_;
    const void *zone_; // date::time_zone, kept out of this header
};

// What a session with these register readings costs: the session fee plus, between each reading and
// the next, the energy delivered (a falling register counts as none) spread evenly over the time between
// them and priced minute by minute. Rounded to 2 decimals. Readings need not be sorted.
Result<double> session_cost(const Tariff &tariff, std::vector<EnergyReading> readings);

} // namespace manage::core
