#include "manage/common/clock.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace manage;
using namespace std::chrono_literals;

TEST(SimulatedClock, StandsStillUntilAdvanced) {
    SimulatedClock clock(TimePoint{100s});
    EXPECT_EQ(clock.now(), TimePoint{100s});
    clock.advance(5s);
    EXPECT_EQ(clock.now(), TimePoint{105s});
}

TEST(SimulatedClock, FiresTimersInDueOrderAtTheirOwnInstant) {
    SimulatedClock clock;
    std::vector<std::pair<int, TimePoint>> fired;
    clock.schedule_after(3s, [&] { fired.emplace_back(3, clock.now()); });
    clock.schedule_after(1s, [&] { fired.emplace_back(1, clock.now()); });
    clock.schedule_after(2s, [&] { fired.emplace_back(2, clock.now()); });
    clock.advance(2s);
    ASSERT_EQ(fired.size(), 2u);
    EXPECT_EQ(fired[0], std::make_pair(1, TimePoint{1s}));
    EXPECT_EQ(fired[1], std::make_pair(2, TimePoint{2s}));
    clock.advance(10s);
    ASSERT_EQ(fired.size(), 3u);
    EXPECT_EQ(fired[2].second, TimePoint{3s});
    EXPECT_EQ(clock.now(), TimePoint{12s});
}

TEST(SimulatedClock, TimerScheduledByATimerFiresInTheSameAdvance) {
    SimulatedClock clock;
    int count = 0;
    clock.schedule_after(1s, [&] {
        ++count;
        clock.schedule_after(1s, [&] { ++count; });
    });
    clock.advance(5s);
    EXPECT_EQ(count, 2);
}

TEST(SimulatedClock, CancelledTimerNeverFires) {
    SimulatedClock clock;
    bool fired = false;
    const auto id = clock.schedule_after(1s, [&] { fired = true; });
    EXPECT_TRUE(clock.cancel(id));
    clock.advance(2s);
    EXPECT_FALSE(fired);
    EXPECT_EQ(clock.pending_timers(), 0u);
}

TEST(SimulatedClock, EqualDueTimesFireInSchedulingOrder) {
    SimulatedClock clock;
    std::vector<int> order;
    for (int i = 0; i < 5; ++i)
        clock.schedule_after(1s, [&, i] { order.push_back(i); });
    clock.advance(1s);
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(SimulatedClock, CancellingAFiredOrUnknownTimerChangesNothing) {
    SimulatedClock clock;
    int fired = 0;
    const auto first = clock.schedule_after(1s, [&] { ++fired; });
    clock.advance(1s);
    EXPECT_FALSE(clock.cancel(first));
    EXPECT_FALSE(clock.cancel(12345));
    clock.schedule_after(1s, [&] { ++fired; });
    EXPECT_EQ(clock.pending_timers(), 1u);
    clock.advance(1s);
    EXPECT_EQ(fired, 2);
    EXPECT_EQ(clock.pending_timers(), 0u);
}
