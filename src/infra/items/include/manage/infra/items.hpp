#pragma once
// The Items port: a DynamoDB-shaped table of items, each named by a partition key and a sort key
// (both strings), read a partition at a time in sort-key order. It holds bulk append-mostly data
// (the OCPP message log, the report index). Embedded: SqliteItems. Production: DynamoDB (later).
// Calls block on I/O: make them from worker threads, never from a connection's strand.
#include "manage/common/clock.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace manage::infra {

struct Item {
    std::string partition; // partition key, e.g. a charger id
    std::string sort;      // sort key, unique within the partition; compared byte by byte
    std::string data;      // the item's attributes, opaque to the port (JSON text in practice)
    // Time to live: from then on the item is invisible to queries and is removed eventually
    // (DynamoDB's TTL attribute; SqliteItems removes it in remove_expired()).
    std::optional<TimePoint> expires_at;
};

struct ItemQuery {
    std::string partition;
    // Sort-key range, both ends inclusive (DynamoDB's BETWEEN); unset: open.
    std::optional<std::string> sort_from;
    std::optional<std::string> sort_to;
    std::size_t limit = 100; // at most this many items per page (at least 1)
    bool descending = false;
    // From a previous page's next_cursor: the query continues after the last item it returned.
    std::string cursor;
};

struct ItemPage {
    std::vector<Item> items;
    // Empty when there is nothing after this page. An adapter may end with an empty page that carries
    // no cursor (DynamoDB may hand back a last key without items after it); SqliteItems never does.
    std::string next_cursor;
};

// A cursor resuming a query right after `sort_key`. Every adapter uses this encoding (the sort key in
// hex; DynamoDB's ExclusiveStartKey is the query's partition with that sort key), so a caller that
// stops in the middle of a page can resume after the last item it used.
std::string cursor_after(const std::string &sort_key);
// The sort key a cursor resumes after; nullopt when the cursor is not one of ours.
std::optional<std::string> sort_key_of_cursor(const std::string &cursor);

// One table of items.
class Items {
public:
    virtual ~Items() = default;
    // Writes the item, replacing one with the same keys.
    virtual void put(const Item &item) = 0;
    // Writes every item (replacing as put does). SqliteItems writes them in one transaction; DynamoDB
    // writes them in batches of 25, so a failure may leave some written.
    virtual void put_batch(const std::vector<Item> &items) = 0;
    // Items of one partition in sort-key order, live ones only. Throws std::invalid_argument for a
    // cursor that is not one of ours.
    virtual ItemPage query(const ItemQuery &query) = 0;
    // Removes the items whose time to live has passed; returns how many. DynamoDB does it by itself
    // (its adapter returns 0).
    virtual std::size_t remove_expired() = 0;
    virtual bool ping() = 0;
};

} // namespace manage::infra
