#pragma once
// Slows down password guessing over HTTP Basic (security profiles 1 and 2). After `free_failures`
// wrong passwords for one charger from one address, each further attempt from there must wait out
// a delay that doubles with every failure (1 s, 2 s, 4 s, … up to 5 minutes) before its password is
// even checked; a correct password clears the count. Keyed by charger and address, so that guesses
// from one place do not lock the real charger out from another. Pure and thread-safe: the caller
// passes the time.
#include "manage/common/clock.hpp"

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace manage::core {

struct PasswordThrottleOptions {
    int free_failures = 5; // wrong passwords answered at once; the attempt after the last of them waits (≥ 1)
    std::chrono::seconds first_delay{1};
    std::chrono::seconds max_delay{300};
    std::size_t max_tracked = 100'000; // keys remembered; beyond this, those no longer waiting are forgotten
};

class PasswordThrottle {
public:
    explicit PasswordThrottle(PasswordThrottleOptions options = {}) : options_(options) {}

    // How long an attempt for `key` must still wait before its password may be checked; nullopt: not at all.
    std::optional<std::chrono::seconds> wait(const std::string &key, TimePoint now);
    void failed(const std::string &key, TimePoint now);
    void succeeded(const std::string &key);

private:
    struct Failures {
        int count = 0;
        TimePoint blocked_until{};
    };
    void forget_idle(TimePoint now);

    PasswordThrottleOptions options_;
    std::mutex mutex_;
    std::unordered_map<std::string, Failures> failures_;
};

} // namespace manage::core
