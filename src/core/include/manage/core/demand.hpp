#pragma once
// A site's peak demand: the highest average power over a metering interval, summed across the
// site's charging sessions, as a grid operator bills it. Pure.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/tariff.hpp"

#include <chrono>
#include <vector>

namespace manage::core {

struct DemandPeak {
    double kw = 0;              // 0 when nothing was delivered
    TimePoint interval_start{}; // of the (first) interval with the peak
};

// Each session's register readings (any order) are spread evenly between consecutive readings, as
// session costs are, and summed into the intervals of [from, to) that start at `from`; the peak is the
// interval with the most energy, as average kW. A falling register counts as none.
// The energy (Wh) of those sessions in each interval of [from, to) starting at `from`, spread as for
// the peak; the last interval may end after `to`. Empty for an empty range or interval.
std::vector<double> interval_energy_wh(const std::vector<std::vector<EnergyReading>> &sessions, TimePoint from,
                                       TimePoint to, std::chrono::seconds interval);

DemandPeak peak_demand(const std::vector<std::vector<EnergyReading>> &sessions, TimePoint from, TimePoint to,
                       std::chrono::minutes interval);

struct BillingPeriod {
    TimePoint from{}; // local midnight of the month's first day
    TimePoint to{};   // local midnight of the next month's first day
};

// A calendar month in `timezone`. Fails `unknown_timezone`, or `invalid_parameter` (field `month`)
// for a month outside 1–12 or a year outside 2000–2100.
Result<BillingPeriod> billing_month(const std::string &timezone, int year, int month);

} // namespace manage::core
