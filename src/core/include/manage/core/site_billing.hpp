#pragma once
// A site's bill for a calendar month under its tariff: the energy its sessions cost and the demand
// charge on the month's peak power across all its chargers.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/demand.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace manage::core {

class ChargerRepository;
class SessionRepository;
class Sites;
class Tariffs;

struct SiteBill {
    std::string site_id;
    std::string tariff_id;
    std::string currency;
    int year = 0;
    int month = 0;
    BillingPeriod period;
    std::int64_t sessions = 0;       // started in the month at the site's chargers
    double energy_kwh = 0;           // of those sessions (active ones so far)
    double energy_cost = 0;          // their costs in the site tariff's currency
    std::int64_t other_currency = 0; // sessions billed by a charger's own tariff in another currency
    DemandPeak peak;                 // across every session delivering in the month
    double demand_charge = 0;
    double total = 0;
};

// A site's metered power over a time range: the average over each step, from its chargers' session
// energy registers (what the demand charge is billed on), with the site's grid limit.
struct SitePowerSeries {
    std::string site_id;
    double grid_limit_kw = 0;
    std::chrono::seconds step{};
    std::vector<std::pair<TimePoint, double>> kw; // each step's start and its average kW
};

class SiteBilling {
public:
    SiteBilling(Sites &sites, Tariffs &tariffs, SessionRepository &sessions, ChargerRepository &chargers)
        : sites_(sites), tariffs_(tariffs), sessions_(sessions), chargers_(chargers) {}

    // Fails `site_not_found`, `no_tariff` (the site has no tariff), or `invalid_parameter` (month).
    Result<SiteBill> bill(const std::string &organisation_id, const std::string &site_id, int year, int month);
    // Steps of `step` from `from` (the last one may end after `to`). Fails `site_not_found`.
    Result<SitePowerSeries> power(const std::string &organisation_id, const std::string &site_id, TimePoint from,
                                  TimePoint to, std::chrono::seconds step);

private:
    Sites &sites_;
    Tariffs &tariffs_;
    SessionRepository &sessions_;
    ChargerRepository &chargers_;
};

} // namespace manage::core
