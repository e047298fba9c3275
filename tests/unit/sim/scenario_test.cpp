#include "manage/common/time_format.hpp"
#include "manage/sim/scenario.hpp"

#include <gtest/gtest.h>

namespace manage::sim {
namespace {

TEST(StepSeries, HoldsEachValueUntilTheNextPointAndIsZeroBefore) {
    StepSeries series{{{100, 5.0}, {200, 7.0}}};
    EXPECT_EQ(series.at(99), 0.0);
    EXPECT_EQ(series.at(100), 5.0);
    EXPECT_EQ(series.at(199), 5.0);
    EXPECT_EQ(series.at(5000), 7.0);
}

TEST(Weekday, CountsFromMonday) {
    EXPECT_EQ(weekday_utc(parse_time("2026-03-02T00:00:00Z").value()), 0); // a Monday
    EXPECT_EQ(weekday_utc(parse_time("2026-03-08T23:59:59Z").value()), 6); // the Sunday after
    EXPECT_EQ(weekday_utc(parse_time("1970-01-01T00:00:00Z").value()), 3); // a Thursday
}

TEST(PriceAt, AppliesPeriodsByTimeOfDayAndWeekdayAndSaysWhenThePriceChanges) {
    Tariff tariff;
    tariff.default_price_per_kwh = 0.30;
    tariff.periods = {PricePeriod{22 * 3600, 6 * 3600, 0x7F, 0.10},   // every night, across midnight
                      PricePeriod{17 * 3600, 20 * 3600, 0x1F, 0.50}}; // weekday evenings
    const auto monday = parse_time("2026-03-02T00:00:00Z").value();
    auto p = price_at(tariff, monday, 0); // 00:00 Monday: night
    EXPECT_DOUBLE_EQ(p.price_per_kwh, 0.10);
    EXPECT_EQ(p.next_change, 6 * 3600);
    p = price_at(tariff, monday, 12 * 3600); // noon: the default until 17:00
    EXPECT_DOUBLE_EQ(p.price_per_kwh, 0.30);
    EXPECT_EQ(p.next_change, 17 * 3600);
    p = price_at(tariff, monday, 18 * 3600);
    EXPECT_DOUBLE_EQ(p.price_per_kwh, 0.50);
    p = price_at(tariff, monday, 5 * 86'400 + 18 * 3600); // Saturday 18:00: no evening peak
    EXPECT_DOUBLE_EQ(p.price_per_kwh, 0.30);
    p = price_at(tariff, monday, 23 * 3600); // 23:00: night again, next change at midnight
    EXPECT_DOUBLE_EQ(p.price_per_kwh, 0.10);
    EXPECT_EQ(p.next_change, 24 * 3600);
}

TEST(CurveLimit, InterpolatesBetweenPointsAndIsFlatBeyondThem) {
    Charger charger;
    charger.max_kw = 150;
    charger.curve = {{0.1, 120}, {0.8, 150}, {1.0, 50}};
    EXPECT_DOUBLE_EQ(curve_limit_kw(charger, 0.0), 120);
    EXPECT_DOUBLE_EQ(curve_limit_kw(charger, 0.45), 135); // halfway from 120 to 150
    EXPECT_DOUBLE_EQ(curve_limit_kw(charger, 0.9), 100);  // halfway from 150 to 50
    EXPECT_DOUBLE_EQ(curve_limit_kw(charger, 1.0), 50);
    charger.curve.clear();
    charger.efficiency = 0.9;
    EXPECT_DOUBLE_EQ(curve_limit_kw(charger, 0.5), 135); // no curve: the charger's power, battery side
}

} // namespace
} // namespace manage::sim
