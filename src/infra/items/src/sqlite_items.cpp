#include "manage/infra/sqlite_items.hpp"

#include "manage/infra/database.hpp"

#include <soci/soci.h>

#include <stdexcept>

namespace manage::infra {
namespace {

long long to_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

bool is_valid_table_name(const std::string &name) {
    if (name.empty() || name.size() > 48)
        return false;
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

void check_keys(const Item &item) {
    // DynamoDB refuses empty key attributes too; an empty sort key would also break the cursor.
    if (item.partition.empty() || item.sort.empty())
        throw std::invalid_argument("an item needs a non-empty partition key and sort key");
}

void write(soci::session &sql, const std::string &table, const Item &item) {
    check_keys(item);
    long long expires = item.expires_at ? to_ms(*item.expires_at) : 0;
    soci::indicator expires_indicator = item.expires_at ? soci::i_ok : soci::i_null;
    sql << "INSERT OR REPLACE INTO " + table + " (pk, sk, data, expires_at) VALUES (:pk, :sk, :data, :expires)",
        soci::use(item.partition), soci::use(item.sort), soci::use(item.data), soci::use(expires, expires_indicator);
}

} // namespace

Result<std::unique_ptr<SqliteItems>> SqliteItems::open(const std::filesystem::path &file, const std::string &table,
                                                       const Clock &clock) {
    if (!is_valid_table_name(table))
        return fail("bad_items_table", "an items table name is 1 to 48 of a-z, 0-9 and '_', got '" + table + "'");
    BOOST_OUTCOME_TRY(database, Database::open("sqlite://" + file.string(), 2));
    try {
        database->with_session([&](soci::session &sql) {
            // WITHOUT ROWID: the rows live in the (pk, sk) b-tree, so a partition reads in sort order.
            sql << "CREATE TABLE IF NOT EXISTS " + table +
                       " (pk TEXT NOT NULL, sk TEXT NOT NULL, data TEXT NOT NULL, expires_at BIGINT, "
                       "PRIMARY KEY (pk, sk)) WITHOUT ROWID";
            sql << "CREATE INDEX IF NOT EXISTS " + table + "_expiry ON " + table +
                       " (expires_at) WHERE expires_at IS NOT NULL";
        });
    } catch (const std::exception &e) {
        return fail("items_unavailable",
                    "cannot create the items table " + table + " in " + file.string() + ": " + e.what());
    }
    return std::unique_ptr<SqliteItems>(new SqliteItems(std::move(database), table, clock));
}

SqliteItems::SqliteItems(std::unique_ptr<Database> database, std::string table, const Clock &clock)
    : database_(std::move(database)), table_(std::move(table)), clock_(clock) {}

SqliteItems::~SqliteItems() = default;

void SqliteItems::put(const Item &item) {
    database_->with_session([&](soci::session &sql) { write(sql, table_, item); });
}

void SqliteItems::put_batch(const std::vector<Item> &items) {
    if (items.empty())
        return;
    for (const auto &item : items)
        check_keys(item);
    database_->in_transaction([&](soci::session &sql) {
        // One prepared statement for the whole batch: parsing the SQL again per item costs more than
        // the insert itself.
        std::string partition, sort, data;
        long long expires = 0;
        soci::indicator expires_indicator = soci::i_null;
        soci::statement insert =
            (sql.prepare << "INSERT OR REPLACE INTO " + table_ +
                                " (pk, sk, data, expires_at) VALUES (:pk, :sk, :data, :expires)",
             soci::use(partition), soci::use(sort), soci::use(data), soci::use(expires, expires_indicator));
        for (const auto &item : items) {
            partition = item.partition;
            sort = item.sort;
            data = item.data;
            expires = item.expires_at ? to_ms(*item.expires_at) : 0;
            expires_indicator = item.expires_at ? soci::i_ok : soci::i_null;
            insert.execute(true);
        }
    });
}

ItemPage SqliteItems::query(const ItemQuery &query) {
    if (query.limit == 0)
        throw std::invalid_argument("an items query needs a limit of at least 1");
    std::optional<std::string> after;
    if (!query.cursor.empty()) {
        after = sort_key_of_cursor(query.cursor);
        if (!after)
            throw std::invalid_argument("not a cursor of this query");
    }
    // Only the conditions in use go into the SQL, so that SQLite scans the (pk, sk) range alone.
    std::string text = "SELECT sk, data, expires_at FROM " + table_ + " WHERE pk = :pk";
    if (query.sort_from)
        text += " AND sk >= :sort_from";
    if (query.sort_to)
        text += " AND sk <= :sort_to";
    if (after)
        text += query.descending ? " AND sk < :after" : " AND sk > :after";
    text += " AND (expires_at IS NULL OR expires_at > :now) ORDER BY sk";
    text += query.descending ? " DESC" : " ASC";
    text += " LIMIT :fetch";
    const long long now = to_ms(clock_.now());
    // One more than asked: it tells whether a next page exists.
    const long long fetch = static_cast<long long>(query.limit) + 1;

    ItemPage page;
    database_->with_session([&](soci::session &sql) {
        std::string sort;
        std::string data;
        long long expires = 0;
        soci::indicator expires_indicator = soci::i_null;
        soci::statement statement(sql);
        statement.exchange(soci::into(sort));
        statement.exchange(soci::into(data));
        statement.exchange(soci::into(expires, expires_indicator));
        statement.exchange(soci::use(query.partition, "pk"));
        if (query.sort_from)
            statement.exchange(soci::use(*query.sort_from, "sort_from"));
        if (query.sort_to)
            statement.exchange(soci::use(*query.sort_to, "sort_to"));
        if (after)
            statement.exchange(soci::use(*after, "after"));
        statement.exchange(soci::use(now, "now"));
        statement.exchange(soci::use(fetch, "fetch"));
        statement.alloc();
        statement.prepare(text);
        statement.define_and_bind();
        statement.execute(false);
        while (statement.fetch()) {
            Item item{query.partition, sort, data, std::nullopt};
            if (expires_indicator == soci::i_ok)
                item.expires_at = TimePoint{std::chrono::milliseconds{expires}};
            page.items.push_back(std::move(item));
        }
    });
    if (page.items.size() > query.limit) {
        page.items.resize(query.limit);
        page.next_cursor = cursor_after(page.items.back().sort);
    }
    return page;
}

std::size_t SqliteItems::remove_expired() {
    const long long now = to_ms(clock_.now());
    int removed = 0;
    database_->with_session([&](soci::session &sql) {
        soci::statement statement =
            (sql.prepare << "DELETE FROM " + table_ + " WHERE expires_at IS NOT NULL AND expires_at <= :now",
             soci::use(now));
        statement.execute(true);
        removed = static_cast<int>(statement.get_affected_rows());
    });
    return static_cast<std::size_t>(removed);
}

bool SqliteItems::ping() {
    return database_->ping();
}

} // namespace manage::infra
