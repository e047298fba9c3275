#pragma once
// The Cache port's contract: every adapter passes these tests. An adapter's test file instantiates
// them with a harness factory:
//   INSTANTIATE_TEST_SUITE_P(InProcess, CacheContract, ::testing::Values(CacheAdapter{"InProcess", make}),
//                            cache_adapter_name);
#include "manage/infra/cache.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace manage::infra::testing {

// One adapter under test. A harness gives each test a cache of its own, with no keys in it (a real
// engine's harness flushes a database kept for tests), and says how time passes for that cache.
class CacheHarness {
public:
    virtual ~CacheHarness() = default;
    virtual Cache &cache() = 0;
    // The time to live the tests give keys: a SimulatedClock's harness can take any; a real engine's
    // takes one long enough for a few round trips and short enough to wait out (e.g. 300 ms).
    virtual Duration ttl() const = 0;
    // Lets `by` pass for the cache: advances a SimulatedClock, or sleeps for a real engine.
    virtual void advance(Duration by) = 0;
};

struct CacheAdapter {
    std::string name;
    std::function<std::unique_ptr<CacheHarness>()> make;
};

// Names the adapter in test output instead of dumping its bytes.
inline void PrintTo(const CacheAdapter &adapter, std::ostream *out) {
    *out << adapter.name;
}

inline std::string cache_adapter_name(const ::testing::TestParamInfo<CacheAdapter> &info) {
    return info.param.name;
}

class CacheContract : public ::testing::TestWithParam<CacheAdapter> {
protected:
    void SetUp() override { harness_ = GetParam().make(); }
    Cache &cache() { return harness_->cache(); }
    Duration ttl() const { return harness_->ttl(); }
    void advance(Duration by) { harness_->advance(by); }

private:
    std::unique_ptr<CacheHarness> harness_;
};

} // namespace manage::infra::testing
