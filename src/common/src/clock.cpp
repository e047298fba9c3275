#include "manage/common/clock.hpp"

#include <algorithm>

namespace manage {

SimulatedClock::SimulatedClock(TimePoint start) : now_(start) {}

TimePoint SimulatedClock::now() const {
    std::lock_guard lock(mutex_);
    return now_;
}

std::uint64_t SimulatedClock::schedule_at(TimePoint due, Callback callback) {
    std::lock_guard lock(mutex_);
    const auto id = next_sequence_++;
    timers_.push(Timer{due, id, std::move(callback)});
    return id;
}

bool SimulatedClock::cancel(std::uint64_t timer_id) {
    std::lock_guard lock(mutex_);
    if (std::find(cancelled_.begin(), cancelled_.end(), timer_id) != cancelled_.end())
        return false;
    cancelled_.push_back(timer_id);
    return true;
}

void SimulatedClock::advance(Duration by) { advance_to(now() + by); }

void SimulatedClock::advance_to(TimePoint target) {
    for (;;) {
        Callback due_callback;
        {
            std::lock_guard lock(mutex_);
            if (timers_.empty() || timers_.top().due > target)
                break;
            Timer timer = timers_.top();
            timers_.pop();
            now_ = std::max(now_, timer.due);
            auto it = std::find(cancelled_.begin(), cancelled_.end(), timer.sequence);
            if (it != cancelled_.end()) {
                cancelled_.erase(it);
                continue;
            }
            due_callback = std::move(timer.callback);
        }
        // Outside the lock: a callback may schedule further timers.
        due_callback();
    }
    std::lock_guard lock(mutex_);
    now_ = std::max(now_, target);
}

std::size_t SimulatedClock::pending_timers() const {
    std::lock_guard lock(mutex_);
    return timers_.size() - std::min(timers_.size(), cancelled_.size());
}

} // namespace manage
