#include "manage/core/sql_authorization_repository.hpp"

#include "store/sql_support.hpp"

namespace manage::core {
namespace {

using sql::from_ms;
using sql::to_ms;

constexpr const char *kTagColumns =
    "id_tag, status, expiry, parent_id_tag, allow_concurrent_tx, created_at, updated_at, token_type, organisation_id";

IdTag tag_from_row(const soci::row &row) {
    IdTag tag;
    tag.id_tag = row.get<std::string>(0);
    tag.status = id_tag_status_from_string(row.get<std::string>(1)).value_or(IdTagStatus::Invalid);
    tag.expiry = sql::optional_time(row, 2);
    tag.parent_id_tag = row.get<std::string>(3);
    tag.allow_concurrent_tx = row.get<int>(4) != 0;
    tag.created_at = from_ms(row.get<long long>(5));
    tag.updated_at = from_ms(row.get<long long>(6));
    tag.type = row.get<std::string>(7);
    tag.organisation_id = row.get<std::string>(8);
    return tag;
}

std::vector<LocalListEntry> load_entries(soci::session &session, const std::string &charger_id,
                                         const std::string &kind) {
    std::vector<LocalListEntry> entries;
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT id_tag, status, expiry, parent_id_tag, token_type FROM local_list_entries "
                            "WHERE charger_id = :charger AND list_kind = :kind ORDER BY id_tag",
         soci::use(charger_id), soci::use(kind));
    for (const auto &row : rows) {
        IdTagInfo info{id_tag_status_from_string(row.get<std::string>(1)).value_or(IdTagStatus::Invalid),
                       sql::optional_time(row, 2), row.get<std::string>(3)};
        entries.push_back(LocalListEntry{row.get<std::string>(0), info, row.get<std::string>(4)});
    }
    return entries;
}

void replace_entries(soci::session &session, const std::string &charger_id, const std::string &kind,
                     const std::vector<LocalListEntry> &entries) {
    session << "DELETE FROM local_list_entries WHERE charger_id = :charger AND list_kind = :kind",
        soci::use(charger_id), soci::use(kind);
    for (const auto &entry : entries) {
        if (!entry.info)
            continue;
        const auto status = to_string(entry.info->status);
        auto expiry = sql::nullable_ms(entry.info->expiry);
        session << "INSERT INTO local_list_entries (charger_id, list_kind, id_tag, status, expiry, parent_id_tag, "
                   "token_type) VALUES (:charger, :kind, :tag, :status, :expiry, :parent, :type)",
            soci::use(charger_id), soci::use(kind), soci::use(entry.id_tag), soci::use(status),
            soci::use(expiry.value, expiry.indicator), soci::use(entry.info->parent_id_tag), soci::use(entry.type);
    }
}

// The local_lists row exists from the first change on.
void ensure_list_row(soci::session &session, const std::string &charger_id) {
    int count = 0;
    session << "SELECT COUNT(*) FROM local_lists WHERE charger_id = :charger", soci::use(charger_id), soci::into(count);
    if (count == 0)
        session << "INSERT INTO local_lists (charger_id) VALUES (:charger)", soci::use(charger_id);
}

} // namespace

std::optional<IdTag> SqlAuthorizationRepository::find_id_tag(const std::string &organisation_id,
                                                             const std::string &id_tag) {
    std::optional<IdTag> found;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT " << kTagColumns
                             << " FROM id_tags WHERE organisation_id = :org AND id_tag = :tag",
             soci::use(organisation_id), soci::use(id_tag));
        for (const auto &row : rows)
            found = tag_from_row(row);
    });
    return found;
}

std::vector<IdTag> SqlAuthorizationRepository::list_id_tags(const std::string &organisation_id) {
    std::vector<IdTag> tags;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows = (session.prepare << "SELECT " << kTagColumns
                                                        << " FROM id_tags WHERE organisation_id = :org ORDER BY id_tag",
                                        soci::use(organisation_id));
        for (const auto &row : rows)
            tags.push_back(tag_from_row(row));
    });
    return tags;
}

std::string SqlAuthorizationRepository::charger_organisation(const std::string &charger_id) {
    std::string organisation_id;
    database_.with_session([&](soci::session &session) {
        session << "SELECT organisation_id FROM chargers WHERE id = :id", soci::use(charger_id),
            soci::into(organisation_id);
    });
    return organisation_id;
}

bool SqlAuthorizationRepository::save_id_tag(const IdTag &tag) {
    bool created = false;
    const auto status = to_string(tag.status);
    auto expiry = sql::nullable_ms(tag.expiry);
    const int concurrent = tag.allow_concurrent_tx ? 1 : 0;
    const auto created_at = to_ms(tag.created_at);
    const auto updated_at = to_ms(tag.updated_at);
    database_.in_transaction([&](soci::session &session) {
        int count = 0;
        session << "SELECT COUNT(*) FROM id_tags WHERE organisation_id = :org AND id_tag = :tag",
            soci::use(tag.organisation_id), soci::use(tag.id_tag), soci::into(count);
        created = count == 0;
        if (created)
            session << "INSERT INTO id_tags (organisation_id, id_tag, status, expiry, parent_id_tag, "
                       "allow_concurrent_tx, created_at, updated_at, token_type) VALUES (:org, :tag, :status, "
                       ":expiry, :parent, :concurrent, :created, :updated, :type)",
                soci::use(tag.organisation_id), soci::use(tag.id_tag), soci::use(status),
                soci::use(expiry.value, expiry.indicator), soci::use(tag.parent_id_tag), soci::use(concurrent),
                soci::use(created_at), soci::use(updated_at), soci::use(tag.type);
        else
            session << "UPDATE id_tags SET status = :status, expiry = :expiry, parent_id_tag = :parent, "
                       "allow_concurrent_tx = :concurrent, updated_at = :updated, token_type = :type "
                       "WHERE organisation_id = :org AND id_tag = :tag",
                soci::use(status), soci::use(expiry.value, expiry.indicator), soci::use(tag.parent_id_tag),
                soci::use(concurrent), soci::use(updated_at), soci::use(tag.type), soci::use(tag.organisation_id),
                soci::use(tag.id_tag);
    });
    return created;
}

bool SqlAuthorizationRepository::delete_id_tag(const std::string &organisation_id, const std::string &id_tag) {
    bool deleted = false;
    database_.in_transaction([&](soci::session &session) {
        int count = 0;
        session << "SELECT COUNT(*) FROM id_tags WHERE organisation_id = :org AND id_tag = :tag",
            soci::use(organisation_id), soci::use(id_tag), soci::into(count);
        session << "DELETE FROM id_tags WHERE organisation_id = :org AND id_tag = :tag", soci::use(organisation_id),
            soci::use(id_tag);
        deleted = count > 0;
    });
    return deleted;
}

int SqlAuthorizationRepository::count_active_sessions(const std::string &id_tag, const std::string &charger_id,
                                                      int connector_id) {
    int count = 0;
    database_.with_session([&](soci::session &session) {
        session << "SELECT COUNT(*) FROM charging_sessions WHERE id_tag = :tag AND active = 1 "
                   "AND NOT (charger_id = :charger AND connector_id = :connector)",
            soci::use(id_tag), soci::use(charger_id), soci::use(connector_id), soci::into(count);
    });
    return count;
}

LocalListState SqlAuthorizationRepository::load_local_list(const std::string &charger_id) {
    LocalListState state;
    state.charger_id = charger_id;
    database_.with_session([&](soci::session &session) {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT version, desired_updated_at, last_sync_at, last_sync_status, last_update_type "
                                "FROM local_lists WHERE charger_id = :charger",
             soci::use(charger_id));
        for (const auto &row : rows) {
            state.version = row.get<int>(0);
            state.desired_updated_at = sql::optional_time(row, 1);
            state.last_sync_at = sql::optional_time(row, 2);
            state.last_sync_status = row.get<std::string>(3);
            state.last_update_type = row.get<std::string>(4);
        }
        state.desired = load_entries(session, charger_id, "desired");
        state.held = load_entries(session, charger_id, "held");
    });
    return state;
}

void SqlAuthorizationRepository::save_desired_entries(const std::string &charger_id,
                                                      const std::vector<LocalListEntry> &entries, TimePoint at) {
    const auto at_ms = to_ms(at);
    database_.in_transaction([&](soci::session &session) {
        ensure_list_row(session, charger_id);
        replace_entries(session, charger_id, "desired", entries);
        session << "UPDATE local_lists SET desired_updated_at = :at WHERE charger_id = :charger", soci::use(at_ms),
            soci::use(charger_id);
    });
}

void SqlAuthorizationRepository::record_sync(const std::string &charger_id, const LocalListUpdate &update,
                                             const std::string &status, bool accepted,
                                             const std::vector<LocalListEntry> &held, TimePoint at) {
    const auto at_ms = to_ms(at);
    const auto type = to_string(update.type);
    database_.in_transaction([&](soci::session &session) {
        ensure_list_row(session, charger_id);
        session << "UPDATE local_lists SET last_sync_at = :at, last_sync_status = :status, "
                   "last_update_type = :type WHERE charger_id = :charger",
            soci::use(at_ms), soci::use(status), soci::use(type), soci::use(charger_id);
        if (!accepted)
            return;
        session << "UPDATE local_lists SET version = :version WHERE charger_id = :charger", soci::use(update.version),
            soci::use(charger_id);
        replace_entries(session, charger_id, "held", held);
    });
}

} // namespace manage::core
