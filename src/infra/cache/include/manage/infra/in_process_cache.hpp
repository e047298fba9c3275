#pragma once
#include "manage/infra/cache.hpp"

#include <map>
#include <mutex>

namespace manage::infra {

// The embedded Cache: a map in this process, safe to share between threads. Time to live is measured
// on the injected clock; expired keys are invisible to every call and are purged by the next call,
// so memory holds live keys only (plus those expired since the last call).
class InProcessCache final : public Cache {
public:
    explicit InProcessCache(const Clock &clock);

    std::optional<std::string> get(const std::string &key) override;
    void set(const std::string &key, const std::string &value, std::optional<Duration> ttl = std::nullopt) override;
    bool set_if_absent(const std::string &key, const std::string &value, Duration ttl) override;
    bool erase(const std::string &key) override;
    // Throws std::invalid_argument when the value is not an integer, std::overflow_error when the sum
    // does not fit; the stored value is then unchanged.
    std::int64_t increment(const std::string &key, std::int64_t by,
                           std::optional<Duration> ttl = std::nullopt) override;
    std::vector<std::string> keys_with_prefix(const std::string &prefix) override;
    bool ping() override { return true; }
    bool erase_if_equals(const std::string &key, const std::string &expected) override;
    bool refresh_if_equals(const std::string &key, const std::string &expected, Duration ttl) override;

    // Entries held in memory, expired ones not purged yet included.
    std::size_t stored_entries() const;

private:
    using ExpiryIndex = std::multimap<TimePoint, std::string>;
    struct Entry {
        std::string value;
        std::optional<ExpiryIndex::iterator> expiry; // into expiries_; none: kept until erased
    };
    using Entries = std::map<std::string, Entry, std::less<>>;

    // Each public call takes the lock, purges what has expired by now, then works on live entries.
    TimePoint purge_expired();
    void write(const std::string &key, std::string value, std::optional<TimePoint> expires_at);
    void remove(Entries::iterator entry);

    const Clock &clock_;
    mutable std::mutex mutex_;
    Entries entries_;
    ExpiryIndex expiries_;
};

} // namespace manage::infra
