#pragma once
#include "manage/common/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manage::infra {

// Live state shared by every node: connection registry, charger status, locks, rate limits.
// Embedded: InProcessCache. Production: Valkey (Redis protocol). Calls may block on I/O: call
// them from worker threads, not from a connection's strand.
class Cache {
public:
    virtual ~Cache() = default;

    virtual std::optional<std::string> get(const std::string &key) = 0;
    // ttl: the key disappears that long after this write; nullopt keeps it until erased.
    virtual void set(const std::string &key, const std::string &value, std::optional<Duration> ttl = std::nullopt) = 0;
    // Writes only when the key is absent (a lock or lease); true when this call wrote it.
    virtual bool set_if_absent(const std::string &key, const std::string &value, Duration ttl) = 0;
    // True when the key existed.
    virtual bool erase(const std::string &key) = 0;
    // Adds `by` to an integer counter (absent counts as 0); the ttl applies when the key is created.
    virtual std::int64_t increment(const std::string &key, std::int64_t by,
                                   std::optional<Duration> ttl = std::nullopt) = 0;
    // Live keys starting with `prefix`, in no particular order.
    virtual std::vector<std::string> keys_with_prefix(const std::string &prefix) = 0;
    // True when the cache answers (for /readyz).
    virtual bool ping() = 0;
    // Compare-and-delete, atomically: erases the key only while it holds `expected` (a lease or a
    // registry entry its writer gives up without removing a newer writer's value). True when erased.
    virtual bool erase_if_equals(const std::string &key, const std::string &expected) = 0;
    // Compare-and-refresh, atomically: while the key holds `expected`, its ttl starts again (a
    // non-positive ttl erases it). True when the key held `expected`.
    virtual bool refresh_if_equals(const std::string &key, const std::string &expected, Duration ttl) = 0;
};

} // namespace manage::infra
