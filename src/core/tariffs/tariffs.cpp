#include "manage/core/tariffs.hpp"

#include "manage/common/logging.hpp"

namespace manage::core {
namespace {

constexpr const char *kEnergyRegister = "Energy.Active.Import.Register";
// Enough readings for a day-long session sampled every 10 s.
constexpr int kMostReadings = 10000;

std::string joined(const std::vector<std::string> &names) {
    std::string text;
    for (const auto &name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

} // namespace

Tariffs::Tariffs(TariffRepository &tariffs, SessionRepository &sessions, const Clock &clock)
    : tariffs_(tariffs), sessions_(sessions), clock_(clock) {}

std::vector<Tariff> Tariffs::list(const std::string &organisation_id) {
    auto all = tariffs_.list_tariffs();
    std::erase_if(all, [&](const Tariff &tariff) { return tariff.organisation_id != organisation_id; });
    return all;
}

std::optional<Tariff> Tariffs::find(const std::string &organisation_id, const std::string &id) {
    auto tariff = tariffs_.find_tariff(id);
    if (tariff && tariff->organisation_id != organisation_id)
        return std::nullopt;
    return tariff;
}

Result<std::pair<Tariff, bool>> Tariffs::put(Tariff tariff) {
    if (auto checked = check_tariff(tariff); !checked)
        return outcome::failure(checked.error());
    if (const auto existing = tariffs_.find_tariff(tariff.id);
        existing && existing->organisation_id != tariff.organisation_id)
        return fail("tariff_id_taken", "the tariff id '" + tariff.id + "' is in use: choose another", "tariffId");
    const auto now = clock_.now();
    tariff.created_at = now;
    tariff.updated_at = now;
    const bool created = tariffs_.save_tariff(tariff);
    forget_billing();
    return std::pair{tariffs_.find_tariff(tariff.id).value_or(tariff), created};
}

Result<bool> Tariffs::remove(const std::string &organisation_id, const std::string &id) {
    if (!find(organisation_id, id))
        return false;
    const auto chargers = tariffs_.chargers_billed_by(id);
    if (!chargers.empty())
        return fail("tariff_in_use", "tariff '" + id + "' still bills " + joined(chargers), "id");
    const auto sites = tariffs_.sites_billed_by(id);
    if (!sites.empty())
        return fail("tariff_in_use", "tariff '" + id + "' still bills the sites " + joined(sites), "id");
    const bool deleted = tariffs_.delete_tariff(id);
    forget_billing();
    return deleted;
}

Result<void> Tariffs::assign(const std::string &organisation_id, const std::string &charger_id,
                             const std::optional<std::string> &tariff_id) {
    if (tariff_id && !find(organisation_id, *tariff_id))
        return fail("tariff_not_found", "no tariff '" + *tariff_id + "'", "tariffId");
    tariffs_.assign_tariff(charger_id, tariff_id);
    forget_billing();
    return ok();
}

Result<void> Tariffs::assign_to_site(const std::string &organisation_id, const std::string &site_id,
                                     const std::optional<std::string> &tariff_id) {
    if (tariff_id && !find(organisation_id, *tariff_id))
        return fail("tariff_not_found", "no tariff '" + *tariff_id + "'", "tariffId");
    tariffs_.assign_site_tariff(site_id, tariff_id);
    forget_billing();
    return ok();
}

std::optional<std::string> Tariffs::site_tariff_id(const std::string &site_id) {
    return tariffs_.site_tariff_id(site_id);
}

std::optional<Tariff> Tariffs::tariff_of(const std::string &charger_id) {
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(billing_mutex_);
        if (const auto it = billing_.find(charger_id); it != billing_.end())
            return it->second;
        generation = billing_generation_;
    }
    const auto id = tariffs_.billing_tariff_id_of(charger_id);
    auto tariff = id ? tariffs_.find_tariff(*id) : std::nullopt;
    std::lock_guard lock(billing_mutex_);
    if (generation == billing_generation_)
        billing_[charger_id] = tariff;
    return tariff;
}

void Tariffs::forget_billing() {
    std::lock_guard lock(billing_mutex_);
    billing_.clear();
    ++billing_generation_;
}

std::optional<SessionCost> Tariffs::session_cost(const std::string &charger_id, std::int64_t transaction_id) {
    const auto tariff = tariff_of(charger_id);
    if (!tariff)
        return std::nullopt;
    const auto cost = core::session_cost(*tariff, register_readings(charger_id, transaction_id));
    if (!cost) {
        logger("core")->warn("[charger={}] no cost for session {}: {}", charger_id, transaction_id,
                             cost.error().message);
        return std::nullopt;
    }
    return SessionCost{cost.value(), tariff->currency, tariff->id};
}

std::vector<EnergyReading> Tariffs::register_readings(const std::string &charger_id, std::int64_t transaction_id) {
    MeterQuery query;
    query.transaction_id = transaction_id;
    query.charger_id = charger_id;
    query.measurand = kEnergyRegister;
    query.limit = kMostReadings;
    std::vector<EnergyReading> readings;
    for (const auto &value : sessions_.meter_values(query))
        if (value.phase.empty() && value.location != "EV" && value.value)
            readings.push_back(EnergyReading{value.timestamp, *value.value});
    // An OCPP 1.6 session's meterStart and meterStop are register readings too (2.0.1 sends its
    // readings as meter values only).
    if (const auto session = sessions_.find(transaction_id); session && session->station_transaction_id.empty()) {
        readings.push_back(EnergyReading{session->started_at, static_cast<double>(session->meter_start_wh)});
        if (session->stopped_at && session->meter_stop_wh)
            readings.push_back(EnergyReading{*session->stopped_at, static_cast<double>(*session->meter_stop_wh)});
    }
    return readings;
}

} // namespace manage::core
