#pragma once
#include "manage/common/result.hpp"
#include "manage/infra/items.hpp"

#include <filesystem>
#include <memory>

namespace manage::infra {

class Database;

// The embedded Items adapter: one SQLite table per Items table, in an SQLite file of its own (not the
// Store's database). The message log appends every frame of every charger; in a file of its own those
// writes never queue behind the Store's writer lock, and the Store may be PostgreSQL while the items
// stay embedded until the DynamoDB adapter comes.
class SqliteItems final : public Items {
public:
    // Opens (creating the file, its directory and the table as needed) `table` in `file`. Table names
    // are 1–48 of [a-z0-9_]. Several tables may share a file. Time to live is measured on `clock`.
    static Result<std::unique_ptr<SqliteItems>> open(const std::filesystem::path &file, const std::string &table,
                                                     const Clock &clock);
    ~SqliteItems() override;

    void put(const Item &item) override;
    void put_batch(const std::vector<Item> &items) override;
    ItemPage query(const ItemQuery &query) override;
    std::size_t remove_expired() override;
    bool ping() override;

private:
    SqliteItems(std::unique_ptr<Database> database, std::string table, const Clock &clock);
    std::unique_ptr<Database> database_;
    std::string table_;
    const Clock &clock_;
};

} // namespace manage::infra
