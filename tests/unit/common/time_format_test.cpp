#include "manage/common/time_format.hpp"

#include <gtest/gtest.h>

using namespace manage;
using namespace std::chrono;

TEST(TimeFormat, FormatsUtcWithMilliseconds) {
    const TimePoint t = sys_days{2026y / November / 26} + 19h + 27min + 29s + 123ms;
    EXPECT_EQ(format_time(t), "2026-11-26T19:27:29.123Z");
}

TEST(TimeFormat, ParsesZuluAndOffsets) {
    const TimePoint expected = sys_days{2026y / November / 26} + 19h + 27min + 29s;
    EXPECT_EQ(parse_time("2026-11-26T19:27:29Z"), expected);
    EXPECT_EQ(parse_time("2026-11-26T20:27:29+01:00"), expected);
    EXPECT_EQ(parse_time("2026-11-26T17:27:29-02:00"), expected);
    EXPECT_EQ(parse_time("2026-11-26T19:27:29.5Z"), expected + 500ms);
}

TEST(TimeFormat, RoundTrips) {
    const TimePoint t = sys_days{2024y / February / 29} + 23h + 59min + 59s + 999ms;
    EXPECT_EQ(parse_time(format_time(t)), t);
}

TEST(TimeFormat, RejectsMalformedText) {
    for (const char *bad :
         {"", "2026-11-26", "2026-11-26T19:27:29", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
          "2026-11-26T25:00:00Z", "2026-11-26T19:27:29.Z", "2026-11-26T19:27:29Zjunk", "20x6-11-26T19:27:29Z",
          "9999-01-01T00:00:00Z", "1000-01-01T00:00:00Z", "2026-11-26T19:27:29+99:99"})
        EXPECT_FALSE(parse_time(bad).has_value()) << bad;
}
