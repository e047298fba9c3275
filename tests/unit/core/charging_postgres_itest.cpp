// Sessions, resends and orphans on PostgreSQL, instantiated only when MANAGE_TEST_POSTGRES_URL names
// a server's database kept for tests. Each test works in a schema of its own, dropped afterwards.
// What SQLite serialises by itself PostgreSQL must get from the SQL: the transaction counter and the
// resend check of StartTransaction under concurrency, ON CONFLICT for resent meter values.
#include "manage/common/clock.hpp"
#include "manage/common/ids.hpp"
#include "manage/core/authorization.hpp"
#include "manage/core/migrations.hpp"
#include "manage/core/outbox.hpp"
#include "manage/core/sql_authorization_repository.hpp"
#include "manage/core/sql_charger_repository.hpp"
#include "manage/core/sql_session_repository.hpp"
#include "manage/core/sql_tariff_repository.hpp"
#include "manage/core/tariffs.hpp"
#include "manage/core/transactions.hpp"
#include "manage/infra/database.hpp"
#include "manage/infra/in_process_bus.hpp"
#include "manage/infra/metrics.hpp"
#include "manage/testing/postgres_schema.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace manage;
using namespace std::chrono_literals;

namespace {

using manage::testing::open_or_throw;
using manage::testing::postgres_urls;
using manage::testing::PostgresSchema;

class ChargingOnPostgres : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        schema_ = std::make_unique<PostgresSchema>(GetParam(), "charging");
        database_ = open_or_throw(schema_->url(), 4);
        auto migrated = database_->migrate(core::migrations());
        ASSERT_TRUE(migrated) << migrated.error().message;
        core::SqlChargerRepository chargers(*database_);
        for (const auto *id : {"CP-1", "CP-2"})
            chargers.save_registration(id, core::Registration::Accepted, clock_.now());
        authorization_repository_ = std::make_unique<core::SqlAuthorizationRepository>(*database_);
        sessions_repository_ = std::make_unique<core::SqlSessionRepository>(*database_);
        outbox_ = std::make_unique<core::Outbox>(*database_);
        events_ = std::make_unique<core::OutboxEvents>(*database_, *outbox_, clock_);
        authorization_ = std::make_unique<core::Authorization>(*authorization_repository_, *events_, clock_);
        transactions_ = std::make_unique<core::Transactions>(*sessions_repository_, *authorization_, *events_, clock_);
        auto stored = authorization_->put_id_tag(
            core::IdTag{"DRIVER", core::IdTagStatus::Accepted, std::nullopt, "", false, {}, {}});
        ASSERT_TRUE(stored) << stored.error().message;
    }
    void TearDown() override {
        transactions_.reset();
        events_.reset();
        outbox_.reset();
        authorization_.reset();
        sessions_repository_.reset();
        authorization_repository_.reset();
        database_.reset();
        schema_.reset();
    }

    core::MeterSample energy(TimePoint at, double wh) {
        core::MeterSample sample;
        sample.timestamp = at;
        sample.value = wh;
        sample.raw_value = std::to_string(wh);
        return sample;
    }

    SimulatedClock clock_{TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}}};
    infra::InProcessBus bus_;
    std::unique_ptr<PostgresSchema> schema_;
    std::unique_ptr<infra::Database> database_;
    std::unique_ptr<core::SqlAuthorizationRepository> authorization_repository_;
    std::unique_ptr<core::SqlSessionRepository> sessions_repository_;
    std::unique_ptr<core::Authorization> authorization_;
    std::unique_ptr<core::Outbox> outbox_;
    std::unique_ptr<core::OutboxEvents> events_;
    std::unique_ptr<core::Transactions> transactions_;
};

TEST_P(ChargingOnPostgres, TransactionIdsComeFromTheCounterAndAResendGetsItsFirstId) {
    const auto at = clock_.now();
    const auto first = transactions_->start("CP-1", {1, "DRIVER", 100, at, std::nullopt});
    const auto second = transactions_->start("CP-2", {1, "DRIVER", 100, at, std::nullopt});
    EXPECT_GT(first.transaction_id, 0);
    EXPECT_EQ(second.transaction_id, first.transaction_id + 1);
    const auto resent = transactions_->start("CP-1", {1, "DRIVER", 100, at, std::nullopt});
    EXPECT_TRUE(resent.resent);
    EXPECT_EQ(resent.transaction_id, first.transaction_id);
    EXPECT_EQ(transactions_->list(core::SessionQuery{}).size(), 2u);
}

TEST_P(ChargingOnPostgres, ConcurrentCopiesOfOneStartOpenOneSession) {
    const auto at = clock_.now();
    constexpr int kCopies = 8;
    std::vector<std::int64_t> ids(kCopies);
    std::vector<std::thread> threads;
    for (int i = 0; i < kCopies; ++i)
        threads.emplace_back([&, i] {
            ids[static_cast<std::size_t>(i)] =
                transactions_->start("CP-1", {1, "DRIVER", 0, at, std::nullopt}).transaction_id;
        });
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()).size(), 1u);
    EXPECT_EQ(transactions_->list(core::SessionQuery{}).size(), 1u);
}

TEST_P(ChargingOnPostgres, ConcurrentStartsOnDifferentConnectorsGetDistinctIds) {
    constexpr int kConnectors = 8;
    std::vector<std::int64_t> ids(kConnectors);
    std::vector<std::thread> threads;
    const auto at = clock_.now();
    for (int i = 0; i < kConnectors; ++i)
        threads.emplace_back([&, i] {
            ids[static_cast<std::size_t>(i)] =
                transactions_->start("CP-1", {i + 1, "DRIVER", 0, at, std::nullopt}).transaction_id;
        });
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()).size(), static_cast<std::size_t>(kConnectors));
}

TEST_P(ChargingOnPostgres, ResentStopChangesNothingAndResentValuesAreStoredOnce) {
    const auto at = clock_.now();
    const auto id = transactions_->start("CP-1", {1, "DRIVER", 1000, at, std::nullopt}).transaction_id;
    core::MeterValuesReport report{1, id, {energy(at + 1min, 1500)}};
    transactions_->meter_values("CP-1", report);
    transactions_->meter_values("CP-1", report);
    transactions_->stop("CP-1", {id, "", 4000, at + 1h, "EVDisconnected", {}});
    transactions_->stop("CP-1", {id, "", 9000, at + 2h, "PowerLoss", {}});

    const auto session = transactions_->find(id);
    ASSERT_TRUE(session);
    EXPECT_FALSE(session->active());
    EXPECT_EQ(session->meter_stop_wh, 4000);
    EXPECT_EQ(session->energy_wh, 3000);
    EXPECT_EQ(session->stop_reason, "EVDisconnected");
    core::MeterQuery query;
    query.transaction_id = id;
    EXPECT_EQ(transactions_->meter_values_of(query).size(), 1u);
    EXPECT_TRUE(transactions_->orphans(10).stops.empty());
}

TEST_P(ChargingOnPostgres, StopAndValuesForAnUnknownTransactionAreKeptOnceAsOrphans) {
    const auto at = clock_.now();
    transactions_->stop("CP-1", {4242, "DRIVER", 777, at, "Reboot", {}});
    transactions_->stop("CP-1", {4242, "DRIVER", 777, at, "Reboot", {}});
    core::MeterValuesReport report{2, std::int64_t{5151}, {energy(at, 3500)}};
    transactions_->meter_values("CP-1", report);
    transactions_->meter_values("CP-1", report);

    const auto orphans = transactions_->orphans(10);
    ASSERT_EQ(orphans.stops.size(), 1u);
    EXPECT_EQ(orphans.stops[0].transaction_id, 4242);
    EXPECT_EQ(orphans.stops[0].meter_stop_wh, 777);
    ASSERT_EQ(orphans.meter_values.size(), 1u);
    EXPECT_EQ(orphans.meter_values[0].transaction_id, std::optional<std::int64_t>{5151});
    EXPECT_FALSE(transactions_->find(4242));
}

// Tariffs round-trip through PostgreSQL's columns (prices as double precision, periods as JSON text), and a
// session on a billed charger is priced from its stored register readings.
TEST_P(ChargingOnPostgres, TariffIsStoredAssignedAndPricesASession) {
    core::SqlTariffRepository repository(*database_);
    core::Tariffs tariffs(repository, *sessions_repository_, clock_);
    core::Tariff tariff;
    tariff.id = "flat";
    tariff.name = "Flat";
    tariff.currency = "EUR";
    tariff.timezone = "Europe/Berlin";
    tariff.price_per_kwh = 0.25;
    tariff.session_fee = 0.5;
    core::TariffPeriod weekend;
    weekend.days[5] = weekend.days[6] = true;
    weekend.start_minute = 0;
    weekend.end_minute = 1440;
    weekend.price_per_kwh = 0.125;
    tariff.periods.push_back(weekend);
    ASSERT_TRUE(tariffs.put(tariff));
    const auto stored = tariffs.find("default", "flat");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->periods, tariff.periods);
    EXPECT_DOUBLE_EQ(stored->session_fee, 0.5);
    ASSERT_TRUE(tariffs.assign("default", "CP-1", std::string("flat")));
    EXPECT_FALSE(tariffs.remove("default", "flat")) << "a tariff in use is kept";

    // Thursday 26 November 2026: 4 kWh at the weekday price.
    const auto at = clock_.now() + 10h;
    const auto started = transactions_->start("CP-1", {1, "DRIVER", 1000, at, std::nullopt});
    transactions_->meter_values("CP-1", {1, started.transaction_id, {energy(at, 1000), energy(at + 1h, 5000)}});
    const auto cost = tariffs.session_cost("CP-1", started.transaction_id);
    ASSERT_TRUE(cost);
    EXPECT_DOUBLE_EQ(cost->amount, 0.5 + 4 * 0.25);
    EXPECT_EQ(cost->currency, "EUR");
}

TEST_P(ChargingOnPostgres, ConcurrentCopiesOfOneStartLeaveOneSessionStartedInTheOutbox) {
    const auto at = clock_.now();
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] { transactions_->start("CP-1", {1, "DRIVER", 0, at, std::nullopt}); });
    for (auto &thread : threads)
        thread.join();
    int started = 0;
    database_->with_session([&](soci::session &sql) {
        sql << "SELECT COUNT(*) FROM outbox WHERE topic = 'session.started'", soci::into(started);
    });
    EXPECT_EQ(started, 1);
}

TEST_P(ChargingOnPostgres, TwoRelaysTogetherPublishEachEventOnce) {
    constexpr int kEvents = 400;
    std::mutex mutex;
    std::condition_variable all_seen;
    std::map<std::string, int> seen;
    auto subscription = bus_.subscribe("outbox-test", "relay.#", [&](const infra::Message &message) {
        std::lock_guard lock(mutex);
        ++seen[message.id];
        all_seen.notify_all();
        return true;
    });
    for (int i = 0; i < kEvents; ++i)
        events_->publish("relay.test", {{"n", i}});
    infra::Metrics metrics;
    core::Outbox second_outbox(*database_);
    core::OutboxRelayOptions options;
    options.batch = 25;
    core::OutboxRelay first(*outbox_, bus_, metrics, options);
    core::OutboxRelay second(second_outbox, bus_, metrics, options);
    first.start();
    second.start();
    {
        std::unique_lock lock(mutex);
        all_seen.wait_for(lock, 10s, [&] { return seen.size() >= static_cast<std::size_t>(kEvents); });
    }
    first.stop();
    second.stop();
    ASSERT_TRUE(bus_.wait_idle(10s));
    EXPECT_EQ(outbox_->pending(), 0);
    std::lock_guard lock(mutex);
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kEvents));
    for (const auto &[id, count] : seen)
        EXPECT_EQ(count, 1) << id << " was published " << count << " times";
}

INSTANTIATE_TEST_SUITE_P(Postgres, ChargingOnPostgres, ::testing::ValuesIn(postgres_urls()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ChargingOnPostgres);

} // namespace
