// Password guessing is slowed down per charger and address: free failures first, then a delay that
// doubles per failure up to a cap; success clears it; other addresses are not affected.
#include "manage/core/password_throttle.hpp"

#include <gtest/gtest.h>

namespace manage::core {
namespace {

using namespace std::chrono_literals;

const TimePoint kStart = TimePoint{} + 1000h;

TEST(PasswordThrottle, FreeFailuresThenADoublingDelay) {
    PasswordThrottle throttle(PasswordThrottleOptions{3, 1s, 300s, 100});
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(throttle.wait("CP-1|10.0.0.1", kStart)) << "failure " << i;
        throttle.failed("CP-1|10.0.0.1", kStart);
    }
    EXPECT_EQ(throttle.wait("CP-1|10.0.0.1", kStart), 1s);     // the attempt after the third failure waits
    EXPECT_FALSE(throttle.wait("CP-1|10.0.0.1", kStart + 1s)); // waited it out
    throttle.failed("CP-1|10.0.0.1", kStart + 1s);
    EXPECT_EQ(throttle.wait("CP-1|10.0.0.1", kStart + 1s), 2s);
    throttle.failed("CP-1|10.0.0.1", kStart + 3s);
    EXPECT_EQ(throttle.wait("CP-1|10.0.0.1", kStart + 3s), 4s);
    EXPECT_EQ(throttle.wait("CP-1|10.0.0.1", kStart + 3s + 500ms), 4s); // rounded up, never 0
}

TEST(PasswordThrottle, TheDelayIsCapped) {
    PasswordThrottle throttle(PasswordThrottleOptions{1, 1s, 60s, 100});
    for (int i = 0; i < 40; ++i)
        throttle.failed("CP-1|a", kStart);
    EXPECT_EQ(throttle.wait("CP-1|a", kStart), 60s);
}

TEST(PasswordThrottle, SuccessClearsTheCount) {
    PasswordThrottle throttle(PasswordThrottleOptions{2, 1s, 60s, 100});
    throttle.failed("CP-1|a", kStart);
    throttle.failed("CP-1|a", kStart);
    ASSERT_TRUE(throttle.wait("CP-1|a", kStart));
    throttle.succeeded("CP-1|a");
    EXPECT_FALSE(throttle.wait("CP-1|a", kStart));
    throttle.failed("CP-1|a", kStart); // free again
    EXPECT_FALSE(throttle.wait("CP-1|a", kStart));
}

TEST(PasswordThrottle, KeysAreIndependent) {
    PasswordThrottle throttle(PasswordThrottleOptions{1, 10s, 60s, 100});
    throttle.failed("CP-1|attacker", kStart);
    EXPECT_TRUE(throttle.wait("CP-1|attacker", kStart));
    EXPECT_FALSE(throttle.wait("CP-1|depot", kStart));
    EXPECT_FALSE(throttle.wait("CP-2|attacker", kStart));
}

TEST(PasswordThrottle, ManyKeysDoNotGrowWithoutBound) {
    PasswordThrottle throttle(PasswordThrottleOptions{1, 10s, 60s, 4});
    for (int i = 0; i < 4; ++i)
        throttle.failed("CP-" + std::to_string(i) + "|a", kStart);
    // All four still wait: a fifth key makes room by starting over rather than growing.
    throttle.failed("CP-new|a", kStart);
    EXPECT_TRUE(throttle.wait("CP-new|a", kStart));
    EXPECT_FALSE(throttle.wait("CP-0|a", kStart));
    // Keys no longer waiting are forgotten first.
    PasswordThrottle idle(PasswordThrottleOptions{1, 1s, 60s, 2});
    idle.failed("CP-old|a", kStart);
    idle.failed("CP-busy|a", kStart + 10s);
    idle.failed("CP-next|a", kStart + 10s);
    EXPECT_TRUE(idle.wait("CP-busy|a", kStart + 10s));
    EXPECT_TRUE(idle.wait("CP-next|a", kStart + 10s));
}

} // namespace
} // namespace manage::core
