#pragma once
// A site's bill for a calendar month under its tariff: the energy its sessions cost and the demand
// charge on the month's peak power across all its chargers.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/demand.hpp"

#include <cstdint>
#include <string>

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

class SiteBilling {
public:
    SiteBilling(Sites &sites, Tariffs &tariffs, SessionRepository &sessions, ChargerRepository &chargers)
        : sites_(sites), tariffs_(tariffs), sessions_(sessions), chargers_(chargers) {}

    // Fails `site_not_found`, `no_tariff` (the site has no tariff), or `invalid_parameter` (month).
    Result<SiteBill> bill(const std::string &organisation_id, const std::string &site_id, int year, int month);

private:
    Sites &sites_;
    Tariffs &tariffs_;
    SessionRepository &sessions_;
    ChargerRepository &chargers_;
};

} // namespace manage::core
