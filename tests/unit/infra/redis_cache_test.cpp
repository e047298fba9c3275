// RedisCache without a server: reading its URL, and the errors of open() that come before or instead
// of a connection. The Cache contract over a real server is in redis_cache_itest.cpp.
#include "redis_url.hpp"

#include "manage/infra/redis_cache.hpp"

#include <gmock/gmock.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ostream>

namespace manage::infra::detail {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(RedisUrl, DefaultsToPort6379AndDatabase0WithoutAuthentication) {
    const auto target = parse_redis_url("redis://cache.internal");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target.value().host, "cache.internal");
    EXPECT_EQ(target.value().port, 6379);
    EXPECT_EQ(target.value().database, 0);
    EXPECT_EQ(target.value().user, "");
    EXPECT_EQ(target.value().password, "");
    EXPECT_EQ(target.value().display, "redis://cache.internal:6379/0");
    EXPECT_EQ(parse_redis_url("redis://cache.internal/").value().database, 0);
}

TEST(RedisUrl, ReadsEveryPartAndMasksThePassword) {
    const auto target = parse_redis_url("redis://manage:s3cret@127.0.0.1:6380/5");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target.value().host, "127.0.0.1");
    EXPECT_EQ(target.value().port, 6380);
    EXPECT_EQ(target.value().user, "manage");
    EXPECT_EQ(target.value().password, "s3cret");
    EXPECT_EQ(target.value().database, 5);
    EXPECT_EQ(target.value().display, "redis://manage:***@127.0.0.1:6380/5");
}

TEST(RedisUrl, APasswordAloneAuthenticatesTheDefaultUser) {
    const auto target = parse_redis_url("redis://:s3cret@localhost");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target.value().user, "");
    EXPECT_EQ(target.value().password, "s3cret");
    EXPECT_EQ(target.value().display, "redis://:***@localhost:6379/0");
}

TEST(RedisUrl, DecodesUserAndPasswordAndTakesTheLastAtAsTheirEnd) {
    const auto target = parse_redis_url("redis://us%40er:p%3Aa@ss/w%25rd@[::1]:7000/2");
    ASSERT_TRUE(target) << target.error().message;
    EXPECT_EQ(target.value().user, "us@er");
    EXPECT_EQ(target.value().password, "p:a@ss/w%rd");
    EXPECT_EQ(target.value().host, "::1");
    EXPECT_EQ(target.value().port, 7000);
    EXPECT_EQ(target.value().database, 2);
    EXPECT_EQ(target.value().display, "redis://us%40er:***@[::1]:7000/2");
}

struct BadUrl {
    const char *url;
    const char *problem;
};

void PrintTo(const BadUrl &bad, std::ostream *out) {
    *out << "'" << bad.url << "'";
}

class RejectedRedisUrl : public ::testing::TestWithParam<BadUrl> {};

TEST_P(RejectedRedisUrl, NamesTheProblemWithoutThePassword) {
    const auto target = parse_redis_url(GetParam().url);
    ASSERT_FALSE(target);
    EXPECT_EQ(target.error().code, "bad_cache_url");
    EXPECT_THAT(target.error().message, HasSubstr(GetParam().problem));
    EXPECT_THAT(target.error().message, Not(HasSubstr("hunter2")));
}

INSTANTIATE_TEST_SUITE_P(
    Table, RejectedRedisUrl,
    ::testing::Values(BadUrl{"", "empty"}, BadUrl{"127.0.0.1:6379", "no scheme"},
                      BadUrl{"valkey://:hunter2@h", "unsupported scheme 'valkey'"},
                      BadUrl{"rediss://:hunter2@h", "TLS (rediss://) is not supported"},
                      BadUrl{"redis://hunter2@h", "needs a password after ':'"},
                      BadUrl{"redis://user:@h", "password after ':' is empty"},
                      BadUrl{"redis://u%zz:hunter2@h", "percent-encoding in the user"},
                      BadUrl{"redis://u:hunter2%4@h", "percent-encoding in the password"},
                      BadUrl{"redis://:hunter2@", "host is missing"},
                      BadUrl{"redis://:hunter2@:6379", "host is missing"},
                      BadUrl{"redis://:hunter2@h:", "port must be a number from 1 to 65535, got ''"},
                      BadUrl{"redis://:hunter2@h:63x9", "port must be a number from 1 to 65535, got '63x9'"},
                      BadUrl{"redis://:hunter2@h:0", "port must be a number"},
                      BadUrl{"redis://:hunter2@h:65536", "port must be a number"},
                      BadUrl{"redis://:hunter2@h:-1", "port must be a number"},
                      BadUrl{"redis://:hunter2@[::1", "unclosed '['"},
                      BadUrl{"redis://:hunter2@[::1]6379", "unexpected text after the IPv6 host"},
                      BadUrl{"redis://:hunter2@h/x", "database must be a number from 0 (redis://host:port/0), got 'x'"},
                      BadUrl{"redis://:hunter2@h/-1", "database must be a number"},
                      BadUrl{"redis://:hunter2@h/1/2", "database must be a number"},
                      BadUrl{"redis://:hunter2@h/99999999999", "database must be a number"},
                      BadUrl{"redis://:hunter2@h/0?timeout=1", "query parameters"}));

TEST(RedisUrl, ABadUrlShowsTheUserButNotThePassword) {
    const auto target = parse_redis_url("redis://manage:hunter2@h:0");
    ASSERT_FALSE(target);
    EXPECT_THAT(target.error().message, HasSubstr("'redis://manage:***@h:0'"));
}

TEST(RedisCacheOpen, ABadUrlFailsBeforeConnecting) {
    const auto cache = RedisCache::open("redis://:hunter2@127.0.0.1:6379/zero");
    ASSERT_FALSE(cache);
    EXPECT_EQ(cache.error().code, "bad_cache_url");
    EXPECT_THAT(cache.error().message, HasSubstr("database"));
    EXPECT_THAT(cache.error().message, Not(HasSubstr("hunter2")));
}

TEST(RedisCacheOpen, RefusesAnEmptyPoolAndTimeoutsThatAreNotPositive) {
    const auto empty = RedisCache::open("redis://127.0.0.1", {.pool_size = 0});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, "bad_cache_options");
    const auto no_timeout = RedisCache::open("redis://127.0.0.1", {.command_timeout = 0s});
    ASSERT_FALSE(no_timeout);
    EXPECT_EQ(no_timeout.error().code, "bad_cache_options");
}

// A loopback port bound but not listening: a connection to it is refused, and nobody else takes it
// while the test runs.
class ClosedPort {
public:
    ClosedPort() : socket_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (socket_ < 0 || ::bind(socket_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            ::getsockname(socket_, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            throw std::runtime_error("cannot bind a loopback port");
        port_ = ntohs(address.sin_port);
    }
    ~ClosedPort() { ::close(socket_); }
    ClosedPort(const ClosedPort &) = delete;
    ClosedPort &operator=(const ClosedPort &) = delete;
    int port() const { return port_; }

private:
    int socket_;
    int port_ = 0;
};

TEST(RedisCacheOpen, AnUnreachableServerFailsWithItsAddressAndWithoutThePassword) {
    ClosedPort closed;
    const auto address = "127.0.0.1:" + std::to_string(closed.port());
    const auto cache = RedisCache::open("redis://manage:hunter2@" + address + "/3", {.connect_timeout = 2s});
    ASSERT_FALSE(cache);
    EXPECT_EQ(cache.error().code, "cache_unavailable");
    EXPECT_THAT(cache.error().message, HasSubstr("redis://manage:***@" + address + "/3"));
    EXPECT_THAT(cache.error().message, HasSubstr("refused"));
    EXPECT_THAT(cache.error().message, Not(HasSubstr("hunter2")));
}

} // namespace
} // namespace manage::infra::detail
