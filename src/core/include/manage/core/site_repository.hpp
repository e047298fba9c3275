#pragma once
#include "manage/common/result.hpp"
#include "manage/core/conditional_write.hpp"
#include "manage/core/site.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// A charger's place and power as an admin sets them (nullopt: unset).
struct ChargerPlacement {
    std::optional<std::string> site_id;
    std::optional<std::string> load_group_id;
    std::optional<double> max_power_kw;
    std::optional<int> phases;
    std::optional<std::string> name;
};

struct ConnectorSettings {
    std::optional<std::string> type;
    std::optional<double> max_power_kw;
};

// The Store port for sites, load groups and where chargers sit. Every call is scoped to one
// organisation: another's records are not there. `expected` is an If-Match version (nullopt: any).
// Embedded and production: SqlSiteRepository.
class SiteRepository {
public:
    virtual ~SiteRepository() = default;

    virtual std::vector<Site> list_sites(const std::string &organisation_id) = 0; // by name, then id
    virtual std::optional<Site> find_site(const std::string &organisation_id, const std::string &id) = 0;
    virtual void insert_site(const Site &site) = 0;
    // Writes name, address, timezone, grid limit and updated_at; the version grows by one.
    virtual WriteOutcome update_site(const Site &site, std::optional<std::int64_t> expected) = 0;
    // Refused (`site_in_use`, naming them) while load groups or chargers are in the site.
    virtual WriteOutcome delete_site(const std::string &organisation_id, const std::string &id,
                                     std::optional<std::int64_t> expected) = 0;

    virtual std::vector<LoadGroup> list_load_groups(const std::string &organisation_id,
                                                    const std::string &site_id) = 0; // by name, then id
    virtual std::optional<LoadGroup> find_load_group(const std::string &organisation_id, const std::string &site_id,
                                                     const std::string &id) = 0;
    // Inserts (`create`) or updates the group in one transaction that holds the site's tree still, after
    // `check` has accepted it against the site's groups as they are then. Missing when the site (or, for
    // an update, the group) is not there.
    using TreeCheck = std::function<Result<void>(const std::vector<LoadGroup> &site_groups)>;
    virtual WriteOutcome save_load_group(const LoadGroup &group, bool create, std::optional<std::int64_t> expected,
                                         const TreeCheck &check) = 0;
    // Refused (`load_group_in_use`, naming them) while groups or chargers are in it.
    virtual WriteOutcome delete_load_group(const std::string &organisation_id, const std::string &site_id,
                                           const std::string &id, std::optional<std::int64_t> expected) = 0;

    // The chargers in the site, with their group and power.
    virtual std::vector<PlacedCharger> chargers_in_site(const std::string &organisation_id,
                                                        const std::string &site_id) = 0;
    // The charger's place and power; Missing when the organisation has no such charger.
    virtual WriteOutcome place_charger(const std::string &organisation_id, const std::string &charger_id,
                                       const ChargerPlacement &placement, std::optional<std::int64_t> expected) = 0;
    // The connector's type and power (the row is made when the charger has not reported the connector);
    // the charger's version grows by one.
    virtual WriteOutcome save_connector(const std::string &organisation_id, const std::string &charger_id, int evse_id,
                                        int connector_id, const ConnectorSettings &settings, TimePoint now,
                                        std::optional<std::int64_t> expected) = 0;
};

} // namespace manage::core
