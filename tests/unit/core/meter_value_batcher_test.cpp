// Group commit of MeterValues: every report is stored and answered once, reports that queue while
// a batch is written go together into the next one, and one report the Store refuses does not take
// the rest of its batch down.
#include "charging_fixture.hpp"

#include "manage/core/meter_value_batcher.hpp"
#include "manage/infra/metrics.hpp"

#include <future>
#include <latch>
#include <thread>

using namespace manage;
using namespace std::chrono_literals;

namespace {

class MeterValueBatcherTest : public manage::testing::ChargingFixture {
protected:
    core::MeterValuesReport report(int connector, double wh) {
        core::MeterSample sample;
        sample.timestamp = clock_.now();
        sample.value = wh;
        sample.raw_value = std::to_string(wh);
        return core::MeterValuesReport{connector, std::nullopt, {sample}};
    }
    // Submits a first report whose answer holds the writer until release() is called, so that the
    // reports submitted meanwhile queue behind it and go into one batch.
    void hold_writer(core::MeterValueBatcher &batcher) {
        batcher.submit("CP-1", report(1, 1), [this, held = held_.get_future().share()](std::exception_ptr) {
            first_written_.count_down();
            held.wait();
        });
        first_written_.wait();
    }
    void release() { held_.set_value(); }

    std::size_t stored(const std::string &charger) {
        return transactions_->meter_values_of({std::nullopt, charger, {}, "", {}, {}, 1000}).size();
    }
    infra::Metrics metrics_;
    std::promise<void> held_;
    std::latch first_written_{1}; // a member: the writer may still be inside count_down() when wait() returns
};

TEST_F(MeterValueBatcherTest, EveryReportIsStoredAndAnsweredOnce) {
    core::MeterValueBatcher batcher(*transactions_, metrics_);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 50;
    std::atomic<int> answered{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> chargers;
    for (int t = 0; t < kThreads; ++t)
        chargers.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i)
                batcher.submit(t % 2 ? "CP-1" : "CP-2", report(t * kPerThread + i + 1, 10.0 * i),
                               [&](std::exception_ptr error) { ++(error ? failed : answered); });
        });
    for (auto &thread : chargers)
        thread.join();
    batcher.stop(); // writes what is queued before it returns
    EXPECT_EQ(answered, kThreads * kPerThread);
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(stored("CP-1") + stored("CP-2"), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_F(MeterValueBatcherTest, ReportsThatQueueDuringAWriteGoTogetherIntoTheNext) {
    core::MeterValueBatcher batcher(*transactions_, metrics_);
    hold_writer(batcher); // until ten more have queued behind the first
    std::atomic<int> answered{0};
    for (int connector = 2; connector <= 11; ++connector)
        batcher.submit("CP-1", report(connector, 1), [&](std::exception_ptr error) { answered += error ? 0 : 1; });
    release();
    batcher.stop();
    EXPECT_EQ(answered, 10);
    EXPECT_EQ(metrics_.value("manage_meter_value_batches_total"), 2);
    EXPECT_EQ(stored("CP-1"), 11u);
}

TEST_F(MeterValueBatcherTest, AReportTheStoreRefusesFailsAloneAndTheOthersAreKept) {
    core::MeterValueBatcher batcher(*transactions_, metrics_);
    hold_writer(batcher);
    std::exception_ptr ghost_error;
    int kept = 0;
    batcher.submit("CP-1", report(2, 1), [&](std::exception_ptr error) { kept += error ? 0 : 1; });
    // No such charger: the Store's foreign key refuses its values.
    batcher.submit("GHOST", report(1, 1), [&](std::exception_ptr error) { ghost_error = error; });
    batcher.submit("CP-2", report(1, 1), [&](std::exception_ptr error) { kept += error ? 0 : 1; });
    release();
    batcher.stop();
    EXPECT_TRUE(ghost_error);
    EXPECT_EQ(kept, 2);
    EXPECT_EQ(stored("CP-1"), 2u);
    EXPECT_EQ(stored("CP-2"), 1u);
}

TEST_F(MeterValueBatcherTest, AfterStopAReportIsRefusedNotDropped) {
    core::MeterValueBatcher batcher(*transactions_, metrics_);
    batcher.stop();
    std::exception_ptr refused;
    batcher.submit("CP-1", report(1, 1), [&](std::exception_ptr error) { refused = error; });
    EXPECT_TRUE(refused);
    EXPECT_EQ(metrics_.value("manage_meter_value_reports_refused_total"), 1);
    EXPECT_EQ(stored("CP-1"), 0u);
}

} // namespace
