#include "manage/core/site_billing.hpp"

#include "manage/core/charger_repository.hpp"
#include "manage/core/session_repository.hpp"
#include "manage/core/sites.hpp"
#include "manage/core/tariffs.hpp"

#include <cmath>

namespace manage::core {
namespace {

// A session delivering in the month may have started before it; longer ones are rare enough that
// their energy before the window is simply left out of the peak.
constexpr auto kLongestSession = std::chrono::days{7};
constexpr int kPage = 1000;

double cents(double amount) {
    return std::round(amount * 100.0) / 100.0;
}

std::vector<Session> sessions_at(SessionRepository &sessions, const std::string &organisation_id,
                                 const std::string &charger_id, TimePoint from, TimePoint to) {
    SessionQuery query;
    query.organisation_id = organisation_id;
    query.charger_id = charger_id;
    query.started_from = from;
    query.started_to = to;
    query.order = SessionOrder::StartedAscending;
    query.limit = kPage;
    std::vector<Session> found;
    for (;;) {
        auto page = sessions.page(query);
        found.insert(found.end(), page.items.begin(), page.items.end());
        if (!page.next)
            return found;
        query.after = page.next;
    }
}

} // namespace

Result<SiteBill> SiteBilling::bill(const std::string &organisation_id, const std::string &site_id, int year,
                                   int month) {
    if (!sites_.find(organisation_id, site_id))
        return fail("site_not_found", "no site '" + site_id + "'", "siteId");
    const auto tariff_id = tariffs_.site_tariff_id(site_id);
    const auto tariff = tariff_id ? tariffs_.find(organisation_id, *tariff_id) : std::nullopt;
    if (!tariff)
        return fail("no_tariff", "no tariff bills site '" + site_id + "': PUT /api/v1/sites/" + site_id + "/tariff",
                    "siteId");
    BOOST_OUTCOME_TRY(period, billing_month(tariff->timezone, year, month));
    SiteBill bill;
    bill.site_id = site_id;
    bill.tariff_id = tariff->id;
    bill.currency = tariff->currency;
    bill.year = year;
    bill.month = month;
    bill.period = period;
    std::vector<std::vector<EnergyReading>> delivering;
    for (const auto &charger : chargers_.list(organisation_id)) {
        if (charger.site_id != site_id)
            continue;
        for (const auto &session :
             sessions_at(sessions_, organisation_id, charger.id, period.from - kLongestSession, period.to)) {
            delivering.push_back(tariffs_.register_readings(charger.id, session.transaction_id));
            if (session.started_at < period.from)
                continue;
            ++bill.sessions;
            bill.energy_kwh += static_cast<double>(session.energy_wh.value_or(0)) / 1000.0;
            const auto cost = session.cost_amount
                                  ? std::optional(SessionCost{*session.cost_amount, session.cost_currency, ""})
                                  : tariffs_.session_cost(charger.id, session.transaction_id);
            if (cost && cost->currency == bill.currency)
                bill.energy_cost += cost->amount;
            else if (cost)
                ++bill.other_currency;
        }
    }
    bill.peak = peak_demand(delivering, period.from, period.to, std::chrono::minutes(tariff->demand_interval_minutes));
    bill.energy_cost = cents(bill.energy_cost);
    bill.demand_charge = cents(bill.peak.kw * tariff->demand_charge_per_kw);
    bill.total = cents(bill.energy_cost + bill.demand_charge);
    return bill;
}

Result<SitePowerSeries> SiteBilling::power(const std::string &organisation_id, const std::string &site_id,
                                           TimePoint from, TimePoint to, std::chrono::seconds step) {
    const auto site = sites_.find(organisation_id, site_id);
    if (!site)
        return fail("site_not_found", "no site '" + site_id + "'", "siteId");
    std::vector<std::vector<EnergyReading>> delivering;
    for (const auto &charger : chargers_.list(organisation_id)) {
        if (charger.site_id != site_id)
            continue;
        for (const auto &session : sessions_at(sessions_, organisation_id, charger.id, from - kLongestSession, to))
            if (!session.stopped_at || *session.stopped_at >= from)
                delivering.push_back(tariffs_.register_readings(charger.id, session.transaction_id));
    }
    SitePowerSeries series{site_id, site->grid_limit_kw, step, {}};
    const double hours = std::chrono::duration<double, std::ratio<3600>>(step).count();
    const auto energy = interval_energy_wh(delivering, from, to, step);
    for (std::size_t i = 0; i < energy.size(); ++i)
        series.kw.emplace_back(from + step * static_cast<std::int64_t>(i), energy[i] / 1000.0 / hours);
    return series;
}

} // namespace manage::core
