#pragma once
#include "database_url.hpp"

#include <memory>

namespace soci {
class connection_pool;
}

namespace manage::infra::detail {

// Database over a pool of SOCI sessions, for either dialect.
class SociDatabase final : public Database {
public:
    // Opens every session of the pool now, so that a bad address or password fails here.
    static Result<std::unique_ptr<Database>> connect(DatabaseTarget target, std::size_t pool_size);
    ~SociDatabase() override;

    Dialect dialect() const override { return target_.dialect; }
    void with_session(const std::function<void(soci::session &)> &work) override;
    void in_transaction(const std::function<void(soci::session &)> &work) override;
    bool in_transaction_now() const override;
    Result<int> migrate(const std::vector<Migration> &migrations) override;
    int schema_version() override;
    bool ping() override;

private:
    SociDatabase(DatabaseTarget target, std::unique_ptr<soci::connection_pool> pool);
    // The session of the transaction this thread has open on this database, if any.
    soci::session *open_transaction() const;

    // After a failure: reconnects the session when its connection was lost (e.g. the server restarted).
    void reconnect_if_lost(soci::session &sql) const;

    DatabaseTarget target_;
    std::unique_ptr<soci::connection_pool> pool_;
};

} // namespace manage::infra::detail
