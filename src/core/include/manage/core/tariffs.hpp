#pragma once
// Tariffs and which charger each bills, and what a session costs under its charger's tariff (OCPP 2.0.1
// TransactionEventResponse.totalCost). Store through its ports.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/session_repository.hpp"
#include "manage/core/tariff_repository.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace manage::core {

struct SessionCost {
    double amount = 0;
    std::string currency;
    std::string tariff_id;
};

class Tariffs {
public:
    Tariffs(TariffRepository &tariffs, SessionRepository &sessions, const Clock &clock);

    // One organisation's tariffs; another organisation's tariff is not found.
    std::vector<Tariff> list(const std::string &organisation_id);
    std::optional<Tariff> find(const std::string &organisation_id, const std::string &id);
    // Checks, then creates or replaces in tariff.organisation_id; the stored tariff and whether it was
    // created. Fails `tariff_id_taken` when another organisation has a tariff with that id.
    Result<std::pair<Tariff, bool>> put(Tariff tariff);
    // Fails `tariff_in_use` (naming the chargers or sites) while one is billed by it; false: no such tariff.
    Result<bool> remove(const std::string &organisation_id, const std::string &id);

    // The charger must exist in `organisation_id` (callers check); nullopt takes its tariff away. Fails
    // `tariff_not_found` for a tariff that is not the organisation's.
    Result<void> assign(const std::string &organisation_id, const std::string &charger_id,
                        const std::optional<std::string> &tariff_id);
    // What bills the charger: its own tariff, else its site's.
    std::optional<Tariff> tariff_of(const std::string &charger_id);

    // The site must exist in `organisation_id` (callers check); nullopt takes its tariff away. Fails
    // `tariff_not_found` for a tariff that is not the organisation's.
    Result<void> assign_to_site(const std::string &organisation_id, const std::string &site_id,
                                const std::optional<std::string> &tariff_id);
    std::optional<std::string> site_tariff_id(const std::string &site_id);
    // To be called when a charger moves to another site: its site's tariff may bill it now.
    void billing_changed() { forget_billing(); }

    // What session `transaction_id` of `charger_id` costs so far, from its energy register readings;
    // nullopt when no tariff bills the charger.
    std::optional<SessionCost> session_cost(const std::string &charger_id, std::int64_t transaction_id);
    // The session's energy register readings as pricing uses them (for 1.6 with meterStart/meterStop).
    std::vector<EnergyReading> register_readings(const std::string &charger_id, std::int64_t transaction_id);
    // The charger's own tariff id, not its site's.
    std::optional<std::string> own_tariff_id(const std::string &charger_id) {
        return tariffs_.tariff_id_of(charger_id);
    }

private:
    void forget_billing();

    TariffRepository &tariffs_;
    SessionRepository &sessions_;
    const Clock &clock_;
    // Each charger's tariff (nullopt: none), as every 2.0.1 TransactionEvent asks for it. This process
    // is the only writer, so any change here empties it.
    std::mutex billing_mutex_;
    std::unordered_map<std::string, std::optional<Tariff>> billing_;
    std::uint64_t billing_generation_ = 0; // moves with every change, so a read racing one is not kept
};

} // namespace manage::core
