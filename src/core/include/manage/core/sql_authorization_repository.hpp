#pragma once
#include "manage/core/authorization_repository.hpp"
#include "manage/infra/database.hpp"

namespace manage::core {

class SqlAuthorizationRepository final : public AuthorizationRepository {
public:
    explicit SqlAuthorizationRepository(infra::Database &database) : database_(database) {}
    std::optional<IdTag> find_id_tag(const std::string &organisation_id, const std::string &id_tag) override;
    std::vector<IdTag> list_id_tags(const std::string &organisation_id) override;
    std::string charger_organisation(const std::string &charger_id) override;
    bool save_id_tag(const IdTag &tag) override;
    bool delete_id_tag(const std::string &organisation_id, const std::string &id_tag) override;
    int count_active_sessions(const std::string &id_tag, const std::string &charger_id, int connector_id) override;
    LocalListState load_local_list(const std::string &charger_id) override;
    void save_desired_entries(const std::string &charger_id, const std::vector<LocalListEntry> &entries,
                              TimePoint at) override;
    void record_sync(const std::string &charger_id, const LocalListUpdate &update, const std::string &status,
                     bool accepted, const std::vector<LocalListEntry> &held, TimePoint at) override;

private:
    infra::Database &database_;
};

} // namespace manage::core
