#include "manage/core/tariff.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace manage::core {
namespace {

constexpr std::array<const char *, 7> kWeekdays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

bool is_identifier(const std::string &id) {
    if (id.empty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool is_currency(const std::string &code) {
    return code.size() == 3 && std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isupper(c); });
}

bool is_price(double value) {
    return std::isfinite(value) && value >= 0;
}

Result<void> check_period(const TariffPeriod &period, const std::string &path) {
    if (std::none_of(period.days.begin(), period.days.end(), [](bool on) { return on; }))
        return fail("invalid_days", "a period applies on at least one day", path + "/days");
    if (period.start_minute < 0 || period.start_minute >= 1440)
        return fail("invalid_time_of_day", "'start' is a time of day from 00:00 to 23:59", path + "/start");
    if (period.end_minute <= period.start_minute || period.end_minute > 1440)
        return fail("invalid_time_of_day", "'end' is after 'start', at most 24:00", path + "/end");
    if (!is_price(period.price_per_kwh))
        return fail("invalid_price", "a price is a number of at least 0", path + "/pricePerKwh");
    return ok();
}

// Intervals longer than this come from a station's wrong clock: pricing them minute by minute would
// cost more than it tells, so they are priced at their end.
constexpr auto kLongestPricedInterval = std::chrono::days{7};

double interval_cost(const TariffClock &clock, const EnergyReading &from, const EnergyReading &to) {
    const double kwh = std::max(0.0, to.wh - from.wh) / 1000.0;
    if (kwh == 0)
        return 0;
    if (to.at <= from.at || to.at - from.at > kLongestPricedInterval)
        return kwh * clock.price_at(to.at);
    const double total = std::chrono::duration<double>(to.at - from.at).count();
    double cost = 0;
    for (auto at = from.at; at < to.at;) {
        const TimePoint minute_end = std::chrono::floor<std::chrono::minutes>(at) + std::chrono::minutes{1};
        const auto next = std::min(to.at, minute_end);
        cost += kwh * std::chrono::duration<double>(next - at).count() / total * clock.price_at(at);
        at = next;
    }
    return cost;
}

} // namespace

bool is_demand_interval(int minutes) {
    return minutes == 5 || minutes == 10 || minutes == 15 || minutes == 30 || minutes == 60;
}

std::optional<int> parse_time_of_day(const std::string &text) {
    if (text.size() != 5 || text[2] != ':' || !std::isdigit(static_cast<unsigned char>(text[0])) ||
        !std::isdigit(static_cast<unsigned char>(text[1])) || !std::isdigit(static_cast<unsigned char>(text[3])) ||
        !std::isdigit(static_cast<unsigned char>(text[4])))
        return std::nullopt;
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        return std::nullopt;
    return hours * 60 + minutes;
}

std::string format_time_of_day(int minute) {
    const int hours = minute / 60;
    const int minutes = minute % 60;
    std::string text(5, ':');
    text[0] = static_cast<char>('0' + hours / 10);
    text[1] = static_cast<char>('0' + hours % 10);
    text[3] = static_cast<char>('0' + minutes / 10);
    text[4] = static_cast<char>('0' + minutes % 10);
    return text;
}

std::optional<int> parse_weekday(const std::string &text) {
    for (int day = 0; day < 7; ++day)
        if (text == kWeekdays[static_cast<std::size_t>(day)])
            return day;
    return std::nullopt;
}

const char *weekday_name(int day) {
    return kWeekdays.at(static_cast<std::size_t>(day));
}

Result<void> check_tariff(const Tariff &tariff) {
    if (!is_identifier(tariff.id))
        return fail("invalid_id", "a tariff id is 1 to 64 letters, digits, '-', '_' or '.'", "id");
    if (tariff.name.empty())
        return fail("missing_field", "'name' is required", "name");
    if (!is_currency(tariff.currency))
        return fail("invalid_currency", "'currency' is an ISO 4217 code such as EUR", "currency");
    if (auto clock = TariffClock::of(tariff); !clock)
        return outcome::failure(clock.error());
    if (!is_price(tariff.price_per_kwh))
        return fail("invalid_price", "a price is a number of at least 0", "pricePerKwh");
    if (!is_price(tariff.session_fee))
        return fail("invalid_price", "a fee is a number of at least 0", "sessionFee");
    for (std::size_t i = 0; i < tariff.periods.size(); ++i) {
        BOOST_OUTCOME_TRY(check_period(tariff.periods[i], "periods/" + std::to_string(i)));
    }
    if (!is_price(tariff.demand_charge_per_kw))
        return fail("invalid_price", "a demand charge is a number of at least 0", "demandCharge/pricePerKw");
    if (!is_demand_interval(tariff.demand_interval_minutes))
        return fail("invalid_interval", "a demand interval is 5, 10, 15, 30 or 60 minutes",
                    "demandCharge/intervalMinutes");
    return ok();
}

Result<TariffClock> TariffClock::of(const Tariff &tariff) {
    try {
        return TariffClock(tariff, date::locate_zone(tariff.timezone));
    } catch (const std::exception &) {
        return fail("unknown_timezone", "'" + tariff.timezone + "' is not a time zone this system knows", "timezone");
    }
}

double TariffClock::price_at(TimePoint at) const {
    const auto *zone = static_cast<const date::time_zone *>(zone_);
    const auto local = zone->to_local(std::chrono::floor<std::chrono::seconds>(at));
    const auto day = std::chrono::floor<date::days>(local);
    const auto weekday = date::weekday(day).iso_encoding() - 1; // Monday 0
    const auto minute = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
    for (const auto &period : tariff_->periods)
        if (period.days[weekday] && minute >= period.start_minute && minute < period.end_minute)
            return period.price_per_kwh;
    return tariff_->price_per_kwh;
}

Result<double> session_cost(const Tariff &tariff, std::vector<EnergyReading> readings) {
    BOOST_OUTCOME_TRY(clock, TariffClock::of(tariff));
    std::stable_sort(readings.begin(), readings.end(),
                     [](const EnergyReading &a, const EnergyReading &b) { return a.at < b.at; });
    double cost = tariff.session_fee;
    for (std::size_t i = 1; i < readings.size(); ++i)
        cost += interval_cost(clock, readings[i - 1], readings[i]);
    return std::round(cost * 100.0) / 100.0;
}

} // namespace manage::core
