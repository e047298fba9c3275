#include "session_setup.hpp"

#include "manage/common/logging.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace manage::infra::detail {
namespace {

constexpr int kSqliteBusyTimeoutMs = 5000;
constexpr int kSqliteCheckpointPages = 10'000;

void prepare_sqlite(soci::session &sql) {
    sql << "PRAGMA busy_timeout = " + std::to_string(kSqliteBusyTimeoutMs);
    sql << "PRAGMA foreign_keys = ON";
    std::string journal_mode;
    sql << "PRAGMA journal_mode = WAL", soci::into(journal_mode);
    if (journal_mode != "wal")
        logger("store")->warn("SQLite kept journal mode '{}' instead of WAL", journal_mode);
    sql << "PRAGMA synchronous = NORMAL"; // safe with WAL: a crash may lose the last commits, never corrupts
    // Checkpoint after ~40 MB of WAL rather than SQLite's 4 MB: a page written by many commits in
    // between is copied into the database once, and under MeterValues load the server answers about
    // a fifth more messages (docs/performance.md). Readers pay a slightly longer WAL index lookup.
    sql << "PRAGMA wal_autocheckpoint = " + std::to_string(kSqliteCheckpointPages);
}

} // namespace

void open_session(soci::session &sql, Dialect dialect, const std::string &connect_string) {
    if (dialect == Dialect::sqlite)
        sql.open(soci::sqlite3, connect_string);
    else
        sql.open(soci::postgresql, connect_string);
    prepare_session(sql, dialect);
}

void prepare_session(soci::session &sql, Dialect dialect) {
    if (dialect == Dialect::sqlite)
        prepare_sqlite(sql);
    else
        sql << "SET client_min_messages TO WARNING";
}

} // namespace manage::infra::detail
