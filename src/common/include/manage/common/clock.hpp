#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <set>
#include <vector>

namespace manage {

using SystemClock = std::chrono::system_clock;
using TimePoint = SystemClock::time_point;
using Duration = SystemClock::duration;

// Every component asks a Clock for the time so that tests and the simulator can drive it.
class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class RealClock final : public Clock {
public:
    TimePoint now() const override { return SystemClock::now(); }
};

// A clock that only moves when told to, firing the timers that fall due in time order.
class SimulatedClock final : public Clock {
public:
    using Callback = std::function<void()>;
    explicit SimulatedClock(TimePoint start = TimePoint{});

    TimePoint now() const override;
    // Runs `callback` once the clock has reached `due`; returns an id for cancel().
    std::uint64_t schedule_at(TimePoint due, Callback callback);
    std::uint64_t schedule_after(Duration delay, Callback callback) {
        return schedule_at(now() + delay, std::move(callback));
    }
    bool cancel(std::uint64_t timer_id);
    // Moves time forward, firing due timers one by one at their own instants.
    void advance(Duration by);
    void advance_to(TimePoint target);
    std::size_t pending_timers() const;

private:
    struct Timer {
        TimePoint due;
        std::uint64_t sequence;
        Callback callback;
        bool operator>(const Timer &other) const {
            return due != other.due ? due > other.due : sequence > other.sequence;
        }
    };
    mutable std::mutex mutex_;
    TimePoint now_;
    std::uint64_t next_sequence_ = 1;
    std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
    std::set<std::uint64_t> active_; // scheduled, neither fired nor cancelled
};

} // namespace manage
