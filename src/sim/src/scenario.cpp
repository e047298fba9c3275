#include "manage/sim/scenario.hpp"

#include <algorithm>

namespace manage::sim {

double StepSeries::at(Seconds t) const {
    // The last point at or before t.
    auto it = std::upper_bound(points.begin(), points.end(), t,
                               [](Seconds value, const auto &point) { return value < point.first; });
    return it == points.begin() ? 0.0 : std::prev(it)->second;
}

namespace {

constexpr Seconds kDay = 86'400;

Seconds epoch_seconds(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

Seconds floor_mod(Seconds a, Seconds b) {
    const Seconds r = a % b;
    return r < 0 ? r + b : r;
}

bool covers(const PricePeriod &period, int weekday, Seconds second_of_day) {
    if ((period.days & (1u << weekday)) == 0)
        return false;
    if (period.from_s <= period.to_s)
        return second_of_day >= period.from_s && second_of_day < period.to_s;
    return second_of_day >= period.from_s || second_of_day < period.to_s; // wraps past midnight
}

} // namespace

int weekday_utc(TimePoint t) {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const Seconds days = (epoch_seconds(t) - floor_mod(epoch_seconds(t), kDay)) / kDay;
    return static_cast<int>(floor_mod(days + 3, 7));
}

PriceAt price_at(const Tariff &tariff, TimePoint start, Seconds t) {
    const Seconds absolute = epoch_seconds(start) + t;
    const Seconds second_of_day = floor_mod(absolute, kDay);
    const int weekday = weekday_utc(start + std::chrono::seconds(t));
    PriceAt result{tariff.default_price_per_kwh, t + (kDay - second_of_day)}; // midnight at the latest
    for (const auto &period : tariff.periods) {
        if (covers(period, weekday, second_of_day))
            result.price_per_kwh = period.price_per_kwh; // later periods win
        for (const Seconds boundary : {Seconds{period.from_s}, Seconds{period.to_s}})
            if (boundary > second_of_day && boundary < kDay)
                result.next_change = std::min(result.next_change, t + (boundary - second_of_day));
    }
    return result;
}

double curve_limit_kw(const Charger &charger, double soc) {
    const auto &curve = charger.curve;
    if (curve.empty())
        return charger.max_kw * charger.efficiency;
    if (soc <= curve.front().soc)
        return curve.front().max_kw;
    for (std::size_t i = 1; i < curve.size(); ++i) {
        if (soc <= curve[i].soc) {
            const auto &a = curve[i - 1];
            const auto &b = curve[i];
            const double span = b.soc - a.soc;
            return span <= 0 ? b.max_kw : a.max_kw + (b.max_kw - a.max_kw) * (soc - a.soc) / span;
        }
    }
    return curve.back().max_kw;
}

} // namespace manage::sim
