// Sites, load groups and where chargers sit on PostgreSQL, instantiated only when
// MANAGE_TEST_POSTGRES_URL names a server's database kept for tests. Each test works in a schema of its
// own, dropped afterwards. The cases are the ones SQLite passes (site_store_cases.hpp).
#include "manage/core/migrations.hpp"
#include "manage/testing/postgres_schema.hpp"
#include "site_store_cases.hpp"

#include <gtest/gtest.h>

using namespace manage;
namespace cases = manage::testing::site_cases;

namespace {

using manage::testing::open_or_throw;
using manage::testing::postgres_urls;
using manage::testing::PostgresSchema;

class SitesOnPostgres : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        schema_ = std::make_unique<PostgresSchema>(GetParam(), "sites");
        database_ = open_or_throw(schema_->url(), 2);
        auto migrated = database_->migrate(core::migrations());
        ASSERT_TRUE(migrated) << migrated.error().message;
    }
    void TearDown() override {
        database_.reset();
        schema_.reset();
    }

    SimulatedClock clock_{TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}}};
    std::unique_ptr<PostgresSchema> schema_;
    std::unique_ptr<infra::Database> database_;
};

TEST_P(SitesOnPostgres, SitesAreEachOrganisationsOwnAndVersioned) {
    cases::sites_are_scoped_and_versioned(*database_, clock_);
}

TEST_P(SitesOnPostgres, LoadGroupsKeepTheTreeSound) {
    cases::load_groups_keep_the_tree_sound(*database_, clock_);
}

TEST_P(SitesOnPostgres, ChargersSitInLoadGroupsAndConnectorsHaveTypes) {
    cases::chargers_sit_in_load_groups(*database_, clock_);
}

} // namespace

INSTANTIATE_TEST_SUITE_P(Postgres, SitesOnPostgres, ::testing::ValuesIn(postgres_urls()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SitesOnPostgres);
