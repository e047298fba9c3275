#include "manage/ocpp/types.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace manage;
using namespace manage::ocpp;
using namespace std::chrono;

TEST(CiString, RefusesLongerStrings) {
    EXPECT_EQ(CiString<5>("abcde").str(), "abcde");
    EXPECT_THROW(CiString<5>("abcdef"), std::length_error);
    EXPECT_THROW(CiString<5>(std::string(6, 'x')), std::length_error);
    EXPECT_TRUE(CiString<5>::from("abcde"));
    EXPECT_FALSE(CiString<5>::from("abcdef"));
}

TEST(CiString, CountsCharactersNotBytes) {
    EXPECT_EQ(utf8_length("é€𝄞a"), 4u);
    EXPECT_NO_THROW(CiString<3>("€€€")); // 9 bytes
    EXPECT_THROW(CiString<3>("€€€€"), std::length_error);
}

TEST(CiString, ComparesExactlyOrIgnoringCase) {
    const CiString<20> tag("04a2B3");
    EXPECT_EQ(tag, CiString<20>("04a2B3"));
    EXPECT_NE(tag, CiString<20>("04A2B3"));
    EXPECT_TRUE(tag.equals_ignore_case("04A2b3"));
    EXPECT_FALSE(tag.equals_ignore_case("04A2b"));
}

TEST(DateTime, ParsesRfc3339AndWritesUtcMilliseconds) {
    const auto parsed = DateTime::parse("2024-05-01T14:00:00.25+02:00");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->time_point(), sys_days{2024y / May / 1} + 12h + 250ms);
    EXPECT_EQ(parsed->to_string(), "2024-05-01T12:00:00.250Z");
    EXPECT_FALSE(DateTime::parse("2024-05-01T12:00:00"));
    EXPECT_FALSE(DateTime::parse("1714564800"));
}

TEST(DateTime, RefusesYearsTheClockCannotHold) {
    // system_clock has nanoseconds in 64 bits: roughly 1677 to 2262.
    EXPECT_TRUE(DateTime::parse("2261-12-31T23:59:59Z"));
    EXPECT_FALSE(DateTime::parse("2324-01-01T00:00:00Z"));
    EXPECT_FALSE(DateTime::parse("9999-12-31T23:59:59Z"));
    EXPECT_FALSE(DateTime::parse("0001-01-01T00:00:00Z"));
}
