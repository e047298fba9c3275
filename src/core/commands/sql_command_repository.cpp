#include "manage/core/sql_command_repository.hpp"

#include <soci/soci.h>

#include <map>

namespace manage::core {
namespace {

long long to_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_ms(long long ms) {
    return TimePoint{std::chrono::milliseconds{ms}};
}

CommandRecord command_from_row(const soci::row &row) {
    CommandRecord r;
    r.id = row.get<std::string>(0);
    r.charger_id = row.get<std::string>(1);
    r.action = row.get<std::string>(2);
    r.request = row.get<std::string>(3);
    r.actor = Actor{row.get<std::string>(4), row.get<std::string>(5)};
    r.requested_at = from_ms(row.get<long long>(6));
    if (row.get_indicator(7) == soci::i_ok)
        r.finished_at = from_ms(row.get<long long>(7));
    r.outcome = row.get<std::string>(8);
    r.response = row.get<std::string>(9);
    r.error_code = row.get<std::string>(10);
    r.error_description = row.get<std::string>(11);
    return r;
}

} // namespace

void SqlCommandRepository::insert_command(const CommandRecord &r) {
    const long long requested_at = to_ms(r.requested_at);
    database_.with_session([&](soci::session &sql) {
        sql << "INSERT INTO command_audit (id, charger_id, action, request, actor_id, actor_name, requested_at, "
               "outcome) VALUES (:id, :charger, :action, :request, :actor_id, :actor_name, :at, :outcome)",
            soci::use(r.id), soci::use(r.charger_id), soci::use(r.action), soci::use(r.request), soci::use(r.actor.id),
            soci::use(r.actor.name), soci::use(requested_at), soci::use(r.outcome);
    });
}

void SqlCommandRepository::finish_command(const CommandRecord &r) {
    const long long finished_at = to_ms(r.finished_at.value_or(r.requested_at));
    database_.with_session([&](soci::session &sql) {
        sql << "UPDATE command_audit SET finished_at = :at, outcome = :outcome, response = :response, "
               "error_code = :code, error_description = :description WHERE id = :id",
            soci::use(finished_at), soci::use(r.outcome), soci::use(r.response), soci::use(r.error_code),
            soci::use(r.error_description), soci::use(r.id);
    });
}

std::vector<CommandRecord> SqlCommandRepository::commands(const std::string &charger_id, std::size_t limit) {
    std::vector<CommandRecord> records;
    const long long rows_wanted = static_cast<long long>(limit);
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT id, charger_id, action, request, actor_id, actor_name, requested_at, finished_at, "
                            "outcome, response, error_code, error_description FROM command_audit "
                            "WHERE charger_id = :charger ORDER BY requested_at DESC, id DESC LIMIT :n",
             soci::use(charger_id), soci::use(rows_wanted));
        for (const auto &row : rows)
            records.push_back(command_from_row(row));
    });
    return records;
}

void SqlCommandRepository::save_configuration(const std::string &charger_id, const ChargerConfiguration &configuration,
                                              bool complete, TimePoint at) {
    const long long updated_at = to_ms(at);
    database_.in_transaction([&](soci::session &sql) {
        if (complete)
            sql << "DELETE FROM charger_configuration WHERE charger_id = :charger", soci::use(charger_id);
        auto upsert = [&](const std::string &key, const std::optional<std::string> &value, int readonly, int unknown) {
            std::string text = value.value_or("");
            soci::indicator indicator = value ? soci::i_ok : soci::i_null;
            sql << "INSERT INTO charger_configuration (charger_id, config_key, value, readonly, unknown, updated_at) "
                   "VALUES (:charger, :key, :value, :readonly, :unknown, :at) ON CONFLICT (charger_id, config_key) "
                   "DO UPDATE SET value = excluded.value, readonly = excluded.readonly, unknown = excluded.unknown, "
                   "updated_at = excluded.updated_at",
                soci::use(charger_id), soci::use(key), soci::use(text, indicator), soci::use(readonly),
                soci::use(unknown), soci::use(updated_at);
        };
        for (const auto &entry : configuration.keys)
            upsert(entry.key, entry.value, entry.readonly ? 1 : 0, 0);
        for (const auto &key : configuration.unknown_keys)
            upsert(key, std::nullopt, 0, 1);
    });
}

void SqlCommandRepository::save_configuration_value(const std::string &charger_id, const std::string &key,
                                                    const std::string &value, TimePoint at) {
    const long long updated_at = to_ms(at);
    database_.with_session([&](soci::session &sql) {
        sql << "INSERT INTO charger_configuration (charger_id, config_key, value, readonly, unknown, updated_at) "
               "VALUES (:charger, :key, :value, 0, 0, :at) ON CONFLICT (charger_id, config_key) "
               "DO UPDATE SET value = excluded.value, unknown = 0, updated_at = excluded.updated_at",
            soci::use(charger_id), soci::use(key), soci::use(value), soci::use(updated_at);
    });
}

ChargerConfiguration SqlCommandRepository::configuration(const std::string &charger_id) {
    ChargerConfiguration configuration;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT config_key, value, readonly, unknown, updated_at FROM charger_configuration "
                            "WHERE charger_id = :charger ORDER BY config_key",
             soci::use(charger_id));
        for (const auto &row : rows) {
            const auto at = from_ms(row.get<long long>(4));
            if (!configuration.updated_at || at > *configuration.updated_at)
                configuration.updated_at = at;
            if (row.get<int>(3) != 0) {
                configuration.unknown_keys.push_back(row.get<std::string>(0));
                continue;
            }
            ConfigurationEntry entry{row.get<std::string>(0), std::nullopt, row.get<int>(2) != 0};
            if (row.get_indicator(1) == soci::i_ok)
                entry.value = row.get<std::string>(1);
            configuration.keys.push_back(std::move(entry));
        }
    });
    return configuration;
}

void SqlCommandRepository::save_charging_profile(const StoredChargingProfile &p) {
    const long long set_at = to_ms(p.set_at);
    database_.in_transaction([&](soci::session &sql) {
        sql << "DELETE FROM charging_profiles WHERE charger_id = :charger AND (profile_id = :id OR (connector_id = "
               ":connector AND purpose = :purpose AND stack_level = :level))",
            soci::use(p.charger_id), soci::use(p.profile_id), soci::use(p.connector_id), soci::use(p.purpose),
            soci::use(p.stack_level);
        sql << "INSERT INTO charging_profiles (charger_id, profile_id, connector_id, stack_level, purpose, profile, "
               "set_at) VALUES (:charger, :id, :connector, :level, :purpose, :profile, :at)",
            soci::use(p.charger_id), soci::use(p.profile_id), soci::use(p.connector_id), soci::use(p.stack_level),
            soci::use(p.purpose), soci::use(p.profile), soci::use(set_at);
    });
}

std::size_t SqlCommandRepository::clear_charging_profiles(const std::string &charger_id, const ProfileFilter &filter) {
    // Absent fields match anything: bind a flag with each so that one statement serves every filter.
    const int by_id = filter.profile_id ? 1 : 0;
    const int id = filter.profile_id.value_or(0);
    const int by_connector = filter.connector_id ? 1 : 0;
    const int connector = filter.connector_id.value_or(0);
    const int by_purpose = filter.purpose ? 1 : 0;
    const std::string purpose = filter.purpose.value_or("");
    const int by_level = filter.stack_level ? 1 : 0;
    const int level = filter.stack_level.value_or(0);
    long long removed = 0;
    database_.with_session([&](soci::session &sql) {
        soci::statement statement =
            (sql.prepare << "DELETE FROM charging_profiles WHERE charger_id = :charger AND ("
                            "(:by_id = 1 AND profile_id = :id) OR (:by_id2 = 0 AND "
                            "(:by_connector = 0 OR connector_id = :connector) AND "
                            "(:by_purpose = 0 OR purpose = :purpose) AND (:by_level = 0 OR stack_level = :level)))",
             soci::use(charger_id), soci::use(by_id), soci::use(id), soci::use(by_id), soci::use(by_connector),
             soci::use(connector), soci::use(by_purpose), soci::use(purpose), soci::use(by_level), soci::use(level));
        statement.execute(true);
        removed = statement.get_affected_rows();
    });
    return static_cast<std::size_t>(removed);
}

std::vector<StoredChargingProfile> SqlCommandRepository::charging_profiles(const std::string &charger_id) {
    std::vector<StoredChargingProfile> profiles;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT profile_id, connector_id, stack_level, purpose, profile, set_at FROM "
                            "charging_profiles WHERE charger_id = :charger ORDER BY connector_id, purpose, "
                            "stack_level, profile_id",
             soci::use(charger_id));
        for (const auto &row : rows)
            profiles.push_back(StoredChargingProfile{charger_id, row.get<int>(1), row.get<int>(0), row.get<int>(2),
                                                     row.get<std::string>(3), row.get<std::string>(4),
                                                     from_ms(row.get<long long>(5))});
    });
    return profiles;
}

void SqlCommandRepository::save_reservation(const Reservation &r) {
    const long long expiry = to_ms(r.expiry);
    const long long created_at = to_ms(r.created_at);
    const long long updated_at = to_ms(r.updated_at);
    database_.in_transaction([&](soci::session &sql) {
        sql << "DELETE FROM reservations WHERE charger_id = :charger AND reservation_id = :id", soci::use(r.charger_id),
            soci::use(r.reservation_id);
        sql << "INSERT INTO reservations (charger_id, reservation_id, connector_id, id_tag, parent_id_tag, expiry, "
               "status, created_at, updated_at) VALUES (:charger, :id, :connector, :tag, :parent, :expiry, :status, "
               ":created, :updated)",
            soci::use(r.charger_id), soci::use(r.reservation_id), soci::use(r.connector_id), soci::use(r.id_tag),
            soci::use(r.parent_id_tag), soci::use(expiry), soci::use(r.status), soci::use(created_at),
            soci::use(updated_at);
    });
}

bool SqlCommandRepository::set_reservation_status(const std::string &charger_id, int reservation_id,
                                                  const std::string &status, TimePoint at) {
    const long long updated_at = to_ms(at);
    long long changed = 0;
    database_.with_session([&](soci::session &sql) {
        soci::statement statement =
            (sql.prepare << "UPDATE reservations SET status = :status, updated_at = :at WHERE charger_id = :charger "
                            "AND reservation_id = :id",
             soci::use(status), soci::use(updated_at), soci::use(charger_id), soci::use(reservation_id));
        statement.execute(true);
        changed = statement.get_affected_rows();
    });
    return changed > 0;
}

std::vector<Reservation> SqlCommandRepository::reservations(const std::string &charger_id) {
    std::vector<Reservation> reservations;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT reservation_id, connector_id, id_tag, parent_id_tag, expiry, status, created_at, "
                            "updated_at FROM reservations WHERE charger_id = :charger ORDER BY created_at DESC, "
                            "reservation_id DESC",
             soci::use(charger_id));
        for (const auto &row : rows)
            reservations.push_back(Reservation{charger_id, row.get<int>(0), row.get<int>(1), row.get<std::string>(2),
                                               row.get<std::string>(3), from_ms(row.get<long long>(4)),
                                               row.get<std::string>(5), from_ms(row.get<long long>(6)),
                                               from_ms(row.get<long long>(7))});
    });
    return reservations;
}

} // namespace manage::core
