// The Database contract over PostgreSQL, instantiated only when MANAGE_TEST_POSTGRES_URL names a
// server's database kept for tests. Each test works in a schema of its own, dropped afterwards, so
// tests may run in parallel.
#include "database_contract.hpp"

#include "manage/testing/postgres_schema.hpp"

#include <gmock/gmock.h>
#include <soci/soci.h>

#include <cstdlib>

namespace manage::infra::testing {
namespace {

using manage::testing::open_or_throw;
using manage::testing::postgres_urls;
using manage::testing::PostgresSchema;

class PostgresHarness final : public DatabaseHarness {
public:
    explicit PostgresHarness(std::string server_url) : schema_(std::move(server_url), "contract") {}
    Dialect dialect() const override { return Dialect::postgresql; }
    Result<std::unique_ptr<Database>> open(std::size_t pool_size) override {
        return Database::open(schema_.url(), pool_size);
    }

private:
    PostgresSchema schema_;
};

std::vector<DatabaseEngine> postgres_engines() {
    std::vector<DatabaseEngine> engines;
    for (const auto &url : postgres_urls())
        engines.push_back(DatabaseEngine{"Postgres", [url] { return std::make_unique<PostgresHarness>(url); }});
    return engines;
}

// Without MANAGE_TEST_POSTGRES_URL these suites have no instance at all: nothing runs, nothing passes.
INSTANTIATE_TEST_SUITE_P(Postgres, DatabaseContract, ::testing::ValuesIn(postgres_engines()), database_engine_name);

// Beyond the contract: what only a server engine does.
class PostgresDatabase : public ::testing::TestWithParam<std::string> {};

TEST_P(PostgresDatabase, ReconnectsASessionAfterTheServerDroppedIt) {
    PostgresSchema schema(GetParam(), "contract");
    auto database = open_or_throw(schema.url(), 1);
    int pid = 0;
    database->with_session([&](soci::session &sql) { sql << "SELECT pg_backend_pid()", soci::into(pid); });
    open_or_throw(schema.url(), 1)->with_session([&](soci::session &sql) {
        sql << "SELECT pg_terminate_backend(:pid)", soci::use(pid);
    });
    EXPECT_THROW(database->with_session([](soci::session &sql) { sql << "SELECT 1"; }), soci::soci_error);
    EXPECT_TRUE(database->ping());
}

TEST_P(PostgresDatabase, WrongPasswordFailsWithoutShowingIt) {
    auto url = GetParam();
    const auto at = url.rfind('@');
    const auto colon = url.find(':', url.find("://") + 3);
    ASSERT_TRUE(at != std::string::npos && colon < at) << "MANAGE_TEST_POSTGRES_URL needs user:password@";
    url = url.substr(0, colon + 1) + "wrong-secret" + url.substr(at);
    const auto database = Database::open(url, 1);
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, "database_unavailable");
    EXPECT_THAT(database.error().message, ::testing::Not(::testing::HasSubstr("wrong-secret")));
}

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresDatabase, ::testing::ValuesIn(postgres_urls()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PostgresDatabase);

} // namespace

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(DatabaseContract);
} // namespace manage::infra::testing
