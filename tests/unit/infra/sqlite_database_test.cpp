#include "database_contract.hpp"
#include "temp_directory.hpp"

#include <gmock/gmock.h>
#include <soci/soci.h>

#include <fstream>

namespace manage::infra::testing {
namespace {

using ::testing::HasSubstr;

std::string sqlite_url(const std::filesystem::path &file) {
    return "sqlite://" + file.string();
}

class SqliteHarness final : public DatabaseHarness {
public:
    Dialect dialect() const override { return Dialect::sqlite; }
    Result<std::unique_ptr<Database>> open(std::size_t pool_size) override {
        return Database::open(sqlite_url(directory_.path() / "manage.db"), pool_size);
    }

private:
    TempDirectory directory_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, DatabaseContract,
                         ::testing::Values(DatabaseEngine{"Sqlite", [] { return std::make_unique<SqliteHarness>(); }}),
                         database_engine_name);

std::string pragma(Database &database, const std::string &name) {
    std::string value;
    database.with_session([&](soci::session &sql) { sql << "PRAGMA " + name, soci::into(value); });
    return value;
}

TEST(SqliteDatabase, CreatesTheFileAndItsDirectories) {
    TempDirectory directory;
    const auto file = directory.path() / "data" / "nested" / "manage.db";
    auto database = Database::open(sqlite_url(file));
    ASSERT_TRUE(database) << database.error().message;
    EXPECT_TRUE(std::filesystem::exists(file));
    EXPECT_EQ(database.value()->dialect(), Dialect::sqlite);
}

TEST(SqliteDatabase, AcceptsAPathWithSpaces) {
    TempDirectory directory;
    const auto file = directory.path() / "my data" / "manage.db";
    auto database = Database::open(sqlite_url(file));
    ASSERT_TRUE(database) << database.error().message;
    EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(SqliteDatabase, EverySessionUsesWalForeignKeysAndABusyTimeout) {
    TempDirectory directory;
    auto opened = Database::open(sqlite_url(directory.path() / "manage.db"), 3);
    ASSERT_TRUE(opened) << opened.error().message;
    auto &database = *opened.value();
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(pragma(database, "journal_mode"), "wal");
        EXPECT_EQ(pragma(database, "foreign_keys"), "1");
        EXPECT_EQ(pragma(database, "busy_timeout"), "5000");
    }
}

TEST(SqliteDatabase, ReportsADirectoryThatCannotBeCreated) {
    TempDirectory directory;
    const auto blocker = directory.path() / "a-file";
    std::ofstream(blocker) << "not a directory";
    auto database = Database::open(sqlite_url(blocker / "manage.db"));
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, "database_unavailable");
    EXPECT_THAT(database.error().message, HasSubstr("a-file"));
}

TEST(SqliteDatabase, ReportsAFileThatIsNotADatabase) {
    TempDirectory directory;
    const auto file = directory.path() / "manage.db";
    std::ofstream(file) << "this is not an SQLite database, just text long enough to fill a header";
    auto database = Database::open(sqlite_url(file));
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, "database_unavailable");
}

TEST(SqliteDatabase, RejectsAnEmptyPool) {
    TempDirectory directory;
    auto database = Database::open(sqlite_url(directory.path() / "manage.db"), 0);
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, "bad_database_pool");
}

} // namespace
} // namespace manage::infra::testing
