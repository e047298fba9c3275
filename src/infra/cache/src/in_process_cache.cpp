#include "manage/infra/in_process_cache.hpp"

#include <charconv>
#include <stdexcept>

namespace manage::infra {
namespace {

std::int64_t parse_counter(const std::string &key, const std::string &text) {
    std::int64_t value = 0;
    const auto *end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc{} || stop != end)
        throw std::invalid_argument("cache key '" + key + "' does not hold an integer");
    return value;
}

std::optional<TimePoint> expiry_after(TimePoint now, std::optional<Duration> ttl) {
    if (!ttl)
        return std::nullopt;
    return now + *ttl;
}

} // namespace

InProcessCache::InProcessCache(const Clock &clock) : clock_(clock) {}

TimePoint InProcessCache::purge_expired() {
    const auto now = clock_.now();
    while (!expiries_.empty() && expiries_.begin()->first <= now)
        remove(entries_.find(expiries_.begin()->second));
    return now;
}

void InProcessCache::remove(Entries::iterator entry) {
    if (entry->second.expiry)
        expiries_.erase(*entry->second.expiry);
    entries_.erase(entry);
}

void InProcessCache::write(const std::string &key, std::string value, std::optional<TimePoint> expires_at) {
    auto [entry, inserted] = entries_.try_emplace(key);
    if (!inserted && entry->second.expiry)
        expiries_.erase(*entry->second.expiry);
    entry->second.value = std::move(value);
    entry->second.expiry.reset();
    if (expires_at)
        entry->second.expiry = expiries_.emplace(*expires_at, key);
}

std::optional<std::string> InProcessCache::get(const std::string &key) {
    std::lock_guard lock(mutex_);
    purge_expired();
    const auto entry = entries_.find(key);
    if (entry == entries_.end())
        return std::nullopt;
    return entry->second.value;
}

void InProcessCache::set(const std::string &key, const std::string &value, std::optional<Duration> ttl) {
    std::lock_guard lock(mutex_);
    const auto now = purge_expired();
    write(key, value, expiry_after(now, ttl));
    purge_expired(); // a ttl that is not positive expires the key at once
}

bool InProcessCache::set_if_absent(const std::string &key, const std::string &value, Duration ttl) {
    std::lock_guard lock(mutex_);
    const auto now = purge_expired();
    if (entries_.contains(key))
        return false;
    write(key, value, now + ttl);
    purge_expired();
    return true;
}

bool InProcessCache::erase(const std::string &key) {
    std::lock_guard lock(mutex_);
    purge_expired();
    const auto entry = entries_.find(key);
    if (entry == entries_.end())
        return false;
    remove(entry);
    return true;
}

std::int64_t InProcessCache::increment(const std::string &key, std::int64_t by, std::optional<Duration> ttl) {
    std::lock_guard lock(mutex_);
    const auto now = purge_expired();
    const auto entry = entries_.find(key);
    if (entry == entries_.end()) {
        write(key, std::to_string(by), expiry_after(now, ttl));
        purge_expired();
        return by;
    }
    std::int64_t sum = 0;
    if (__builtin_add_overflow(parse_counter(key, entry->second.value), by, &sum))
        throw std::overflow_error("cache counter '" + key + "' would overflow");
    entry->second.value = std::to_string(sum); // keeps the key's time to live, as Redis INCRBY does
    return sum;
}

std::vector<std::string> InProcessCache::keys_with_prefix(const std::string &prefix) {
    std::lock_guard lock(mutex_);
    purge_expired();
    std::vector<std::string> keys;
    for (auto entry = entries_.lower_bound(prefix); entry != entries_.end() && entry->first.starts_with(prefix);
         ++entry)
        keys.push_back(entry->first);
    return keys;
}

bool InProcessCache::erase_if_equals(const std::string &key, const std::string &expected) {
    std::lock_guard lock(mutex_);
    purge_expired();
    const auto entry = entries_.find(key);
    if (entry == entries_.end() || entry->second.value != expected)
        return false;
    remove(entry);
    return true;
}

bool InProcessCache::refresh_if_equals(const std::string &key, const std::string &expected, Duration ttl) {
    std::lock_guard lock(mutex_);
    const auto now = purge_expired();
    const auto entry = entries_.find(key);
    if (entry == entries_.end() || entry->second.value != expected)
        return false;
    write(key, expected, now + ttl);
    purge_expired(); // a ttl that is not positive expires the key at once
    return true;
}

std::size_t InProcessCache::stored_entries() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

} // namespace manage::infra
