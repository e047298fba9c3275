#include "database_contract.hpp"

#include <gmock/gmock.h>
#include <soci/soci.h>

#include <stdexcept>
#include <thread>

namespace manage::infra::testing {

void DatabaseContract::SetUp() {
    harness_ = GetParam().make();
    auto opened = harness_->open(4);
    ASSERT_TRUE(opened) << opened.error().message;
    database_ = std::move(opened).value();
}

void DatabaseContract::TearDown() {
    database_.reset();
    harness_.reset();
}

std::unique_ptr<Database> DatabaseContract::open_another(std::size_t pool_size) {
    auto opened = harness_->open(pool_size);
    if (!opened)
        ADD_FAILURE() << opened.error().message;
    return opened ? std::move(opened).value() : nullptr;
}

namespace {

using ::testing::HasSubstr;

const Migration kSites{1, "create sites", "CREATE TABLE contract_sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"};
const Migration kChargers{2, "create chargers",
                          "CREATE TABLE contract_chargers (\n"
                          "  id TEXT PRIMARY KEY,\n"
                          "  site_id INTEGER NOT NULL REFERENCES contract_sites(id)\n"
                          ");\n"
                          "CREATE INDEX contract_chargers_site ON contract_chargers (site_id);\n"};
const Migration kNotes{3, "create notes", "CREATE TABLE contract_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"};

int count_rows(Database &database, const std::string &table) {
    int count = -1;
    database.with_session([&](soci::session &sql) { sql << "SELECT COUNT(*) FROM " + table, soci::into(count); });
    return count;
}

bool table_exists(Database &database, const std::string &table) {
    try {
        count_rows(database, table);
        return true;
    } catch (const soci::soci_error &) {
        return false;
    }
}

void add_site(soci::session &sql, int id, const std::string &name) {
    sql << "INSERT INTO contract_sites (id, name) VALUES (:id, :name)", soci::use(id), soci::use(name);
}

TEST_P(DatabaseContract, AnswersPingInItsDialect) {
    EXPECT_TRUE(database().ping());
    EXPECT_EQ(database().dialect(), harness().dialect());
}

TEST_P(DatabaseContract, AFreshDatabaseIsAtVersionZero) {
    EXPECT_EQ(database().schema_version(), 0);
}

TEST_P(DatabaseContract, MigratesAFreshDatabase) {
    const auto applied = database().migrate({kSites, kChargers});
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied.value(), 2);
    EXPECT_EQ(database().schema_version(), 2);
    database().with_session([](soci::session &sql) {
        add_site(sql, 1, "Depot North");
        sql << "INSERT INTO contract_chargers (id, site_id) VALUES ('CP-1', 1)";
    });
    EXPECT_EQ(count_rows(database(), "contract_chargers"), 1);
}

TEST_P(DatabaseContract, RecordsEachMigrationItApplied) {
    ASSERT_TRUE(database().migrate({kSites, kChargers}));
    std::vector<int> versions(2);
    std::vector<std::string> names(2);
    std::vector<std::string> applied_at(2);
    database().with_session([&](soci::session &sql) {
        sql << "SELECT version, name, applied_at FROM schema_migrations ORDER BY version", soci::into(versions),
            soci::into(names), soci::into(applied_at);
    });
    EXPECT_EQ(versions, (std::vector<int>{1, 2}));
    EXPECT_EQ(names, (std::vector<std::string>{"create sites", "create chargers"}));
    EXPECT_FALSE(applied_at[0].empty());
}

TEST_P(DatabaseContract, MigratingAgainChangesNothing) {
    ASSERT_TRUE(database().migrate({kSites, kChargers}));
    const auto again = database().migrate({kSites, kChargers});
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again.value(), 0);
    EXPECT_EQ(database().schema_version(), 2);
    EXPECT_EQ(count_rows(database(), "schema_migrations"), 2);
}

TEST_P(DatabaseContract, AppliesOnlyTheNewerMigrations) {
    ASSERT_TRUE(database().migrate({kSites}));
    const auto applied = open_another()->migrate({kSites, kChargers, kNotes});
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied.value(), 2);
    EXPECT_EQ(database().schema_version(), 3);
}

// Two branches each add a migration; the one with the higher version lands (and runs) first.
TEST_P(DatabaseContract, AppliesALowerMigrationThatLandedAfterAHigherOne) {
    ASSERT_TRUE(database().migrate({kSites, kNotes}));
    const auto applied = open_another()->migrate({kSites, kChargers, kNotes});
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied.value(), 1);
    EXPECT_TRUE(table_exists(database(), "contract_chargers"));
    EXPECT_EQ(count_rows(database(), "schema_migrations"), 3);
    EXPECT_EQ(database().schema_version(), 3);
}

TEST_P(DatabaseContract, AppliesMigrationsInVersionOrderWhateverTheListOrder) {
    const auto applied = database().migrate({kNotes, kChargers, kSites});
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied.value(), 3);
}

TEST_P(DatabaseContract, RefusesADatabaseNewerThanTheCode) {
    ASSERT_TRUE(database().migrate({kSites, kChargers, kNotes}));
    const auto older_build = open_another()->migrate({kSites, kChargers});
    ASSERT_FALSE(older_build);
    EXPECT_EQ(older_build.error().code, "schema_too_new");
    EXPECT_THAT(older_build.error().message, HasSubstr("version 3"));
    EXPECT_EQ(database().schema_version(), 3);
}

TEST_P(DatabaseContract, RejectsAVersionUsedTwice) {
    const auto applied = database().migrate({kSites, Migration{1, "again", "SELECT 1"}});
    ASSERT_FALSE(applied);
    EXPECT_EQ(applied.error().code, "bad_migrations");
    EXPECT_EQ(database().schema_version(), 0);
}

TEST_P(DatabaseContract, AFailingMigrationNamesItsVersionAndKeepsTheEarlierOnes) {
    const Migration broken{2, "broken",
                           "CREATE TABLE contract_notes (id INTEGER PRIMARY KEY, body TEXT);\n"
                           "INSERT INTO no_such_table (id) VALUES (1);"};
    const auto applied = database().migrate({kSites, broken, Migration{3, "never reached", kNotes.sql}});
    ASSERT_FALSE(applied);
    EXPECT_EQ(applied.error().code, "migration_failed");
    EXPECT_THAT(applied.error().message, HasSubstr("migration 2 (broken)"));
    EXPECT_THAT(applied.error().message, HasSubstr("no_such_table"));
    EXPECT_EQ(database().schema_version(), 1);
    EXPECT_TRUE(table_exists(database(), "contract_sites"));
    EXPECT_FALSE(table_exists(database(), "contract_notes")); // the failed migration's first statement rolled back

    const auto fixed = database().migrate({kSites, kChargers, kNotes});
    ASSERT_TRUE(fixed) << fixed.error().message;
    EXPECT_EQ(fixed.value(), 2);
}

TEST_P(DatabaseContract, SplitsStatementsOnlyAtSemicolonsOutsideQuotesAndComments) {
    const Migration tricky{2, "tricky",
                           "INSERT INTO contract_sites (id, name) VALUES (1, 'North; gate ''B''');\n"
                           "-- a comment; with a semicolon\n"
                           "INSERT INTO contract_sites (id, name) VALUES (2, /* inline; */ 'South');;\n"};
    const auto applied = database().migrate({kSites, tricky});
    ASSERT_TRUE(applied) << applied.error().message;
    std::vector<std::string> names(3);
    database().with_session(
        [&](soci::session &sql) { sql << "SELECT name FROM contract_sites ORDER BY id", soci::into(names); });
    EXPECT_EQ(names, (std::vector<std::string>{"North; gate 'B'", "South"}));
}

TEST_P(DatabaseContract, ATransactionCommitsWhenItsWorkReturns) {
    ASSERT_TRUE(database().migrate({kSites}));
    database().in_transaction([](soci::session &sql) { add_site(sql, 1, "Depot North"); });
    EXPECT_EQ(count_rows(database(), "contract_sites"), 1);
}

TEST_P(DatabaseContract, ATransactionRollsBackWhenItsWorkThrows) {
    ASSERT_TRUE(database().migrate({kSites}));
    EXPECT_THROW(database().in_transaction([](soci::session &sql) {
        add_site(sql, 1, "Depot North");
        throw std::logic_error("changed my mind");
    }),
                 std::logic_error);
    EXPECT_EQ(count_rows(database(), "contract_sites"), 0);
    database().in_transaction([](soci::session &sql) { add_site(sql, 1, "Depot North"); });
    EXPECT_EQ(count_rows(database(), "contract_sites"), 1);
}

TEST_P(DatabaseContract, ATransactionRollsBackWhenAStatementFails) {
    ASSERT_TRUE(database().migrate({kSites}));
    EXPECT_THROW(database().in_transaction([](soci::session &sql) {
        add_site(sql, 1, "Depot North");
        add_site(sql, 1, "duplicate key");
    }),
                 soci::soci_error);
    EXPECT_EQ(count_rows(database(), "contract_sites"), 0);
}

TEST_P(DatabaseContract, ANestedTransactionJoinsTheOuterOneAndRollsBackWithIt) {
    ASSERT_TRUE(database().migrate({kSites}));
    EXPECT_THROW(database().in_transaction([this](soci::session &) {
        EXPECT_TRUE(database().in_transaction_now());
        database().in_transaction([](soci::session &sql) { add_site(sql, 1, "Depot North"); });
        database().with_session([](soci::session &sql) { add_site(sql, 2, "Depot South"); });
        throw std::logic_error("the caller changed its mind after both writes");
    }),
                 std::logic_error);
    EXPECT_FALSE(database().in_transaction_now());
    EXPECT_EQ(count_rows(database(), "contract_sites"), 0);
}

TEST_P(DatabaseContract, ANestedTransactionCommitsOnlyWithTheOuterOne) {
    ASSERT_TRUE(database().migrate({kSites}));
    auto other = open_another(1);
    ASSERT_NE(other, nullptr);
    database().in_transaction([&](soci::session &) {
        database().in_transaction([](soci::session &sql) { add_site(sql, 1, "Depot North"); });
        // Another pool does not see the joined write before the outer transaction commits.
        if (database().dialect() == Dialect::postgresql) {
            EXPECT_EQ(count_rows(*other, "contract_sites"), 0);
        }
    });
    EXPECT_EQ(count_rows(database(), "contract_sites"), 1);
    EXPECT_EQ(count_rows(*other, "contract_sites"), 1);
}

TEST_P(DatabaseContract, EnforcesForeignKeys) {
    ASSERT_TRUE(database().migrate({kSites, kChargers}));
    EXPECT_THROW(database().with_session([](soci::session &sql) {
        sql << "INSERT INTO contract_chargers (id, site_id) VALUES ('CP-1', 42)";
    }),
                 soci::soci_error);
}

TEST_P(DatabaseContract, PooledSessionsServeConcurrentThreads) {
    constexpr int kThreads = 8;
    constexpr int kEach = 25;
    ASSERT_TRUE(database().migrate({kSites}));
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([this, t] {
                for (int i = 0; i < kEach; ++i)
                    database().in_transaction(
                        [&](soci::session &sql) { add_site(sql, t * kEach + i, "site " + std::to_string(i)); });
            });
    }
    EXPECT_EQ(count_rows(database(), "contract_sites"), kThreads * kEach);
}

TEST_P(DatabaseContract, TwoNodesMigratingAtOnceApplyEachMigrationOnce) {
    auto other = open_another();
    Result<int> mine = 0;
    Result<int> theirs = 0;
    {
        std::jthread first([&] { mine = database().migrate({kSites, kChargers, kNotes}); });
        std::jthread second([&] { theirs = other->migrate({kSites, kChargers, kNotes}); });
    }
    ASSERT_TRUE(mine) << mine.error().message;
    ASSERT_TRUE(theirs) << theirs.error().message;
    EXPECT_EQ(mine.value() + theirs.value(), 3);
    EXPECT_EQ(count_rows(database(), "schema_migrations"), 3);
}

} // namespace
} // namespace manage::infra::testing
