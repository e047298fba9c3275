#pragma once
#include "manage/core/tariff.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// The Store port for tariffs and which charger is billed by which. Embedded and production:
// SqlTariffRepository.
class TariffRepository {
public:
    virtual ~TariffRepository() = default;
    virtual std::vector<Tariff> list_tariffs() = 0;
    virtual std::optional<Tariff> find_tariff(const std::string &id) = 0;
    // Creates or replaces the tariff (keeping its created_at); true when it created it.
    virtual bool save_tariff(const Tariff &tariff) = 0;
    // False when there was none; a tariff chargers still use is not deleted (callers check).
    virtual bool delete_tariff(const std::string &id) = 0;
    virtual std::vector<std::string> chargers_billed_by(const std::string &tariff_id) = 0;
    // The charger's tariff id; nullopt: none.
    virtual std::optional<std::string> tariff_id_of(const std::string &charger_id) = 0;
    virtual void assign_tariff(const std::string &charger_id, const std::optional<std::string> &tariff_id) = 0;

    // A site's tariff bills every charger of the site that has none of its own.
    virtual std::vector<std::string> sites_billed_by(const std::string &tariff_id) = 0;
    virtual std::optional<std::string> site_tariff_id(const std::string &site_id) = 0;
    virtual void assign_site_tariff(const std::string &site_id, const std::optional<std::string> &tariff_id) = 0;
    // What bills the charger: its own tariff, else its site's; nullopt: none.
    virtual std::optional<std::string> billing_tariff_id_of(const std::string &charger_id) = 0;
};

} // namespace manage::core
