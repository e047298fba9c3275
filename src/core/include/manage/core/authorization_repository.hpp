#pragma once
#include "manage/core/id_tag.hpp"
#include "manage/core/local_list.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// The Store port for ID tags and local lists. Embedded and production: SqlAuthorizationRepository.
class AuthorizationRepository {
public:
    virtual ~AuthorizationRepository() = default;
    virtual std::optional<IdTag> find_id_tag(const std::string &organisation_id, const std::string &id_tag) = 0;
    virtual std::vector<IdTag> list_id_tags(const std::string &organisation_id) = 0;
    // The organisation a charger belongs to; empty when there is no such charger.
    virtual std::string charger_organisation(const std::string &charger_id) = 0;
    // Creates or replaces the tag (keeping its created_at); true when it created it.
    virtual bool save_id_tag(const IdTag &tag) = 0;
    virtual bool delete_id_tag(const std::string &organisation_id, const std::string &id_tag) = 0;
    // Active sessions of the tag, except those on `charger_id`'s `connector_id` (a charger that starts
    // again on a connector has lost the session it had there).
    virtual int count_active_sessions(const std::string &id_tag, const std::string &charger_id, int connector_id) = 0;

    virtual LocalListState load_local_list(const std::string &charger_id) = 0;
    virtual void save_desired_entries(const std::string &charger_id, const std::vector<LocalListEntry> &entries,
                                      TimePoint at) = 0;
    // Records the charger's answer; when `accepted`, its held list becomes `held` at `update.version`.
    virtual void record_sync(const std::string &charger_id, const LocalListUpdate &update, const std::string &status,
                             bool accepted, const std::vector<LocalListEntry> &held, TimePoint at) = 0;
};

} // namespace manage::core
