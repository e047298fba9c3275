// Fleets, vehicles and departures on PostgreSQL: the scenarios fleet_test.cpp runs on SQLite, instantiated
// only when MANAGE_TEST_POSTGRES_URL names a server's database kept for tests. Each test works in a schema
// of its own, dropped afterwards.
#include "fleet_scenarios.hpp"
#include "manage/common/clock.hpp"
#include "manage/core/migrations.hpp"
#include "manage/infra/database.hpp"
#include "manage/testing/postgres_schema.hpp"

#include <gtest/gtest.h>

using namespace manage;

namespace {

using manage::testing::open_or_throw;
using manage::testing::postgres_urls;
using manage::testing::PostgresSchema;

class FleetsOnPostgres : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        schema_ = std::make_unique<PostgresSchema>(GetParam(), "fleets");
        database_ = open_or_throw(schema_->url(), 4);
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

TEST_P(FleetsOnPostgres, RecordsRoundTripAndEachOrganisationSeesItsOwn) {
    manage::testing::fleet::records_round_trip_per_organisation(*database_, clock_);
}

TEST_P(FleetsOnPostgres, VersionsGuardConcurrentEdits) {
    manage::testing::fleet::versions_guard_concurrent_edits(*database_, clock_);
}

TEST_P(FleetsOnPostgres, FleetsInUseStayAndTokensAreOneVehiclesEach) {
    manage::testing::fleet::references_and_tokens(*database_, clock_);
}

TEST_P(FleetsOnPostgres, NextDeparturesComeFromTheStoredSchedule) {
    manage::testing::fleet::next_departures_from_the_store(*database_, clock_);
}

INSTANTIATE_TEST_SUITE_P(Postgres, FleetsOnPostgres, ::testing::ValuesIn(postgres_urls()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FleetsOnPostgres);

} // namespace
