#include "cache_contract.hpp"

#include <gmock/gmock.h>

#include <limits>
#include <stdexcept>
#include <thread>

namespace manage::infra::testing {
namespace {

using ::testing::UnorderedElementsAre;

TEST_P(CacheContract, AnswersPing) {
    EXPECT_TRUE(cache().ping());
}

TEST_P(CacheContract, GetOfAnAbsentKeyIsEmpty) {
    EXPECT_EQ(cache().get("absent"), std::nullopt);
}

TEST_P(CacheContract, SetThenGetReturnsTheLatestValue) {
    cache().set("charger:CP-1:status", "Available");
    EXPECT_EQ(cache().get("charger:CP-1:status"), "Available");
    cache().set("charger:CP-1:status", "Charging");
    EXPECT_EQ(cache().get("charger:CP-1:status"), "Charging");
}

TEST_P(CacheContract, KeepsEmptyAndBinaryValues) {
    const std::string binary("a\0b\xff", 4);
    cache().set("empty", "");
    cache().set("binary", binary);
    EXPECT_EQ(cache().get("empty"), "");
    EXPECT_EQ(cache().get("binary"), binary);
}

TEST_P(CacheContract, EraseTellsWhetherTheKeyExisted) {
    cache().set("k", "v");
    EXPECT_TRUE(cache().erase("k"));
    EXPECT_EQ(cache().get("k"), std::nullopt);
    EXPECT_FALSE(cache().erase("k"));
}

TEST_P(CacheContract, KeyLivesUntilItsTtlThenVanishesFromEveryCall) {
    cache().set("session:1", "lease", ttl());
    cache().set("session:2", "kept");
    advance(ttl() / 2);
    EXPECT_EQ(cache().get("session:1"), "lease");
    advance(ttl());
    EXPECT_EQ(cache().get("session:1"), std::nullopt);
    EXPECT_THAT(cache().keys_with_prefix("session:"), UnorderedElementsAre("session:2"));
    EXPECT_FALSE(cache().erase("session:1"));
    EXPECT_EQ(cache().increment("session:1", 5), 5);
}

TEST_P(CacheContract, SetWithoutTtlKeepsTheKeyUntilErased) {
    cache().set("k", "v", ttl());
    cache().set("k", "w");
    advance(ttl() * 2);
    EXPECT_EQ(cache().get("k"), "w");
}

TEST_P(CacheContract, SetWithANewTtlRestartsIt) {
    cache().set("k", "v", ttl());
    advance(ttl() / 2);
    cache().set("k", "w", ttl());
    advance(ttl() * 3 / 4);
    EXPECT_EQ(cache().get("k"), "w");
    advance(ttl() / 2);
    EXPECT_EQ(cache().get("k"), std::nullopt);
}

TEST_P(CacheContract, ANonPositiveTtlRemovesTheKeyAtOnce) {
    cache().set("k", "v");
    cache().set("k", "w", Duration::zero());
    EXPECT_EQ(cache().get("k"), std::nullopt);
}

TEST_P(CacheContract, SetIfAbsentTakesAFreeKeyOnly) {
    EXPECT_TRUE(cache().set_if_absent("lock:site-1", "node-a", ttl()));
    EXPECT_FALSE(cache().set_if_absent("lock:site-1", "node-b", ttl()));
    EXPECT_EQ(cache().get("lock:site-1"), "node-a");
    cache().set("plain", "v");
    EXPECT_FALSE(cache().set_if_absent("plain", "w", ttl()));
    EXPECT_EQ(cache().get("plain"), "v");
}

TEST_P(CacheContract, SetIfAbsentTakesAKeyAgainOnceItExpired) {
    ASSERT_TRUE(cache().set_if_absent("lock:site-1", "node-a", ttl()));
    advance(ttl() + ttl() / 2);
    EXPECT_TRUE(cache().set_if_absent("lock:site-1", "node-b", ttl()));
    EXPECT_EQ(cache().get("lock:site-1"), "node-b");
}

TEST_P(CacheContract, IncrementCountsFromZero) {
    EXPECT_EQ(cache().increment("hits", 1), 1);
    EXPECT_EQ(cache().increment("hits", 41), 42);
    EXPECT_EQ(cache().increment("hits", -50), -8);
    EXPECT_EQ(cache().get("hits"), "-8");
}

TEST_P(CacheContract, IncrementContinuesAnIntegerWrittenBySet) {
    cache().set("n", "10");
    EXPECT_EQ(cache().increment("n", 5), 15);
}

TEST_P(CacheContract, IncrementTtlAppliesWhenTheCounterIsCreated) {
    EXPECT_EQ(cache().increment("rate:CP-1", 1, ttl()), 1);
    advance(ttl() / 2);
    EXPECT_EQ(cache().increment("rate:CP-1", 1, ttl()), 2); // the window does not slide
    advance(ttl() * 3 / 4);
    EXPECT_EQ(cache().get("rate:CP-1"), std::nullopt);
    EXPECT_EQ(cache().increment("rate:CP-1", 1, ttl()), 1);
}

TEST_P(CacheContract, IncrementKeepsTheTtlOfAnExistingKey) {
    cache().set("n", "1", ttl());
    EXPECT_EQ(cache().increment("n", 1), 2);
    advance(ttl() + ttl() / 2);
    EXPECT_EQ(cache().get("n"), std::nullopt);
}

TEST_P(CacheContract, IncrementOfANonIntegerThrowsAndLeavesTheValue) {
    cache().set("name", "CP-1");
    EXPECT_THROW(cache().increment("name", 1), std::invalid_argument);
    EXPECT_EQ(cache().get("name"), "CP-1");
}

TEST_P(CacheContract, IncrementIsExactOverTheInt64RangeAndRefusesToOverflow) {
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
    cache().set("high", std::to_string(kMax - 1));
    EXPECT_EQ(cache().increment("high", 1), kMax);
    EXPECT_THROW(cache().increment("high", 1), std::overflow_error);
    EXPECT_EQ(cache().get("high"), std::to_string(kMax));
    EXPECT_EQ(cache().increment("low", kMin), kMin);
    EXPECT_THROW(cache().increment("low", -1), std::overflow_error);
    EXPECT_EQ(cache().get("low"), std::to_string(kMin));
}

TEST_P(CacheContract, WritesWithANonPositiveTtlLeaveNoKey) {
    EXPECT_TRUE(cache().set_if_absent("lock", "a", Duration::zero()));
    EXPECT_EQ(cache().get("lock"), std::nullopt);
    cache().set("held", "a");
    EXPECT_FALSE(cache().set_if_absent("held", "b", -ttl()));
    EXPECT_EQ(cache().get("held"), "a");
    EXPECT_EQ(cache().increment("n", 3, Duration::zero()), 3);
    EXPECT_EQ(cache().get("n"), std::nullopt);
    cache().set("m", "1");
    EXPECT_EQ(cache().increment("m", 1, Duration::zero()), 2); // an existing counter keeps its (absent) ttl
    EXPECT_EQ(cache().get("m"), "2");
}

TEST_P(CacheContract, KeysWithPrefixListsLiveMatchingKeysOnly) {
    cache().set("charger:CP-1", "a");
    cache().set("charger:CP-2", "b", ttl());
    cache().set("charger:CP-3", "c", ttl() * 4);
    cache().set("chargers", "d");
    cache().set("connector:CP-1:1", "e");
    advance(ttl() * 2);
    EXPECT_THAT(cache().keys_with_prefix("charger:"), UnorderedElementsAre("charger:CP-1", "charger:CP-3"));
    EXPECT_THAT(cache().keys_with_prefix("nothing:"), ::testing::IsEmpty());
}

TEST_P(CacheContract, KeysWithPrefixTakesGlobCharactersLiterally) {
    const std::string prefix = "a*[b]?\\c:";
    cache().set(prefix + "1", "x");
    cache().set(prefix + "2", "x");
    cache().set("aZZb!c:3", "x"); // what the prefix matches as a glob pattern
    cache().set("a*[b]?c:4", "x");
    EXPECT_THAT(cache().keys_with_prefix(prefix), UnorderedElementsAre(prefix + "1", prefix + "2"));
}

TEST_P(CacheContract, EraseIfEqualsErasesOnlyTheExpectedValue) {
    cache().set("charger-node:CP-1", "node-b|2");
    EXPECT_FALSE(cache().erase_if_equals("charger-node:CP-1", "node-a|1"));
    EXPECT_EQ(cache().get("charger-node:CP-1"), "node-b|2");
    EXPECT_TRUE(cache().erase_if_equals("charger-node:CP-1", "node-b|2"));
    EXPECT_EQ(cache().get("charger-node:CP-1"), std::nullopt);
    EXPECT_FALSE(cache().erase_if_equals("charger-node:CP-1", "node-b|2"));
}

TEST_P(CacheContract, EraseIfEqualsDoesNotSeeAnExpiredKey) {
    cache().set("lease", "mine", ttl());
    advance(ttl() * 2);
    EXPECT_FALSE(cache().erase_if_equals("lease", "mine"));
}

TEST_P(CacheContract, RefreshIfEqualsRestartsTheTtlOfTheExpectedValueOnly) {
    cache().set("mine", "a|1", ttl());
    cache().set("theirs", "b|2", ttl());
    advance(ttl() / 2);
    EXPECT_TRUE(cache().refresh_if_equals("mine", "a|1", ttl()));
    EXPECT_FALSE(cache().refresh_if_equals("theirs", "a|1", ttl()));
    EXPECT_FALSE(cache().refresh_if_equals("absent", "a|1", ttl()));
    advance(ttl() * 3 / 4);
    EXPECT_EQ(cache().get("mine"), "a|1");
    EXPECT_EQ(cache().get("theirs"), std::nullopt);
    EXPECT_EQ(cache().get("absent"), std::nullopt);
}

TEST_P(CacheContract, RefreshIfEqualsWithANonPositiveTtlErases) {
    cache().set("mine", "a|1");
    EXPECT_TRUE(cache().refresh_if_equals("mine", "a|1", Duration::zero()));
    EXPECT_EQ(cache().get("mine"), std::nullopt);
}

TEST_P(CacheContract, ConcurrentEraseIfEqualsHasOneWinner) {
    constexpr int kThreads = 8;
    cache().set("lease", "held");
    std::atomic<int> winners = 0;
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([this, &winners] {
            if (cache().erase_if_equals("lease", "held"))
                ++winners;
        });
    threads.clear();
    EXPECT_EQ(winners, 1);
}

TEST_P(CacheContract, ConcurrentIncrementsAreNotLost) {
    constexpr int kThreads = 8;
    constexpr int kIncrements = 500;
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([this] {
            for (int i = 0; i < kIncrements; ++i)
                cache().increment("shared", 1);
        });
    threads.clear();
    EXPECT_EQ(cache().get("shared"), std::to_string(kThreads * kIncrements));
}

TEST_P(CacheContract, ConcurrentSetIfAbsentHasOneWinner) {
    constexpr int kThreads = 8;
    std::atomic<int> winners = 0;
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([this, &winners, t] {
            if (cache().set_if_absent("lock", "node-" + std::to_string(t), ttl()))
                ++winners;
        });
    threads.clear();
    EXPECT_EQ(winners, 1);
}

} // namespace
} // namespace manage::infra::testing
