#include "cache_contract.hpp"

#include "manage/infra/in_process_cache.hpp"

#include <limits>

namespace manage::infra::testing {
namespace {

using namespace std::chrono_literals;

class InProcessCacheHarness final : public CacheHarness {
public:
    Cache &cache() override { return cache_; }
    Duration ttl() const override { return 30s; }
    void advance(Duration by) override { clock_.advance(by); }

private:
    SimulatedClock clock_{TimePoint{1'000'000s}};
    InProcessCache cache_{clock_};
};

INSTANTIATE_TEST_SUITE_P(InProcess, CacheContract,
                         ::testing::Values(CacheAdapter{"InProcess",
                                                        [] { return std::make_unique<InProcessCacheHarness>(); }}),
                         cache_adapter_name);

TEST(InProcessCache, ExpiresAKeyAtExactlyItsTtl) {
    SimulatedClock clock;
    InProcessCache cache(clock);
    cache.set("k", "v", 10s);
    clock.advance(10s - 1ms);
    EXPECT_EQ(cache.get("k"), "v");
    clock.advance(1ms);
    EXPECT_EQ(cache.get("k"), std::nullopt);
}

TEST(InProcessCache, PurgesExpiredEntriesFromMemoryOnTheNextCall) {
    SimulatedClock clock;
    InProcessCache cache(clock);
    for (int i = 0; i < 1000; ++i)
        cache.set("session:" + std::to_string(i), "x", 1min);
    cache.set("kept", "x");
    EXPECT_EQ(cache.stored_entries(), 1001u);
    clock.advance(2min);
    EXPECT_EQ(cache.get("kept"), "x"); // any call purges
    EXPECT_EQ(cache.stored_entries(), 1u);
}

TEST(InProcessCache, OverwritingAKeyDropsItsOldExpiry) {
    SimulatedClock clock;
    InProcessCache cache(clock);
    cache.set("k", "v", 10s);
    cache.set("k", "w", 60s);
    clock.advance(30s);
    EXPECT_EQ(cache.get("k"), "w");
    EXPECT_EQ(cache.stored_entries(), 1u);
}

TEST(InProcessCache, IncrementPastTheInt64RangeThrowsAndKeepsTheValue) {
    SimulatedClock clock;
    InProcessCache cache(clock);
    cache.set("n", std::to_string(std::numeric_limits<std::int64_t>::max()));
    EXPECT_THROW(cache.increment("n", 1), std::overflow_error);
    EXPECT_EQ(cache.get("n"), std::to_string(std::numeric_limits<std::int64_t>::max()));
}

TEST(InProcessCache, IncrementRejectsNumbersWithTrailingText) {
    SimulatedClock clock;
    InProcessCache cache(clock);
    cache.set("n", "12abc");
    EXPECT_THROW(cache.increment("n", 1), std::invalid_argument);
    cache.set("n", "");
    EXPECT_THROW(cache.increment("n", 1), std::invalid_argument);
}

} // namespace
} // namespace manage::infra::testing
