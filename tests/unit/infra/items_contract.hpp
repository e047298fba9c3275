#pragma once
// The Items port's contract: every adapter passes these tests. An adapter's test file instantiates
// them with a harness factory:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, ItemsContract, ::testing::Values(ItemsAdapter{"Sqlite", make}),
//                            items_adapter_name);
#include "manage/infra/items.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace manage::infra::testing {

// One adapter under test. A harness gives each test a table of its own with no items in it (a real
// engine's harness creates a table per test, or names partitions with a per-test prefix).
class ItemsHarness {
public:
    virtual ~ItemsHarness() = default;
    virtual Items &items() = 0;
    // The time to live the tests give items (see CacheHarness::ttl).
    virtual Duration ttl() const = 0;
    // Lets `by` pass for the items' clock.
    virtual void advance(Duration by) = 0;
    // The time now on the items' clock.
    virtual TimePoint now() const = 0;
};

struct ItemsAdapter {
    std::string name;
    std::function<std::unique_ptr<ItemsHarness>()> make;
};

inline void PrintTo(const ItemsAdapter &adapter, std::ostream *out) {
    *out << adapter.name;
}

inline std::string items_adapter_name(const ::testing::TestParamInfo<ItemsAdapter> &info) {
    return info.param.name;
}

class ItemsContract : public ::testing::TestWithParam<ItemsAdapter> {
protected:
    void SetUp() override { harness_ = GetParam().make(); }
    Items &items() { return harness_->items(); }
    Duration ttl() const { return harness_->ttl(); }
    void advance(Duration by) { harness_->advance(by); }
    TimePoint now() const { return harness_->now(); }

private:
    std::unique_ptr<ItemsHarness> harness_;
};

} // namespace manage::infra::testing
