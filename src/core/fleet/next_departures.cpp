#include "manage/core/fleet.hpp"

#include <date/tz.h>

#include <algorithm>

namespace manage::core {
namespace {

// The instant of a local time: a time skipped by a change to summer time is the instant of the change,
// a time that happens twice when clocks go back is its first occurrence (so the vehicle is ready for
// either).
date::sys_seconds instant_of(const date::time_zone &zone, date::local_seconds local) {
    const auto info = zone.get_info(local);
    if (info.result == date::local_info::nonexistent)
        return info.first.end;
    return date::sys_seconds{local.time_since_epoch() - info.first.offset};
}

UpcomingDeparture upcoming(const Departure &departure, const Vehicle &vehicle, TimePoint at) {
    UpcomingDeparture next;
    next.departure_id = departure.id;
    next.kind = departure.kind;
    next.name = departure.name;
    next.at = at;
    if (departure.energy_kwh) {
        next.energy_kwh = *departure.energy_kwh;
        next.soc = *departure.energy_kwh * 100.0 / vehicle.battery_kwh;
    } else {
        next.soc = departure.soc.value_or(0);
        next.energy_kwh = next.soc * vehicle.battery_kwh / 100.0;
    }
    return next;
}

} // namespace

Result<std::vector<UpcomingDeparture>> next_departures(const Vehicle &vehicle, const std::vector<Departure> &departures,
                                                       TimePoint from, TimePoint to) {
    const date::time_zone *zone = nullptr;
    try {
        zone = date::locate_zone(vehicle.timezone);
    } catch (const std::exception &) {
        return fail("unknown_timezone", "'" + vehicle.timezone + "' is not a time zone this system knows", "timezone");
    }
    std::vector<UpcomingDeparture> found;
    if (to <= from)
        return found;
    // Local days from the one before `from` to the one after `to`: a zone's offset is under a day.
    const auto first_day =
        std::chrono::floor<date::days>(zone->to_local(std::chrono::floor<std::chrono::seconds>(from))) - date::days{1};
    const auto last_day =
        std::chrono::floor<date::days>(zone->to_local(std::chrono::floor<std::chrono::seconds>(to))) + date::days{1};
    for (const auto &departure : departures) {
        if (departure.kind == DepartureKind::Trip) {
            if (departure.at >= from && departure.at < to)
                found.push_back(upcoming(departure, vehicle, departure.at));
            continue;
        }
        for (auto day = first_day; day <= last_day; day += date::days{1}) {
            const auto weekday = date::weekday(day).iso_encoding() - 1; // Monday 0
            if (!departure.days[weekday])
                continue;
            const TimePoint at = instant_of(*zone, day + std::chrono::minutes{departure.minute});
            if (at >= from && at < to)
                found.push_back(upcoming(departure, vehicle, at));
        }
    }
    std::sort(found.begin(), found.end(), [](const UpcomingDeparture &a, const UpcomingDeparture &b) {
        return a.at != b.at ? a.at < b.at : a.departure_id < b.departure_id;
    });
    return found;
}

} // namespace manage::core
