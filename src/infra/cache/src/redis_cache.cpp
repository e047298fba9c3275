#include "manage/infra/redis_cache.hpp"

#include "redis_connection.hpp"
#include "redis_url.hpp"

#include "manage/common/logging.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace manage::infra {
namespace {

using detail::RedisConnection;
using detail::Reply;

std::shared_ptr<spdlog::logger> log() {
    return logger("cache");
}

// INCRBY with a time to live that applies only when the call creates the counter. One script rather
// than MULTI/EXEC: the server runs it atomically in one round trip, and it also covers a ttl that is
// not positive (the counter is created and gone at once, as in InProcessCache), which SET NX PX
// cannot express. EVAL rather than EVALSHA: the server keeps the compiled script under its SHA1
// anyway, and EVAL cannot fail with NOSCRIPT after a restart or a SCRIPT FLUSH. The value is
// returned with GET as text: an integer crossing Lua is a double and would lose digits past 2^53.
// redis.pcall hands INCRBY's own error back (not an integer, or overflow), with the value untouched.
constexpr std::string_view kIncrementScript = R"lua(
local created = redis.call('EXISTS', KEYS[1]) == 0
local sum = redis.pcall('INCRBY', KEYS[1], ARGV[1])
if type(sum) == 'table' and sum.err then return sum end
local value = redis.call('GET', KEYS[1])
if created and ARGV[2] then
  if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) else redis.call('DEL', KEYS[1]) end
end
return value
)lua";

// Compare-and-delete and compare-and-refresh: the comparison and the change run atomically on the server.
constexpr std::string_view kEraseIfEqualsScript = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua";

constexpr std::string_view kRefreshIfEqualsScript = R"lua(
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) else redis.call('DEL', KEYS[1]) end
return 1
)lua";

std::string milliseconds(Duration ttl) {
    // Rounded up, so that a positive ttl below 1 ms stays positive.
    return std::to_string(std::chrono::ceil<std::chrono::milliseconds>(ttl).count());
}

std::string text_of(const redisReply &reply) {
    return std::string(reply.str, reply.len);
}

// Throws on an error reply or a reply of another type than `type`.
const redisReply &expect(const Reply &reply, int type, std::string_view operation) {
    if (reply->type == REDIS_REPLY_ERROR)
        throw std::runtime_error("cache " + std::string(operation) + " refused: " + text_of(*reply));
    if (reply->type != type)
        throw std::runtime_error("cache " + std::string(operation) + ": unexpected reply type " +
                                 std::to_string(reply->type));
    return *reply;
}

// The prefix as a SCAN MATCH pattern: glob characters taken literally, then anything.
std::string prefix_pattern(const std::string &prefix) {
    std::string pattern;
    for (const char c : prefix) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\')
            pattern += '\\';
        pattern += c;
    }
    return pattern + "*";
}

std::int64_t parse_integer(const std::string &text, std::string_view operation) {
    std::int64_t value = 0;
    const auto *end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc{} || stop != end)
        throw std::runtime_error("cache " + std::string(operation) + ": not an integer: '" + text + "'");
    return value;
}

} // namespace

// A connection taken from the pool for one call, given back (or its empty slot, when it was dropped)
// at the end of the call.
class RedisCache::Lease {
public:
    explicit Lease(RedisCache &cache) : cache_(cache) {
        std::unique_lock lock(cache_.mutex_);
        cache_.returned_.wait(lock, [this] { return !cache_.idle_.empty(); });
        connection_ = std::move(cache_.idle_.back());
        cache_.idle_.pop_back();
    }
    ~Lease() {
        {
            std::lock_guard lock(cache_.mutex_);
            cache_.idle_.push_back(std::move(connection_));
        }
        cache_.returned_.notify_one();
    }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;

    std::unique_ptr<RedisConnection> &connection() { return connection_; }

private:
    RedisCache &cache_;
    std::unique_ptr<RedisConnection> connection_;
};

Result<std::unique_ptr<RedisCache>> RedisCache::open(const std::string &url, RedisCacheOptions options) {
    if (options.pool_size == 0)
        return fail("bad_cache_options", "the cache connection pool needs at least one connection");
    if (options.connect_timeout <= Duration::zero() || options.command_timeout <= Duration::zero())
        return fail("bad_cache_options", "the cache connect and command timeouts must be positive");
    BOOST_OUTCOME_TRY(parsed, detail::parse_redis_url(url));
    auto target = std::make_unique<const detail::RedisTarget>(std::move(parsed));
    std::vector<std::unique_ptr<RedisConnection>> connections;
    for (std::size_t i = 0; i < options.pool_size; ++i) {
        auto connection = RedisConnection::open(*target, options);
        if (!connection)
            return fail("cache_unavailable",
                        "cannot connect to cache " + target->display + ": " + connection.error().message);
        connections.push_back(std::move(connection).value());
    }
    log()->info("opened cache {} with {} connection(s)", target->display, options.pool_size);
    return std::unique_ptr<RedisCache>(new RedisCache(std::move(target), options, std::move(connections)));
}

RedisCache::RedisCache(std::unique_ptr<const detail::RedisTarget> target, RedisCacheOptions options,
                       std::vector<std::unique_ptr<RedisConnection>> connections)
    : target_(std::move(target)), options_(options), idle_(std::move(connections)) {}

RedisCache::~RedisCache() = default;

// Runs `work` on a leased connection. A pooled connection the server has closed is replaced before
// anything is sent. When the connection fails during `work`, it is dropped and `work` runs once more
// on a new one, unless the request had been sent and the call is not idempotent (`unless_sent`): the
// server may have applied it, and running it again could count twice; such a call throws.
template <class Work> auto RedisCache::run(std::string_view operation, Retry retry, Work &&work) {
    Lease lease(*this);
    auto &connection = lease.connection();
    std::string reason;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (connection && !connection->still_open()) {
            log()->info("cache {}: a pooled connection was closed by the server; reconnecting", target_->display);
            connection.reset();
        }
        if (!connection) {
            auto opened = RedisConnection::open(*target_, options_);
            if (!opened) {
                reason = "cannot connect: " + opened.error().message;
                continue;
            }
            connection = std::move(opened).value();
        }
        try {
            return work(*connection);
        } catch (const detail::ConnectionLost &lost) {
            connection.reset();
            reason = lost.what();
            log()->warn("cache {}: {} failed on its connection: {}", target_->display, operation, reason);
            if (lost.request_sent() && retry == Retry::unless_sent)
                throw std::runtime_error("cache " + std::string(operation) + " on " + target_->display +
                                         ": no reply (" + reason + "); it may or may not have been applied");
        }
    }
    throw std::runtime_error("cache " + std::string(operation) + " failed on " + target_->display + ": " + reason);
}

std::optional<std::string> RedisCache::get(const std::string &key) {
    return run("GET", Retry::always, [&](RedisConnection &connection) -> std::optional<std::string> {
        const auto reply = connection.execute({"GET", key});
        if (reply->type == REDIS_REPLY_NIL)
            return std::nullopt;
        return text_of(expect(reply, REDIS_REPLY_STRING, "GET"));
    });
}

void RedisCache::set(const std::string &key, const std::string &value, std::optional<Duration> ttl) {
    if (ttl && *ttl <= Duration::zero()) {
        // Expired at once: the key goes, as it would when the ttl ran out.
        run("DEL", Retry::always, [&](RedisConnection &connection) {
            expect(connection.execute({"DEL", key}), REDIS_REPLY_INTEGER, "DEL");
        });
        return;
    }
    run("SET", Retry::always, [&](RedisConnection &connection) {
        const auto reply = ttl ? connection.execute({"SET", key, value, "PX", milliseconds(*ttl)})
                               : connection.execute({"SET", key, value});
        expect(reply, REDIS_REPLY_STATUS, "SET");
    });
}

bool RedisCache::set_if_absent(const std::string &key, const std::string &value, Duration ttl) {
    if (ttl <= Duration::zero()) {
        // A write that would expire at once: it takes the key when it is free and leaves nothing.
        return run("EXISTS", Retry::always, [&](RedisConnection &connection) {
            return expect(connection.execute({"EXISTS", key}), REDIS_REPLY_INTEGER, "EXISTS").integer == 0;
        });
    }
    return run("SET NX", Retry::unless_sent, [&](RedisConnection &connection) {
        const auto reply = connection.execute({"SET", key, value, "NX", "PX", milliseconds(ttl)});
        if (reply->type == REDIS_REPLY_NIL)
            return false;
        expect(reply, REDIS_REPLY_STATUS, "SET NX");
        return true;
    });
}

bool RedisCache::erase(const std::string &key) {
    return run("DEL", Retry::unless_sent, [&](RedisConnection &connection) {
        return expect(connection.execute({"DEL", key}), REDIS_REPLY_INTEGER, "DEL").integer > 0;
    });
}

std::int64_t RedisCache::increment(const std::string &key, std::int64_t by, std::optional<Duration> ttl) {
    const auto amount = std::to_string(by);
    return run("INCRBY", Retry::unless_sent, [&](RedisConnection &connection) {
        const auto reply = ttl ? connection.execute({"EVAL", kIncrementScript, "1", key, amount, milliseconds(*ttl)})
                               : connection.execute({"EVAL", kIncrementScript, "1", key, amount});
        if (reply->type == REDIS_REPLY_ERROR) {
            const auto error = text_of(*reply);
            if (error.find("overflow") != std::string::npos)
                throw std::overflow_error("cache counter '" + key + "' would overflow");
            if (error.find("not an integer") != std::string::npos || error.starts_with("WRONGTYPE"))
                throw std::invalid_argument("cache key '" + key + "' does not hold an integer");
        }
        return parse_integer(text_of(expect(reply, REDIS_REPLY_STRING, "INCRBY")), "INCRBY");
    });
}

std::vector<std::string> RedisCache::keys_with_prefix(const std::string &prefix) {
    const auto pattern = prefix_pattern(prefix);
    return run("SCAN", Retry::always, [&](RedisConnection &connection) {
        std::vector<std::string> keys;
        std::string cursor = "0";
        do {
            const auto reply = connection.execute({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
            const auto &page = expect(reply, REDIS_REPLY_ARRAY, "SCAN");
            if (page.elements != 2 || page.element[0]->type != REDIS_REPLY_STRING ||
                page.element[1]->type != REDIS_REPLY_ARRAY)
                throw std::runtime_error("cache SCAN: unexpected reply shape");
            cursor = text_of(*page.element[0]);
            const auto &found = *page.element[1];
            for (std::size_t i = 0; i < found.elements; ++i)
                keys.push_back(text_of(*found.element[i]));
        } while (cursor != "0");
        // SCAN may return a key more than once (when the server rehashes during the scan).
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        return keys;
    });
}

bool RedisCache::erase_if_equals(const std::string &key, const std::string &expected) {
    return run("DEL IF EQUALS", Retry::unless_sent, [&](RedisConnection &connection) {
        const auto reply = connection.execute({"EVAL", kEraseIfEqualsScript, "1", key, expected});
        return expect(reply, REDIS_REPLY_INTEGER, "DEL IF EQUALS").integer > 0;
    });
}

bool RedisCache::refresh_if_equals(const std::string &key, const std::string &expected, Duration ttl) {
    // Milliseconds as a signed count: a non-positive ttl erases, as in InProcessCache.
    const auto ms =
        std::to_string(ttl <= Duration::zero() ? 0 : std::chrono::ceil<std::chrono::milliseconds>(ttl).count());
    return run("PEXPIRE IF EQUALS", Retry::always, [&](RedisConnection &connection) {
        const auto reply = connection.execute({"EVAL", kRefreshIfEqualsScript, "1", key, expected, ms});
        return expect(reply, REDIS_REPLY_INTEGER, "PEXPIRE IF EQUALS").integer > 0;
    });
}

bool RedisCache::ping() {
    try {
        return run("PING", Retry::always, [](RedisConnection &connection) {
            const auto reply = connection.execute({"PING"});
            return text_of(expect(reply, REDIS_REPLY_STATUS, "PING")) == "PONG";
        });
    } catch (const std::exception &error) {
        log()->warn("{}", error.what());
        return false;
    }
}

} // namespace manage::infra
