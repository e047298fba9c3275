#include "manage/core/demand.hpp"

#include <date/tz.h>

#include <algorithm>

namespace manage::core {
namespace {

using Seconds = std::chrono::duration<double>;

// Adds the energy of one interval between readings to the buckets it overlaps, in proportion.
void spread(std::vector<double> &buckets, TimePoint from, std::chrono::seconds interval, const EnergyReading &a,
            const EnergyReading &b) {
    const double wh = b.wh - a.wh;
    if (wh <= 0 || b.at <= a.at)
        return;
    const double total = Seconds(b.at - a.at).count();
    const auto bucket_of = [&](TimePoint at) { return (at - from) / interval; };
    const auto first = std::max<std::int64_t>(0, bucket_of(a.at));
    const auto last = std::min<std::int64_t>(static_cast<std::int64_t>(buckets.size()) - 1, bucket_of(b.at));
    for (auto i = first; i <= last; ++i) {
        const auto start = from + interval * i;
        const auto overlap = std::min(b.at, start + interval) - std::max(a.at, start);
        if (overlap.count() > 0)
            buckets[static_cast<std::size_t>(i)] += wh * Seconds(overlap).count() / total;
    }
}

} // namespace

std::vector<double> interval_energy_wh(const std::vector<std::vector<EnergyReading>> &sessions, TimePoint from,
                                       TimePoint to, std::chrono::seconds interval) {
    if (to <= from || interval.count() <= 0)
        return {};
    const auto count = static_cast<std::size_t>((to - from + interval - std::chrono::milliseconds(1)) / interval);
    std::vector<double> buckets(count, 0.0);
    for (auto readings : sessions) {
        std::stable_sort(readings.begin(), readings.end(),
                         [](const EnergyReading &a, const EnergyReading &b) { return a.at < b.at; });
        for (std::size_t i = 1; i < readings.size(); ++i)
            spread(buckets, from, interval, readings[i - 1], readings[i]);
    }
    return buckets;
}

DemandPeak peak_demand(const std::vector<std::vector<EnergyReading>> &sessions, TimePoint from, TimePoint to,
                       std::chrono::minutes interval) {
    const auto buckets = interval_energy_wh(sessions, from, to, interval);
    const auto peak = std::max_element(buckets.begin(), buckets.end());
    if (peak == buckets.end() || *peak <= 0)
        return {};
    const double hours = std::chrono::duration<double, std::ratio<3600>>(interval).count();
    return DemandPeak{*peak / 1000.0 / hours, from + interval * (peak - buckets.begin())};
}

Result<BillingPeriod> billing_month(const std::string &timezone, int year, int month) {
    if (month < 1 || month > 12 || year < 2000 || year > 2100)
        return fail("invalid_parameter", "'month' is YYYY-MM, from 2000-01 to 2100-12", "month");
    const date::time_zone *zone = nullptr;
    try {
        zone = date::locate_zone(timezone);
    } catch (const std::exception &) {
        return fail("unknown_timezone", "'" + timezone + "' is not a time zone this system knows", "timezone");
    }
    const auto first = date::year{year} / date::month{static_cast<unsigned>(month)} / 1;
    const auto next = first + date::months{1};
    // Midnight exists in every zone we bill in; `earliest` settles the rare zone that skips it.
    const auto start = zone->to_sys(date::local_days{first}, date::choose::earliest);
    const auto end = zone->to_sys(date::local_days{next}, date::choose::earliest);
    return BillingPeriod{std::chrono::time_point_cast<Duration>(start), std::chrono::time_point_cast<Duration>(end)};
}

} // namespace manage::core
