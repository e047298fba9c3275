#pragma once
#include "manage/core/site_repository.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

class SqlSiteRepository final : public SiteRepository {
public:
    explicit SqlSiteRepository(infra::Database &database) : database_(database) {}

    std::vector<Site> list_sites(const std::string &organisation_id) override;
    std::optional<Site> find_site(const std::string &organisation_id, const std::string &id) override;
    void insert_site(const Site &site) override;
    WriteOutcome update_site(const Site &site, std::optional<std::int64_t> expected) override;
    WriteOutcome delete_site(const std::string &organisation_id, const std::string &id,
                             std::optional<std::int64_t> expected) override;

    std::vector<LoadGroup> list_load_groups(const std::string &organisation_id, const std::string &site_id) override;
    std::optional<LoadGroup> find_load_group(const std::string &organisation_id, const std::string &site_id,
                                             const std::string &id) override;
    WriteOutcome save_load_group(const LoadGroup &group, bool create, std::optional<std::int64_t> expected,
                                 const TreeCheck &check) override;
    WriteOutcome delete_load_group(const std::string &organisation_id, const std::string &site_id,
                                   const std::string &id, std::optional<std::int64_t> expected) override;

    std::vector<PlacedCharger> chargers_in_site(const std::string &organisation_id,
                                                const std::string &site_id) override;
    WriteOutcome place_charger(const std::string &organisation_id, const std::string &charger_id,
                               const ChargerPlacement &placement, std::optional<std::int64_t> expected) override;
    WriteOutcome save_connector(const std::string &organisation_id, const std::string &charger_id, int evse_id,
                                int connector_id, const ConnectorSettings &settings, TimePoint now,
                                std::optional<std::int64_t> expected) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
