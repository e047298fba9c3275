#pragma once
// What the Redis integration tests do behind RedisCache's back, over hiredis: a plain client, a
// database of the shared test server for this process alone, and a redis-server of a test's own.
#include "manage/infra/redis_cache.hpp"

#include <hiredis/hiredis.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace manage::infra::testing {

struct RedisReplyDeleter {
    void operator()(redisReply *reply) const { freeReplyObject(reply); }
};
using RedisReply = std::unique_ptr<redisReply, RedisReplyDeleter>;

// MANAGE_TEST_REDIS_URL as the one parameter of a suite, or none when it is unset.
std::vector<std::string> redis_urls();

std::unique_ptr<RedisCache> open_or_throw(const std::string &url, RedisCacheOptions options = {});

// One connection; throws std::runtime_error when it cannot connect or the connection fails.
class RedisClient {
public:
    RedisClient(const std::string &host, int port);
    ~RedisClient();
    RedisClient(const RedisClient &) = delete;
    RedisClient &operator=(const RedisClient &) = delete;

    // The reply, error replies included.
    RedisReply command(std::initializer_list<std::string> arguments);
    // The text of a status or string reply; throws on any other.
    std::string text(std::initializer_list<std::string> arguments);
    // An integer reply; throws on any other.
    long long integer(std::initializer_list<std::string> arguments);

private:
    redisContext *context_;
};

// The ids of the clients whose current database is `database` (CLIENT LIST).
std::vector<std::string> client_ids(RedisClient &client, int database);

// A database (1–15) of the server named by a URL, for this process alone: claimed with SET NX on a key
// in database 0 (which expires, should the process die) and released when the process exits. Tests
// run one after another in a process, so each flushes it first.
class TestDatabase {
public:
    // The database this process claimed on that server, claimed on the first call.
    static TestDatabase &of(const std::string &server_url);
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    int number() const { return number_; }
    const std::string &host() const { return host_; }
    int port() const { return port_; }
    // The server URL with this database.
    std::string url() const;
    void flush() const;
    // The ids of the clients whose current database is this one (CLIENT LIST).
    std::vector<std::string> client_ids() const;

private:
    explicit TestDatabase(std::string server_url);

    std::string server_url_;
    std::string host_;
    int port_ = 0;
    int number_ = 0;
};

// A redis-server on a free loopback port of its own, without persistence, for tests that stop or
// configure the server; stopped by the destructor. Dies with the test process.
class OwnRedisServer {
public:
    static bool installed(); // redis-server is on PATH
    explicit OwnRedisServer(std::vector<std::string> arguments = {});
    ~OwnRedisServer();
    OwnRedisServer(const OwnRedisServer &) = delete;
    OwnRedisServer &operator=(const OwnRedisServer &) = delete;

    int port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    // Starts the server again on the same port (empty: nothing persists).
    void start();
    void stop();

private:
    std::vector<std::string> arguments_;
    int port_;
    pid_t pid_ = -1;
};

} // namespace manage::infra::testing
