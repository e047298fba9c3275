#pragma once
#include <algorithm>
#include <chrono>

namespace manage::infra::detail {

// Waits between reconnection attempts: `first`, doubling up to `max`; reset() after a success.
class Backoff {
public:
    Backoff(std::chrono::milliseconds first, std::chrono::milliseconds max) : first_(first), max_(max), next_(first) {}

    std::chrono::milliseconds next() {
        const auto delay = next_;
        next_ = std::min(next_ * 2, max_);
        return delay;
    }
    void reset() { next_ = first_; }

private:
    std::chrono::milliseconds first_;
    std::chrono::milliseconds max_;
    std::chrono::milliseconds next_;
};

} // namespace manage::infra::detail
