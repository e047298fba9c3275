#pragma once
#include "manage/common/result.hpp"
#include "manage/infra/cache.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace manage::infra {

namespace detail {
struct RedisTarget;
class RedisConnection;
} // namespace detail

struct RedisCacheOptions {
    std::size_t pool_size = 4; // connections, all opened by RedisCache::open
    Duration connect_timeout = std::chrono::seconds(2);
    // Each command's round trip (a call that is retried may take two).
    Duration command_timeout = std::chrono::seconds(2);
};

// The Cache on Valkey or Redis (RESP2, through hiredis): a pool of blocking connections, each call
// leasing one (and waiting while all are busy). A connection the server closed or that failed is
// replaced by a new one; see docs/ports.md for how each call maps to commands and when a call is
// retried. Failures after open() throw std::runtime_error naming the operation, never the password.
class RedisCache final : public Cache {
public:
    // url: redis://[[user]:password@]host[:port][/db] (port 6379, db 0; user and password may be
    // percent-encoded). Errors: bad_cache_url, bad_cache_options, cache_unavailable (a connection of
    // the pool cannot be opened, authenticated or switched to the database).
    static Result<std::unique_ptr<RedisCache>> open(const std::string &url, RedisCacheOptions options = {});
    ~RedisCache() override;
    RedisCache(const RedisCache &) = delete;
    RedisCache &operator=(const RedisCache &) = delete;

    std::optional<std::string> get(const std::string &key) override;
    void set(const std::string &key, const std::string &value, std::optional<Duration> ttl = std::nullopt) override;
    bool set_if_absent(const std::string &key, const std::string &value, Duration ttl) override;
    bool erase(const std::string &key) override;
    // Throws std::invalid_argument when the value is not an integer, std::overflow_error when the sum
    // does not fit; the stored value is then unchanged.
    std::int64_t increment(const std::string &key, std::int64_t by,
                           std::optional<Duration> ttl = std::nullopt) override;
    std::vector<std::string> keys_with_prefix(const std::string &prefix) override;
    // False (never throws) when no connection answers PING.
    bool ping() override;
    bool erase_if_equals(const std::string &key, const std::string &expected) override;
    bool refresh_if_equals(const std::string &key, const std::string &expected, Duration ttl) override;

private:
    // Whether a call may run again after its connection failed once the request had been sent.
    enum class Retry { always, unless_sent };
    class Lease;

    RedisCache(std::unique_ptr<const detail::RedisTarget> target, RedisCacheOptions options,
               std::vector<std::unique_ptr<detail::RedisConnection>> connections);
    template <class Work> auto run(std::string_view operation, Retry retry, Work &&work);

    std::unique_ptr<const detail::RedisTarget> target_;
    RedisCacheOptions options_;
    std::mutex mutex_;
    std::condition_variable returned_;
    // Connections not leased; an empty pointer is a slot whose connection was dropped, opened again
    // by the next call that leases it.
    std::vector<std::unique_ptr<detail::RedisConnection>> idle_;
};

} // namespace manage::infra
