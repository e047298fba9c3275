#include "migrator.hpp"

#include "sql_statements.hpp"

#include "manage/common/logging.hpp"
#include "manage/common/time_format.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

namespace manage::infra::detail {
namespace {

constexpr const char *kCreateMigrationsTable = "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                               "version INTEGER PRIMARY KEY, "
                                               "name TEXT NOT NULL, "
                                               "applied_at TEXT NOT NULL)";

std::string describe(const Migration &migration) {
    return "migration " + std::to_string(migration.version) + " (" + migration.name + ")";
}

Result<std::vector<Migration>> sorted_checked(std::vector<Migration> migrations) {
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        if (migrations[i].version < 1)
            return fail("bad_migrations", describe(migrations[i]) + ": versions start at 1");
        if (i > 0 && migrations[i].version == migrations[i - 1].version)
            return fail("bad_migrations", describe(migrations[i]) + ": version " +
                                              std::to_string(migrations[i].version) + " is used twice");
    }
    return migrations;
}

void create_migrations_table(soci::session &sql) {
    try {
        sql << kCreateMigrationsTable;
    } catch (const soci::soci_error &) {
        // PostgreSQL fails IF NOT EXISTS when another node creates the table at the same moment;
        // any other failure shows again in the query that follows.
    }
}

int version_in(soci::session &sql) {
    create_migrations_table(sql);
    int version = 0;
    sql << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", soci::into(version);
    return version;
}

bool already_applied(soci::session &sql, int version) {
    int count = 0;
    sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :version", soci::use(version), soci::into(count);
    return count > 0;
}

// Runs one migration in its own transaction. Another process may be migrating the same database:
// PostgreSQL serialises on a table lock, SQLite on BEGIN IMMEDIATE; the loser finds the version recorded.
Result<bool> apply_one(Database &database, const Migration &migration) {
    bool applied = false;
    try {
        database.in_transaction([&](soci::session &sql) {
            if (database.dialect() == Dialect::postgresql)
                sql << "LOCK TABLE schema_migrations IN EXCLUSIVE MODE";
            if (already_applied(sql, migration.version))
                return;
            for (const auto &statement : split_sql_statements(migration.sql))
                sql << statement;
            const auto applied_at = format_time(SystemClock::now());
            sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :applied_at)",
                soci::use(migration.version), soci::use(migration.name), soci::use(applied_at);
            applied = true;
        });
    } catch (const std::exception &error) {
        return fail("migration_failed", describe(migration) + " failed: " + error.what());
    }
    if (applied)
        logger("store")->info("applied {}", describe(migration));
    return applied;
}

} // namespace

Result<int> apply_migrations(Database &database, const std::vector<Migration> &migrations) {
    BOOST_OUTCOME_TRY(ordered, sorted_checked(migrations));
    int current = 0;
    std::set<int> recorded;
    try {
        database.with_session([&](soci::session &sql) {
            current = version_in(sql);
            soci::rowset<int> versions = sql.prepare << "SELECT version FROM schema_migrations";
            recorded.insert(versions.begin(), versions.end());
        });
    } catch (const std::exception &error) {
        return fail("migration_failed", std::string("cannot read the schema version: ") + error.what());
    }
    const int known = ordered.empty() ? 0 : ordered.back().version;
    if (current > known)
        return fail("schema_too_new", "the database is at schema version " + std::to_string(current) +
                                          ", newer than this build knows (" + std::to_string(known) +
                                          "): run a newer build, or restore a matching backup");
    int count = 0;
    // Every migration not yet recorded, lower ones too: branches that each added one can land in any order.
    for (const auto &migration : ordered) {
        if (recorded.contains(migration.version))
            continue;
        BOOST_OUTCOME_TRY(applied, apply_one(database, migration));
        count += applied ? 1 : 0;
    }
    return count;
}

int read_schema_version(Database &database) {
    int version = 0;
    database.with_session([&](soci::session &sql) { version = version_in(sql); });
    return version;
}

} // namespace manage::infra::detail
