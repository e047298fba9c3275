#include "soci_database.hpp"

#include "migrator.hpp"
#include "session_setup.hpp"

#include "manage/common/logging.hpp"

#include <soci/soci.h>

#include <vector>

namespace manage::infra::detail {
namespace {

std::shared_ptr<spdlog::logger> log() {
    return logger("store");
}

void rollback_quietly(soci::session &sql) {
    try {
        sql << "ROLLBACK";
    } catch (const std::exception &error) {
        log()->warn("rollback failed: {}", error.what());
    }
}

// The transactions this thread has open, innermost last: at most one per database, and a thread may
// hold transactions on several databases (the Store and the message log's items file).
struct OpenTransaction {
    const SociDatabase *database;
    soci::session *session;
};
thread_local std::vector<OpenTransaction> open_transactions;

class TransactionScope {
public:
    TransactionScope(const SociDatabase *database, soci::session &session) {
        open_transactions.push_back({database, &session});
    }
    ~TransactionScope() { open_transactions.pop_back(); }
    TransactionScope(const TransactionScope &) = delete;
    TransactionScope &operator=(const TransactionScope &) = delete;
};

} // namespace

Result<std::unique_ptr<Database>> SociDatabase::connect(DatabaseTarget target, std::size_t pool_size) {
    auto pool = std::make_unique<soci::connection_pool>(pool_size);
    try {
        for (std::size_t i = 0; i < pool_size; ++i)
            open_session(pool->at(i), target.dialect, target.connect_string);
    } catch (const std::exception &error) {
        return fail("database_unavailable",
                    "cannot open database " + target.display + ": " + redact(error.what(), target.password));
    }
    log()->info("opened database {} with {} session(s)", target.display, pool_size);
    return std::unique_ptr<Database>(new SociDatabase(std::move(target), std::move(pool)));
}

SociDatabase::SociDatabase(DatabaseTarget target, std::unique_ptr<soci::connection_pool> pool)
    : target_(std::move(target)), pool_(std::move(pool)) {}

SociDatabase::~SociDatabase() = default;

soci::session *SociDatabase::open_transaction() const {
    for (const auto &open : open_transactions)
        if (open.database == this)
            return open.session;
    return nullptr;
}

bool SociDatabase::in_transaction_now() const {
    return open_transaction() != nullptr;
}

void SociDatabase::with_session(const std::function<void(soci::session &)> &work) {
    if (auto *joined = open_transaction()) {
        work(*joined);
        return;
    }
    soci::session sql(*pool_);
    try {
        work(sql);
    } catch (const soci::soci_error &) {
        reconnect_if_lost(sql);
        throw;
    }
}

void SociDatabase::reconnect_if_lost(soci::session &sql) const {
    if (sql.is_connected())
        return;
    try {
        sql.reconnect();
        prepare_session(sql, target_.dialect);
        log()->info("reconnected a session to {}", target_.display);
    } catch (const std::exception &error) {
        log()->warn("cannot reconnect to {}: {}", target_.display, redact(error.what(), target_.password));
    }
}

// SQLite takes the write lock at BEGIN IMMEDIATE, so concurrent writers wait for each other (busy
// timeout) instead of failing when a read lock cannot be upgraded.
void SociDatabase::in_transaction(const std::function<void(soci::session &)> &work) {
    if (auto *joined = open_transaction()) {
        work(*joined); // an exception rolls back the outermost transaction
        return;
    }
    with_session([&](soci::session &sql) {
        sql << (target_.dialect == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
        try {
            const TransactionScope scope(this, sql);
            work(sql);
            sql << "COMMIT";
        } catch (...) {
            rollback_quietly(sql);
            throw;
        }
    });
}

Result<int> SociDatabase::migrate(const std::vector<Migration> &migrations) {
    return apply_migrations(*this, migrations);
}

int SociDatabase::schema_version() {
    return read_schema_version(*this);
}

bool SociDatabase::ping() {
    try {
        with_session([](soci::session &sql) {
            int one = 0;
            sql << "SELECT 1", soci::into(one);
        });
        return true;
    } catch (const std::exception &error) {
        log()->warn("database {} does not answer: {}", target_.display, redact(error.what(), target_.password));
        return false;
    }
}

} // namespace manage::infra::detail
