#include "items_contract.hpp"
#include "manage/infra/sqlite_items.hpp"
#include "temp_directory.hpp"

#include <gmock/gmock.h>

namespace manage::infra::testing {
namespace {

using namespace std::chrono_literals;

class SqliteItemsHarness final : public ItemsHarness {
public:
    SqliteItemsHarness() {
        auto opened = SqliteItems::open(directory_.path() / "items.db", "test_items", clock_);
        if (!opened)
            throw std::runtime_error(opened.error().message);
        items_ = std::move(opened.value());
    }
    Items &items() override { return *items_; }
    Duration ttl() const override { return 1h; }
    void advance(Duration by) override { clock_.advance(by); }
    TimePoint now() const override { return clock_.now(); }

private:
    TempDirectory directory_;
    SimulatedClock clock_{TimePoint{1'000'000s}};
    std::unique_ptr<SqliteItems> items_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, ItemsContract,
                         ::testing::Values(ItemsAdapter{"Sqlite",
                                                        [] { return std::make_unique<SqliteItemsHarness>(); }}),
                         items_adapter_name);

TEST(SqliteItems, RefusesABadTableName) {
    TempDirectory directory;
    SimulatedClock clock;
    for (const auto &name : std::vector<std::string>{"", "Messages", "a-b", "x; DROP TABLE y", std::string(49, 'a')}) {
        auto opened = SqliteItems::open(directory.path() / "items.db", name, clock);
        ASSERT_FALSE(opened) << name;
        EXPECT_EQ(opened.error().code, "bad_items_table");
    }
}

TEST(SqliteItems, TablesShareAFileAndKeepTheirItemsAcrossOpens) {
    TempDirectory directory;
    SimulatedClock clock;
    {
        auto a = SqliteItems::open(directory.path() / "items.db", "a", clock);
        auto b = SqliteItems::open(directory.path() / "items.db", "b", clock);
        ASSERT_TRUE(a && b);
        a.value()->put({"p", "1", "in a", std::nullopt});
        b.value()->put({"p", "1", "in b", std::nullopt});
    }
    auto again = SqliteItems::open(directory.path() / "items.db", "a", clock);
    ASSERT_TRUE(again);
    const auto page = again.value()->query({"p"});
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].data, "in a");
}

TEST(SqliteItems, TheLastPageCarriesNoCursor) {
    TempDirectory directory;
    SimulatedClock clock;
    auto items = SqliteItems::open(directory.path() / "items.db", "t", clock);
    ASSERT_TRUE(items);
    items.value()->put_batch({{"p", "1", "", std::nullopt}, {"p", "2", "", std::nullopt}});
    ItemQuery query{"p"};
    query.limit = 2;
    EXPECT_EQ(items.value()->query(query).next_cursor, "");
}

TEST(SqliteItems, RemoveExpiredCountsWhatItRemoved) {
    TempDirectory directory;
    SimulatedClock clock{TimePoint{1'000'000s}};
    auto items = SqliteItems::open(directory.path() / "items.db", "t", clock);
    ASSERT_TRUE(items);
    items.value()->put_batch(
        {{"p", "1", "", clock.now() + 1min}, {"p", "2", "", clock.now() + 1min}, {"p", "3", "", std::nullopt}});
    EXPECT_EQ(items.value()->remove_expired(), 0u);
    clock.advance(1min);
    EXPECT_EQ(items.value()->remove_expired(), 2u);
}

} // namespace
} // namespace manage::infra::testing
