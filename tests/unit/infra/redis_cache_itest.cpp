// The Cache contract over a real Valkey/Redis server, instantiated only when MANAGE_TEST_REDIS_URL
// names one (without a password), and what only a server engine does: reconnecting, timeouts,
// authentication. Tests on that server use a database of it that this process claimed (TestDatabase),
// flushed before each test; ctest runs them in one process, one after another. Tests that stop, pause
// or configure a server start a redis-server of their own.
#include "cache_contract.hpp"
#include "redis_test_support.hpp"

#include "manage/testing/eventually.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <thread>

namespace manage::infra::testing {
namespace {

using namespace std::chrono_literals;
using manage::testing::eventually;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

class RedisHarness final : public CacheHarness {
public:
    explicit RedisHarness(const std::string &server_url) {
        const auto &database = TestDatabase::of(server_url);
        database.flush();
        cache_ = open_or_throw(database.url());
    }
    Cache &cache() override { return *cache_; }
    // Real time: long enough for a few round trips, short enough to wait out.
    Duration ttl() const override { return 300ms; }
    void advance(Duration by) override { std::this_thread::sleep_for(by); }

private:
    std::unique_ptr<RedisCache> cache_;
};

std::vector<CacheAdapter> redis_adapters() {
    std::vector<CacheAdapter> adapters;
    for (const auto &url : redis_urls())
        adapters.push_back(CacheAdapter{"Redis", [url] { return std::make_unique<RedisHarness>(url); }});
    return adapters;
}

// Without MANAGE_TEST_REDIS_URL these suites have no instance at all: nothing runs, nothing passes.
INSTANTIATE_TEST_SUITE_P(Redis, CacheContract, ::testing::ValuesIn(redis_adapters()), cache_adapter_name);

// Beyond the contract, on the shared test server.
class RedisCacheServer : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        database_ = &TestDatabase::of(GetParam());
        database_->flush();
    }
    std::unique_ptr<RedisCache> open(RedisCacheOptions options = {}) {
        return open_or_throw(database_->url(), options);
    }
    RedisClient admin() const { return RedisClient(database_->host(), database_->port()); }
    const TestDatabase &database() const { return *database_; }

private:
    const TestDatabase *database_ = nullptr;
};

std::vector<std::string> without(std::vector<std::string> ids, const std::vector<std::string> &removed) {
    std::erase_if(ids, [&](const auto &id) { return std::find(removed.begin(), removed.end(), id) != removed.end(); });
    return ids;
}

TEST_P(RedisCacheServer, ReconnectsAfterTheServerClosedItsConnections) {
    const auto before = database().client_ids();
    auto cache = open({.pool_size = 2});
    cache->set("k", "v");
    const auto ours = without(database().client_ids(), before);
    ASSERT_EQ(ours.size(), 2u);
    auto server = admin();
    for (const auto &id : ours)
        ASSERT_EQ(server.integer({"CLIENT", "KILL", "ID", id}), 1);
    // An increment is not sent again once it may have been applied: it succeeds here because the
    // closed connection is noticed before anything is sent on it.
    EXPECT_EQ(cache->increment("n", 1), 1);
    EXPECT_EQ(cache->get("k"), "v");
    EXPECT_TRUE(cache->ping());
    const auto now = database().client_ids();
    for (const auto &id : ours)
        EXPECT_THAT(now, Not(Contains(id)));
}

TEST_P(RedisCacheServer, ListsKeysAcrossManyScanPagesOnce) {
    auto cache = open();
    for (int i = 0; i < 2500; ++i)
        cache->set("page:" + std::to_string(i), "x");
    for (int i = 0; i < 100; ++i)
        cache->set("other:" + std::to_string(i), "x");
    auto keys = cache->keys_with_prefix("page:");
    EXPECT_EQ(keys.size(), 2500u);
    std::sort(keys.begin(), keys.end());
    EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
    EXPECT_THAT(keys, Contains("page:2499"));
}

TEST_P(RedisCacheServer, KeepsBinaryKeys) {
    auto cache = open();
    const std::string key("bin:\0\xff\n*", 8);
    cache->set(key, "v");
    EXPECT_EQ(cache->get(key), "v");
    EXPECT_EQ(cache->get("bin:"), std::nullopt);
    EXPECT_THAT(cache->keys_with_prefix(std::string("bin:\0", 5)), ::testing::ElementsAre(key));
}

INSTANTIATE_TEST_SUITE_P(Redis, RedisCacheServer, ::testing::ValuesIn(redis_urls()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RedisCacheServer);

// On a redis-server of the test's own: the shared one has no password, is not stopped, and is not
// paused (CLIENT PAUSE holds up every client of a server, other test processes' too).
class RedisCacheOwnServer : public ::testing::Test {
protected:
    void SetUp() override {
        // This suite runs only beside a redis-server (MANAGE_TEST_REDIS_URL): a missing binary is a failure.
        if (!OwnRedisServer::installed())
            GTEST_FAIL() << "redis-server is not on PATH (scripts/bootstrap.sh --engines installs it)";
    }
};

TEST_F(RedisCacheOwnServer, AWrongPasswordIsRefusedWithoutShowingIt) {
    OwnRedisServer server({"--requirepass", "right-secret"});
    const auto wrong = RedisCache::open("redis://:wrong-secret@" + server.address());
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, "cache_unavailable");
    EXPECT_THAT(wrong.error().message, HasSubstr("redis://:***@" + server.address() + "/0"));
    EXPECT_THAT(wrong.error().message, HasSubstr("WRONGPASS"));
    EXPECT_THAT(wrong.error().message, Not(HasSubstr("wrong-secret")));

    const auto none = RedisCache::open("redis://" + server.address());
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, "cache_unavailable");
    EXPECT_THAT(none.error().message, HasSubstr("NOAUTH"));

    auto right = open_or_throw("redis://:right-secret@" + server.address() + "/1", {.pool_size = 1});
    right->set("k", "v");
    EXPECT_EQ(right->get("k"), "v");
}

TEST_F(RedisCacheOwnServer, AuthenticatesANamedUser) {
    OwnRedisServer server;
    RedisClient("127.0.0.1", server.port()).text({"ACL", "SETUSER", "manage", "on", ">user-secret", "~*", "+@all"});
    auto cache = open_or_throw("redis://manage:user-secret@" + server.address(), {.pool_size = 1});
    EXPECT_TRUE(cache->ping());
    const auto wrong = RedisCache::open("redis://manage:not-it@" + server.address());
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, "cache_unavailable");
    EXPECT_THAT(wrong.error().message, Not(HasSubstr("not-it")));
}

TEST_F(RedisCacheOwnServer, ReadsAgainOnANewConnectionWhenTheReplyTimedOut) {
    OwnRedisServer server;
    auto cache = open_or_throw("redis://" + server.address() + "/1", {.pool_size = 1, .command_timeout = 600ms});
    cache->set("k", "v");
    RedisClient admin("127.0.0.1", server.port());
    const auto first = client_ids(admin, 1);
    ASSERT_EQ(first.size(), 1u);
    // The first GET times out after 600 ms; the second, on a new connection, is answered when the
    // pause ends at 1 s, inside its own 600 ms.
    admin.text({"CLIENT", "PAUSE", "1000", "ALL"});
    EXPECT_EQ(cache->get("k"), "v");
    admin.text({"PING"}); // answered once the pause is over
    EXPECT_TRUE(eventually([&] {
        const auto now = client_ids(admin, 1);
        return now.size() == 1 && now != first;
    })) << "the connection that timed out is replaced";
}

TEST_F(RedisCacheOwnServer, DoesNotSendAnIncrementAgainWhenItsReplyTimedOut) {
    OwnRedisServer server;
    auto cache = open_or_throw("redis://" + server.address(), {.pool_size = 1, .command_timeout = 600ms});
    RedisClient admin("127.0.0.1", server.port());
    admin.text({"CLIENT", "PAUSE", "1000", "ALL"});
    try {
        cache->increment("n", 1);
        ADD_FAILURE() << "increment returned although no reply came within its timeout";
    } catch (const std::runtime_error &error) {
        EXPECT_THAT(error.what(), HasSubstr("INCRBY"));
        EXPECT_THAT(error.what(), HasSubstr("may or may not have been applied"));
    }
    admin.text({"PING"}); // answered once the pause is over
    const auto left = cache->get("n");
    const auto count = left ? std::stoll(*left) : 0;
    EXPECT_LE(count, 1);
    EXPECT_EQ(cache->increment("n", 1), count + 1);
}

TEST_F(RedisCacheOwnServer, SurvivesAServerThatClosesTheConnectionWhileARequestIsWritten) {
    // The server refuses a bulk longer than 1 MB and closes the connection while the client is still
    // writing the 8 MB value: the write fails (a reset; the process must survive it), the SET is tried
    // once more on a new connection, and the connection that failed is not used again.
    OwnRedisServer server({"--proto-max-bulk-len", "1mb"});
    auto cache = open_or_throw("redis://" + server.address(), {.pool_size = 1});
    try {
        cache->set("big", std::string(8 << 20, 'x'));
        ADD_FAILURE() << "the server accepted a value beyond its proto-max-bulk-len";
    } catch (const std::runtime_error &error) {
        EXPECT_THAT(error.what(), HasSubstr("SET"));
    }
    cache->set("small", "v");
    EXPECT_EQ(cache->get("small"), "v");
}

TEST_F(RedisCacheOwnServer, ARestartedServerDoesNotLeaveTheCacheBroken) {
    OwnRedisServer server({"--requirepass", "restart-secret"});
    auto cache = open_or_throw("redis://:restart-secret@" + server.address(), {.pool_size = 1});
    cache->set("k", "v");
    server.stop();
    server.start();
    // The pooled connection died with the old server; that is noticed before the increment is sent,
    // so it is not lost (an increment that may have been applied is not sent again).
    EXPECT_EQ(cache->increment("n", 2), 2);
    EXPECT_EQ(cache->get("k"), std::nullopt); // nothing persists across this server's restarts

    server.stop();
    EXPECT_FALSE(cache->ping());
    try {
        cache->get("n");
        ADD_FAILURE() << "get returned while the server was down";
    } catch (const std::runtime_error &error) {
        EXPECT_THAT(error.what(), HasSubstr("GET"));
        EXPECT_THAT(error.what(), HasSubstr(server.address()));
        EXPECT_THAT(error.what(), Not(HasSubstr("restart-secret")));
    }
    server.start();
    EXPECT_TRUE(cache->ping());
    EXPECT_TRUE(cache->set_if_absent("lock", "a", 10s));
}

} // namespace

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CacheContract);
} // namespace manage::infra::testing
