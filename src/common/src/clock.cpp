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
    active_.insert(id);
    return id;
}

bool SimulatedClock::cancel(std::uint64_t timer_id) {
    std::lock_guard lock(mutex_);
    // The timer stays in the heap and is skipped when it falls due.
    return active_.erase(timer_id) > 0;
}

void SimulatedClock::advance(Duration by) {
    advance_to(now() + by);
}

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
            if (active_.erase(timer.sequence) == 0)
                continue; // cancelled
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
    return active_.size();
}

} // namespace manage
