// The demand charge's arithmetic: a site's peak interval across its sessions, and billing months in
// local time.
#include "manage/common/time_format.hpp"
#include "manage/core/demand.hpp"

#include <gtest/gtest.h>

using namespace manage;
using namespace std::chrono_literals;
using core::EnergyReading;

namespace {

TimePoint at(const char *text) {
    return *parse_time(text);
}

} // namespace

TEST(PeakDemand, TheBusiestIntervalAcrossAllSessionsSetsThePeak) {
    // 11 kW for an hour from 10:00, and 50 kW from 10:30 to 10:45: 61 kW in 10:30–10:45.
    const std::vector<std::vector<EnergyReading>> sessions{
        {{at("2026-11-02T10:00:00Z"), 0}, {at("2026-11-02T11:00:00Z"), 11000}},
        {{at("2026-11-02T10:45:00Z"), 12500}, {at("2026-11-02T10:30:00Z"), 0}}, // readings in any order
    };
    const auto peak = core::peak_demand(sessions, at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), 15min);
    EXPECT_NEAR(peak.kw, 61.0, 1e-9);
    EXPECT_EQ(peak.interval_start, at("2026-11-02T10:30:00Z"));
}

TEST(PeakDemand, EnergyIsSpreadEvenlyOverTheIntervalsBetweenReadings) {
    // 30 kWh between 10:10 and 10:40 is 60 kW throughout; the 10:15–10:30 interval is the only full one.
    const std::vector<std::vector<EnergyReading>> one{
        {{at("2026-11-02T10:10:00Z"), 1000}, {at("2026-11-02T10:40:00Z"), 31000}}};
    const auto peak = core::peak_demand(one, at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), 15min);
    EXPECT_NEAR(peak.kw, 60.0, 1e-9);
    EXPECT_EQ(peak.interval_start, at("2026-11-02T10:15:00Z"));
    // Hourly metering averages it: 30 kWh in the 10:00–11:00 hour.
    EXPECT_NEAR(core::peak_demand(one, at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), 60min).kw, 30.0, 1e-9);
}

TEST(PeakDemand, OnlyTheBillingPeriodCountsAndAFallingRegisterIsNothing) {
    const std::vector<std::vector<EnergyReading>> sessions{
        // 22 kW from 23:00 on 31 October to 01:00 on 1 November: only the November hour counts.
        {{at("2026-10-31T23:00:00Z"), 0}, {at("2026-11-01T01:00:00Z"), 44000}},
        // A register reset: no energy, not a negative one.
        {{at("2026-11-03T10:00:00Z"), 90000}, {at("2026-11-03T10:15:00Z"), 100}},
    };
    const auto peak = core::peak_demand(sessions, at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), 15min);
    EXPECT_NEAR(peak.kw, 22.0, 1e-9);
    EXPECT_EQ(peak.interval_start, at("2026-11-01T00:00:00Z"));
    EXPECT_EQ(core::peak_demand({}, at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), 15min).kw, 0.0);
}

TEST(BillingMonth, AMonthRunsFromLocalMidnightToLocalMidnightThroughClockChanges) {
    const auto november = core::billing_month("Europe/Berlin", 2026, 11);
    ASSERT_TRUE(november);
    EXPECT_EQ(november.value().from, at("2026-10-31T23:00:00Z"));
    EXPECT_EQ(november.value().to, at("2026-11-30T23:00:00Z"));
    // March has the change to summer time: it starts at UTC+1 and ends at UTC+2.
    const auto march = core::billing_month("Europe/Berlin", 2026, 3);
    ASSERT_TRUE(march);
    EXPECT_EQ(march.value().from, at("2026-02-28T23:00:00Z"));
    EXPECT_EQ(march.value().to, at("2026-03-31T22:00:00Z"));
    const auto december = core::billing_month("UTC", 2026, 12);
    ASSERT_TRUE(december);
    EXPECT_EQ(december.value().to, at("2027-01-01T00:00:00Z"));
}

TEST(BillingMonth, BadMonthsAndZonesAreRefused) {
    EXPECT_EQ(core::billing_month("UTC", 2026, 13).error().field, "month");
    EXPECT_EQ(core::billing_month("UTC", 1999, 1).error().code, "invalid_parameter");
    EXPECT_EQ(core::billing_month("Mars/Olympus", 2026, 1).error().code, "unknown_timezone");
}

TEST(DemandTariff, TheDemandChargeIsCheckedWithTheTariff) {
    core::Tariff tariff;
    tariff.id = "depot";
    tariff.name = "Depot";
    tariff.currency = "EUR";
    tariff.timezone = "Europe/Berlin";
    tariff.price_per_kwh = 0.2;
    tariff.demand_charge_per_kw = 12.5;
    EXPECT_TRUE(core::check_tariff(tariff));
    tariff.demand_interval_minutes = 7;
    EXPECT_EQ(core::check_tariff(tariff).error().field, "demandCharge/intervalMinutes");
    tariff.demand_interval_minutes = 30;
    tariff.demand_charge_per_kw = -1;
    EXPECT_EQ(core::check_tariff(tariff).error().field, "demandCharge/pricePerKw");
}

TEST(IntervalEnergy, EachStepHoldsTheEnergyDeliveredInIt) {
    // 60 kW from 10:10 to 10:40 (30 kWh) in 10-minute steps from 10:00 to 10:50: the 10:00 step gets
    // none, 10:10–10:40 get 10 kWh each, 10:40 none; a step that would start at `to` is not made.
    const std::vector<std::vector<EnergyReading>> one{
        {{at("2026-11-02T10:10:00Z"), 1000}, {at("2026-11-02T10:40:00Z"), 31000}}};
    const auto steps = core::interval_energy_wh(one, at("2026-11-02T10:00:00Z"), at("2026-11-02T10:50:00Z"), 10min);
    ASSERT_EQ(steps.size(), 5u);
    EXPECT_NEAR(steps[0], 0.0, 1e-9);
    EXPECT_NEAR(steps[1], 10000.0, 1e-9);
    EXPECT_NEAR(steps[2], 10000.0, 1e-9);
    EXPECT_NEAR(steps[3], 10000.0, 1e-9);
    EXPECT_NEAR(steps[4], 0.0, 1e-9);
    // A range that is not a whole number of steps gets a last, partial one.
    EXPECT_EQ(core::interval_energy_wh(one, at("2026-11-02T10:00:00Z"), at("2026-11-02T10:45:00Z"), 10min).size(), 5u);
    EXPECT_TRUE(core::interval_energy_wh(one, at("2026-11-02T10:00:00Z"), at("2026-11-02T10:00:00Z"), 10min).empty());
}
