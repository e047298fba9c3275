#include "manage/core/password_throttle.hpp"

#include <algorithm>

namespace manage::core {

std::optional<std::chrono::seconds> PasswordThrottle::wait(const std::string &key, TimePoint now) {
    std::lock_guard lock(mutex_);
    const auto found = failures_.find(key);
    if (found == failures_.end() || found->second.blocked_until <= now)
        return std::nullopt;
    // Rounded up: a client that waits the seconds it is told is let through.
    const auto left = std::chrono::ceil<std::chrono::seconds>(found->second.blocked_until - now);
    return std::max(left, std::chrono::seconds(1));
}

void PasswordThrottle::failed(const std::string &key, TimePoint now) {
    std::lock_guard lock(mutex_);
    if (failures_.size() >= options_.max_tracked && !failures_.contains(key))
        forget_idle(now);
    auto &failures = failures_[key];
    ++failures.count;
    if (failures.count < options_.free_failures)
        return;
    // The free_failures-th failure starts the first delay; each one after it doubles the delay.
    auto delay = options_.first_delay;
    for (int i = options_.free_failures; i < failures.count && delay < options_.max_delay; ++i)
        delay *= 2;
    failures.blocked_until = now + std::min(delay, options_.max_delay);
}

void PasswordThrottle::succeeded(const std::string &key) {
    std::lock_guard lock(mutex_);
    failures_.erase(key);
}

void PasswordThrottle::forget_idle(TimePoint now) {
    std::erase_if(failures_, [&](const auto &entry) { return entry.second.blocked_until <= now; });
    if (failures_.size() >= options_.max_tracked)
        failures_.clear(); // a flood of distinct keys: start over rather than grow without bound
}

} // namespace manage::core
