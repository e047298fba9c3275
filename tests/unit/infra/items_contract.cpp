#include "items_contract.hpp"

#include <gmock/gmock.h>

#include <set>
#include <stdexcept>

namespace manage::infra::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> sort_keys(const ItemPage &page) {
    std::vector<std::string> keys;
    for (const auto &item : page.items)
        keys.push_back(item.sort);
    return keys;
}

// Follows cursors until the last page; the pages' sort keys in order.
std::vector<std::string> read_all(Items &items, ItemQuery query, std::size_t *pages = nullptr) {
    std::vector<std::string> keys;
    std::size_t count = 0;
    for (;;) {
        const auto page = items.query(query);
        EXPECT_LE(page.items.size(), query.limit);
        for (const auto &item : page.items)
            keys.push_back(item.sort);
        ++count;
        if (page.next_cursor.empty())
            break;
        query.cursor = page.next_cursor;
        if (count > 10'000) {
            ADD_FAILURE() << "cursors never end";
            break;
        }
    }
    if (pages)
        *pages = count;
    return keys;
}

std::string key(int i) {
    auto text = std::to_string(i);
    return std::string(4 - text.size(), '0') + text;
}

TEST_P(ItemsContract, AnswersPing) {
    EXPECT_TRUE(items().ping());
}

TEST_P(ItemsContract, AnEmptyPartitionHasNoItems) {
    const auto page = items().query({"nobody"});
    EXPECT_THAT(page.items, IsEmpty());
    EXPECT_EQ(page.next_cursor, "");
}

TEST_P(ItemsContract, PutThenQueryReturnsTheItemWithItsData) {
    items().put({"CP-1", "0001", R"({"action":"Heartbeat"})", std::nullopt});
    const auto page = items().query({"CP-1"});
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].partition, "CP-1");
    EXPECT_EQ(page.items[0].sort, "0001");
    EXPECT_EQ(page.items[0].data, R"({"action":"Heartbeat"})");
    EXPECT_EQ(page.items[0].expires_at, std::nullopt);
}

TEST_P(ItemsContract, PutReplacesAnItemWithTheSameKeys) {
    items().put({"CP-1", "0001", "first", std::nullopt});
    items().put({"CP-1", "0001", "second", std::nullopt});
    const auto page = items().query({"CP-1"});
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].data, "second");
}

TEST_P(ItemsContract, PartitionsAreApart) {
    items().put_batch({{"CP-1", "0001", "a", std::nullopt},
                       {"CP-2", "0001", "b", std::nullopt},
                       {"CP-10", "0002", "c", std::nullopt}});
    EXPECT_THAT(sort_keys(items().query({"CP-1"})), ElementsAre("0001"));
    EXPECT_EQ(items().query({"CP-2"}).items.at(0).data, "b");
    EXPECT_THAT(sort_keys(items().query({"CP-10"})), ElementsAre("0002"));
}

TEST_P(ItemsContract, ReadsInSortKeyOrderByteByByte) {
    items().put_batch({{"p", "b", "", std::nullopt},
                       {"p", "a#2", "", std::nullopt},
                       {"p", "a#10", "", std::nullopt},
                       {"p", "B", "", std::nullopt},
                       {"p", "a", "", std::nullopt}});
    EXPECT_THAT(sort_keys(items().query({"p"})), ElementsAre("B", "a", "a#10", "a#2", "b"));
    ItemQuery descending{"p"};
    descending.descending = true;
    EXPECT_THAT(sort_keys(items().query(descending)), ElementsAre("b", "a#2", "a#10", "a", "B"));
}

TEST_P(ItemsContract, SortKeyRangeIncludesBothEnds) {
    std::vector<Item> batch;
    for (int i = 0; i < 10; ++i)
        batch.push_back({"p", key(i), "", std::nullopt});
    items().put_batch(batch);
    ItemQuery query{"p"};
    query.sort_from = key(3);
    query.sort_to = key(6);
    EXPECT_THAT(sort_keys(items().query(query)), ElementsAre(key(3), key(4), key(5), key(6)));
    query.descending = true;
    EXPECT_THAT(sort_keys(items().query(query)), ElementsAre(key(6), key(5), key(4), key(3)));
    ItemQuery open_start{"p"};
    open_start.sort_to = "0001#";
    EXPECT_THAT(sort_keys(items().query(open_start)), ElementsAre(key(0), key(1)));
    ItemQuery open_end{"p"};
    open_end.sort_from = "0008";
    EXPECT_THAT(sort_keys(items().query(open_end)), ElementsAre(key(8), key(9)));
}

TEST_P(ItemsContract, CursorPagesCoverEveryItemExactlyOnceInOrder) {
    std::vector<Item> batch;
    std::vector<std::string> expected;
    for (int i = 0; i < 53; ++i) {
        batch.push_back({"p", key(i), std::to_string(i), std::nullopt});
        expected.push_back(key(i));
    }
    items().put_batch(batch);
    for (const std::size_t limit : {1u, 7u, 10u, 53u, 100u}) {
        ItemQuery query{"p"};
        query.limit = limit;
        EXPECT_EQ(read_all(items(), query), expected) << "limit " << limit;
        query.descending = true;
        EXPECT_EQ(read_all(items(), query), std::vector<std::string>(expected.rbegin(), expected.rend()))
            << "descending, limit " << limit;
    }
}

TEST_P(ItemsContract, CursorPagesStayWithinTheRange) {
    std::vector<Item> batch;
    for (int i = 0; i < 30; ++i)
        batch.push_back({"p", key(i), "", std::nullopt});
    items().put_batch(batch);
    ItemQuery query{"p"};
    query.sort_from = key(5);
    query.sort_to = key(24);
    query.limit = 6;
    const auto keys = read_all(items(), query);
    ASSERT_EQ(keys.size(), 20u);
    EXPECT_EQ(keys.front(), key(5));
    EXPECT_EQ(keys.back(), key(24));
}

TEST_P(ItemsContract, APageHoldsTheLimitWhileMoreFollow) {
    std::vector<Item> batch;
    for (int i = 0; i < 5; ++i)
        batch.push_back({"p", key(i), "", std::nullopt});
    items().put_batch(batch);
    ItemQuery query{"p"};
    query.limit = 2;
    const auto first = items().query(query);
    EXPECT_THAT(sort_keys(first), ElementsAre(key(0), key(1)));
    EXPECT_NE(first.next_cursor, "");
}

TEST_P(ItemsContract, ACursorMadeFromAnItemResumesAfterIt) {
    std::vector<Item> batch;
    for (int i = 0; i < 5; ++i)
        batch.push_back({"p", key(i), "", std::nullopt});
    items().put_batch(batch);
    ItemQuery query{"p"};
    query.cursor = cursor_after(key(2));
    EXPECT_THAT(sort_keys(items().query(query)), ElementsAre(key(3), key(4)));
    query.descending = true;
    EXPECT_THAT(sort_keys(items().query(query)), ElementsAre(key(1), key(0)));
}

TEST_P(ItemsContract, ItemsWrittenAfterAPageAppearOnTheNextOne) {
    items().put_batch({{"p", key(1), "", std::nullopt}, {"p", key(2), "", std::nullopt}});
    ItemQuery query{"p"};
    query.limit = 1;
    auto page = items().query(query);
    ASSERT_THAT(sort_keys(page), ElementsAre(key(1)));
    items().put({"p", key(3), "", std::nullopt});
    query.cursor = page.next_cursor;
    EXPECT_THAT(read_all(items(), query), ElementsAre(key(2), key(3)));
}

TEST_P(ItemsContract, ABadCursorIsRefused) {
    ItemQuery query{"p"};
    query.cursor = "not a cursor!";
    EXPECT_THROW(items().query(query), std::invalid_argument);
}

TEST_P(ItemsContract, EmptyKeysAreRefused) {
    EXPECT_THROW(items().put({"", "s", "", std::nullopt}), std::invalid_argument);
    EXPECT_THROW(items().put({"p", "", "", std::nullopt}), std::invalid_argument);
    EXPECT_THROW(items().put_batch({{"p", "1", "", std::nullopt}, {"p", "", "", std::nullopt}}), std::invalid_argument);
}

TEST_P(ItemsContract, KeepsDataOfAnyText) {
    const std::string data = "{\"payload\":\"caf\xc3\xa9 \\u0000 'quoted' \\\"x\\\"\"}\n\ttabs";
    items().put({"p", "k", data, std::nullopt});
    EXPECT_EQ(items().query({"p"}).items.at(0).data, data);
}

TEST_P(ItemsContract, ABatchOfManyItemsIsWrittenWhole) {
    std::vector<Item> batch;
    for (int i = 0; i < 1000; ++i)
        batch.push_back({"p", key(i), std::string(100, 'x'), std::nullopt});
    items().put_batch(batch);
    ItemQuery query{"p"};
    query.limit = 1000;
    EXPECT_EQ(items().query(query).items.size(), 1000u);
}

TEST_P(ItemsContract, ExpiredItemsAreInvisibleAndRemoved) {
    const auto start = now();
    items().put({"p", "1", "short-lived", start + ttl()});
    items().put({"p", "2", "kept", std::nullopt});
    items().put({"p", "3", "longer", start + ttl() * 3});
    advance(ttl() / 2);
    EXPECT_THAT(sort_keys(items().query({"p"})), ElementsAre("1", "2", "3"));
    EXPECT_EQ(items().query({"p"}).items.at(0).expires_at, start + ttl());
    advance(ttl());
    EXPECT_THAT(sort_keys(items().query({"p"})), ElementsAre("2", "3"));
    items().remove_expired();
    EXPECT_THAT(sort_keys(items().query({"p"})), ElementsAre("2", "3"));
}

} // namespace
} // namespace manage::infra::testing
