#pragma once
#include "manage/common/result.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace manage::infra {

enum class Dialect { sqlite, postgresql };

// One schema change, applied once, in version order, inside a transaction. The SQL must run on
// both SQLite and PostgreSQL (see docs/ports.md for the common subset we use).
struct Migration {
    int version;
    std::string name;
    std::string sql; // one or more statements separated by ';'
};

// The Store port's engine: a pool of SOCI sessions over SQLite (embedded) or PostgreSQL.
class Database {
public:
    virtual ~Database() = default;

    // url: sqlite://PATH (the file and its directory are created) or postgresql://user:pw@host:port/db
    static Result<std::unique_ptr<Database>> open(const std::string &url, std::size_t pool_size = 4);

    virtual Dialect dialect() const = 0;
    // Runs `work` with a pooled session; blocks while all sessions are busy. Inside in_transaction on
    // the same thread, `work` runs in that transaction.
    virtual void with_session(const std::function<void(soci::session &)> &work) = 0;
    // Runs `work` inside a transaction; it commits when `work` returns and rolls back when it throws
    // (the exception propagates). Called inside another in_transaction on the same thread, it joins
    // that transaction: everything commits or rolls back with the outermost one. That is how a service
    // makes several repositories' writes, and the events they cause (the outbox), one unit.
    virtual void in_transaction(const std::function<void(soci::session &)> &work) = 0;
    // True while this thread runs inside in_transaction of this database.
    virtual bool in_transaction_now() const = 0;
    // Applies the migrations newer than the schema's version; returns how many it applied.
    virtual Result<int> migrate(const std::vector<Migration> &migrations) = 0;
    virtual int schema_version() = 0;
    virtual bool ping() = 0;
};

} // namespace manage::infra
