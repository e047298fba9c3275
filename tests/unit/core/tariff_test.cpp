// Tariffs: time-of-use prices in the depot's local time, and what a session costs under one
// (OCPP 2.0.1 I02/I03 totalCost).
#include "manage/common/time_format.hpp"
#include "manage/core/tariff.hpp"

#include <gtest/gtest.h>

using namespace manage;
using core::EnergyReading;
using core::Tariff;
using core::TariffPeriod;

namespace {

TimePoint at(const char *text) {
    return *parse_time(text);
}

// Weekdays 07:00–23:00 local at 0.40, otherwise 0.20, in Amsterdam.
Tariff day_night() {
    Tariff tariff;
    tariff.id = "depot-tou";
    tariff.name = "Depot time of use";
    tariff.currency = "EUR";
    tariff.timezone = "Europe/Amsterdam";
    tariff.price_per_kwh = 0.20;
    TariffPeriod day;
    day.days = {true, true, true, true, true, false, false};
    day.start_minute = 7 * 60;
    day.end_minute = 23 * 60;
    day.price_per_kwh = 0.40;
    tariff.periods.push_back(day);
    return tariff;
}

} // namespace

TEST(TariffClock, PricesByLocalTimeOfDayAndWeekdayThroughDaylightSaving) {
    const auto tariff = day_night();
    const auto clock = core::TariffClock::of(tariff);
    ASSERT_TRUE(clock);
    // Friday 27 November 2026: CET (UTC+1).
    EXPECT_DOUBLE_EQ(clock.value().price_at(at("2026-11-27T05:59:00Z")), 0.20); // 06:59 local
    EXPECT_DOUBLE_EQ(clock.value().price_at(at("2026-11-27T06:00:00Z")), 0.40); // 07:00 local
    EXPECT_DOUBLE_EQ(clock.value().price_at(at("2026-11-27T21:59:59Z")), 0.40); // 22:59:59 local
    EXPECT_DOUBLE_EQ(clock.value().price_at(at("2026-11-27T22:00:00Z")), 0.20); // 23:00 local
    // Friday 3 July 2026: CEST (UTC+2), so the same local hours are an hour earlier in UTC.
    EXPECT_DOUBLE_EQ(clock.value().price_at(at("2026-07-03T04:59:00Z")), 0.20);
    EXPECT_DOUBLE_EQ(clock.value().price_at(at("2026-07-03T05:00:00Z")), 0.40);
    // Saturday 28 November 2026, midday: the weekday period does not apply.
    EXPECT_DOUBLE_EQ(clock.value().price_at(at("2026-11-28T11:00:00Z")), 0.20);
    // 23:30 UTC on Sunday is 00:30 on Monday in Amsterdam, still before 07:00.
    EXPECT_DOUBLE_EQ(clock.value().price_at(at("2026-11-29T23:30:00Z")), 0.20);
}

TEST(SessionCost, SpreadsEachIntervalsEnergyOverItsMinutes) {
    auto tariff = day_night();
    tariff.session_fee = 0.50;
    // 10 kWh from 06:30 to 07:30 local: half at the night price, half at the day price.
    const auto cost = core::session_cost(
        tariff, {EnergyReading{at("2026-11-27T05:30:00Z"), 1000}, EnergyReading{at("2026-11-27T06:30:00Z"), 11000}});
    ASSERT_TRUE(cost);
    EXPECT_DOUBLE_EQ(cost.value(), 0.50 + 5 * 0.20 + 5 * 0.40);
}

TEST(SessionCost, SortsReadingsAndCountsAFallingRegisterAsNoEnergy) {
    const auto tariff = day_night();
    // Saturday, flat 0.20: 2 kWh, then a register reset (no energy), then 1 kWh; sent out of order.
    const auto cost = core::session_cost(
        tariff, {EnergyReading{at("2026-11-28T12:20:00Z"), 1000}, EnergyReading{at("2026-11-28T12:00:00Z"), 0},
                 EnergyReading{at("2026-11-28T12:10:00Z"), 2000}, EnergyReading{at("2026-11-28T12:15:00Z"), 0}});
    ASSERT_TRUE(cost);
    EXPECT_DOUBLE_EQ(cost.value(), 0.60);
    // One reading or none: only the fee.
    EXPECT_DOUBLE_EQ(core::session_cost(tariff, {EnergyReading{at("2026-11-28T12:00:00Z"), 5000}}).value(), 0.0);
}

TEST(SessionCost, RoundsToCents) {
    auto tariff = day_night();
    tariff.periods.clear();
    tariff.price_per_kwh = 0.3333;
    const auto cost = core::session_cost(
        tariff, {EnergyReading{at("2026-11-28T12:00:00Z"), 0}, EnergyReading{at("2026-11-28T13:00:00Z"), 7000}});
    ASSERT_TRUE(cost);
    EXPECT_DOUBLE_EQ(cost.value(), 2.33);
}

TEST(TariffCheck, NamesTheFieldThatIsWrong) {
    EXPECT_TRUE(core::check_tariff(day_night()));
    const auto field_of = [](Tariff tariff) {
        const auto checked = core::check_tariff(tariff);
        return checked ? std::string("ok") : checked.error().field;
    };
    auto tariff = day_night();
    tariff.id = "has space";
    EXPECT_EQ(field_of(tariff), "id");
    tariff = day_night();
    tariff.currency = "euro";
    EXPECT_EQ(field_of(tariff), "currency");
    tariff = day_night();
    tariff.timezone = "Europe/Atlantis";
    EXPECT_EQ(field_of(tariff), "timezone");
    tariff = day_night();
    tariff.price_per_kwh = -0.1;
    EXPECT_EQ(field_of(tariff), "pricePerKwh");
    tariff = day_night();
    tariff.periods[0].end_minute = tariff.periods[0].start_minute;
    EXPECT_EQ(field_of(tariff), "periods/0/end");
    tariff = day_night();
    tariff.periods[0].days = {};
    EXPECT_EQ(field_of(tariff), "periods/0/days");
}

TEST(TimeOfDay, IsHoursAndMinutesUpTo2400) {
    EXPECT_EQ(core::parse_time_of_day("00:00"), 0);
    EXPECT_EQ(core::parse_time_of_day("07:30"), 450);
    EXPECT_EQ(core::parse_time_of_day("24:00"), 1440);
    EXPECT_FALSE(core::parse_time_of_day("24:01"));
    EXPECT_FALSE(core::parse_time_of_day("7:30"));
    EXPECT_FALSE(core::parse_time_of_day("07:60"));
    EXPECT_EQ(core::format_time_of_day(450), "07:30");
    EXPECT_EQ(core::format_time_of_day(1440), "24:00");
    EXPECT_EQ(core::parse_weekday("Sun"), 6);
    EXPECT_FALSE(core::parse_weekday("sunday"));
}
