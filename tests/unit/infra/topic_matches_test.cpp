#include "manage/infra/bus.hpp"

#include <gtest/gtest.h>

#include <ostream>

namespace manage::infra {
namespace {

struct TopicCase {
    const char *pattern;
    const char *topic;
    bool matches;
};

void PrintTo(const TopicCase &c, std::ostream *out) {
    *out << "'" << c.pattern << "' ~ '" << c.topic << "'";
}

class TopicMatches : public ::testing::TestWithParam<TopicCase> {};

TEST_P(TopicMatches, FollowsAmqpTopicExchangeRules) {
    const auto &[pattern, topic, matches] = GetParam();
    EXPECT_EQ(topic_matches(pattern, topic), matches) << "pattern '" << pattern << "', topic '" << topic << "'";
}

INSTANTIATE_TEST_SUITE_P(
    Table, TopicMatches,
    ::testing::Values(
        // literal words
        TopicCase{"charger.CP-1.status", "charger.CP-1.status", true},
        TopicCase{"charger.CP-1.status", "charger.CP-2.status", false},
        TopicCase{"charger.CP-1", "charger.CP-1.status", false},
        TopicCase{"charger.CP-1.status", "charger.CP-1", false}, TopicCase{"charger", "chargers", false},
        // * is exactly one word
        TopicCase{"charger.*.status", "charger.CP-1.status", true},
        TopicCase{"charger.*.status", "charger.status", false},
        TopicCase{"charger.*.status", "charger.a.b.status", false}, TopicCase{"*", "charger", true},
        TopicCase{"*", "charger.CP-1", false}, TopicCase{"*.*", "a.b", true}, TopicCase{"*.*", "a", false},
        // # is zero or more words
        TopicCase{"#", "charger", true}, TopicCase{"#", "charger.CP-1.status", true}, TopicCase{"#", "", true},
        TopicCase{"charger.#", "charger", true}, TopicCase{"charger.#", "charger.CP-1.status", true},
        TopicCase{"charger.#", "chargers.CP-1", false}, TopicCase{"#.status", "status", true},
        TopicCase{"#.status", "charger.CP-1.status", true}, TopicCase{"#.status", "charger.CP-1.meter", false},
        TopicCase{"a.#.b", "a.b", true}, TopicCase{"a.#.b", "a.x.b", true}, TopicCase{"a.#.b", "a.x.y.b", true},
        TopicCase{"a.#.b", "a.b.c", false}, TopicCase{"a.#.b", "a.x.b.c", false}, TopicCase{"a.#.b", "b", false},
        // combinations
        TopicCase{"#.*", "a", true}, TopicCase{"#.*", "", true}, TopicCase{"*.#", "a.b.c", true},
        TopicCase{"a.*.#", "a", false}, TopicCase{"a.*.#", "a.b", true}, TopicCase{"#.#", "a.b", true},
        TopicCase{"#.a.#", "x.a.y", true}, TopicCase{"#.a.#", "x.b.y", false},
        // wildcards are whole words only
        TopicCase{"charger*", "charger1", false}, TopicCase{"char#", "charger", false},
        TopicCase{"#.#.#.#.#.#.#.#.#.#.x", "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.y", false}));

} // namespace
} // namespace manage::infra
