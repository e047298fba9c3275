#include "manage/core/message_log.hpp"
#include "manage/infra/metrics.hpp"
#include "manage/infra/sqlite_items.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <unistd.h>

using namespace manage;
using namespace std::chrono_literals;
using core::LoggedMessage;
using core::MessageDirection;
using core::MessageLog;
using core::MessageQuery;
using core::MessageType;

namespace {

// Counts the batches written, and can hold the writer inside put_batch.
class RecordingItems final : public infra::Items {
public:
    explicit RecordingItems(infra::Items &inner) : inner_(inner) {}
    void put(const infra::Item &item) override { inner_.put(item); }
    void put_batch(const std::vector<infra::Item> &items) override {
        std::unique_lock lock(mutex_);
        batch_sizes_.push_back(items.size());
        entered_ = true;
        changed_.notify_all();
        changed_.wait(lock, [&] { return !hold_; });
        lock.unlock();
        inner_.put_batch(items);
    }
    infra::ItemPage query(const infra::ItemQuery &query) override { return inner_.query(query); }
    std::size_t remove_expired() override { return inner_.remove_expired(); }
    bool ping() override { return true; }

    void hold() {
        std::lock_guard lock(mutex_);
        hold_ = true;
        entered_ = false;
    }
    void wait_entered() {
        std::unique_lock lock(mutex_);
        ASSERT_TRUE(changed_.wait_for(lock, 10s, [&] { return entered_; }));
    }
    void release() {
        std::lock_guard lock(mutex_);
        hold_ = false;
        changed_.notify_all();
    }
    std::vector<std::size_t> batch_sizes() {
        std::lock_guard lock(mutex_);
        return batch_sizes_;
    }

private:
    infra::Items &inner_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::size_t> batch_sizes_;
    bool hold_ = false;
    bool entered_ = false;
};

class MessageLogTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ =
            std::filesystem::temp_directory_path() / ("manage-msglog-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        auto opened = infra::SqliteItems::open(dir_ / "items.db", "ocpp_messages", clock_);
        ASSERT_TRUE(opened) << opened.error().message;
        sqlite_ = std::move(opened.value());
        items_ = std::make_unique<RecordingItems>(*sqlite_);
    }
    void TearDown() override {
        items_.reset();
        sqlite_.reset();
        std::filesystem::remove_all(dir_);
    }

    std::unique_ptr<MessageLog> make_log(core::MessageLogOptions options = {}) {
        options.flush_interval = 10min; // only full batches, flush() and stop() write
        return std::make_unique<MessageLog>(*items_, metrics_, options);
    }

    LoggedMessage frame(int n, const std::string &action = "Heartbeat", const std::string &charger = "CP-1") {
        LoggedMessage m;
        m.time = start_ + std::chrono::milliseconds(n / 3); // three frames per millisecond
        m.charger_id = charger;
        m.direction = n % 2 == 0 ? MessageDirection::FromCharger : MessageDirection::ToCharger;
        m.type = n % 2 == 0 ? MessageType::Call : MessageType::CallResult;
        m.message_id = "m" + std::to_string(n);
        m.action = action;
        m.frame = n % 2 == 0 ? R"([2,"m)" + std::to_string(n) + R"(",")" + action + R"(",{}])"
                             : R"([3,"m)" + std::to_string(n) + R"(",{"currentTime":"2026-11-26T00:00:00Z"}])";
        if (n % 2 == 1)
            m.response_time = std::chrono::microseconds(1500 + n);
        return m;
    }

    static std::vector<std::string> ids(const std::vector<LoggedMessage> &messages) {
        std::vector<std::string> out;
        for (const auto &m : messages)
            out.push_back(m.message_id);
        return out;
    }

    // Every message a query reaches, following cursors; checks that pages respect the limit.
    static std::vector<std::string> read_all(MessageLog &log, MessageQuery query) {
        std::vector<std::string> out;
        for (int pages = 0; pages < 10'000; ++pages) {
            auto page = log.query(query);
            EXPECT_TRUE(page) << page.error().message;
            if (!page)
                break;
            EXPECT_LE(page.value().items.size(), query.limit);
            for (auto &id : ids(page.value().items))
                out.push_back(id);
            if (page.value().next_cursor.empty())
                break;
            query.cursor = page.value().next_cursor;
        }
        return out;
    }

    std::filesystem::path dir_;
    SimulatedClock clock_{TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}}};
    TimePoint start_ = clock_.now();
    infra::Metrics metrics_;
    std::unique_ptr<infra::SqliteItems> sqlite_;
    std::unique_ptr<RecordingItems> items_;
};

} // namespace

TEST_F(MessageLogTest, KeepsEveryFieldAndTheRecordingOrderWithinAMillisecond) {
    auto log = make_log();
    for (int n = 0; n < 6; ++n)
        log->record(frame(n));
    log->flush();
    const auto page = log->query({"CP-1"});
    ASSERT_TRUE(page) << page.error().message;
    ASSERT_THAT(ids(page.value().items), ::testing::ElementsAre("m0", "m1", "m2", "m3", "m4", "m5"));
    const auto &result = page.value().items[1];
    EXPECT_EQ(result.time, start_);
    EXPECT_EQ(result.charger_id, "CP-1");
    EXPECT_EQ(result.direction, MessageDirection::ToCharger);
    EXPECT_EQ(result.type, MessageType::CallResult);
    EXPECT_EQ(result.action, "Heartbeat");
    EXPECT_EQ(result.frame, frame(1).frame);
    EXPECT_EQ(result.response_time, std::chrono::microseconds(1501));
    EXPECT_EQ(page.value().items[0].response_time, std::nullopt);
    EXPECT_EQ(page.value().next_cursor, "");
}

TEST_F(MessageLogTest, WritesInBatchesOfAtMostBatchSize) {
    core::MessageLogOptions options;
    options.batch_size = 10;
    auto log = make_log(options);
    for (int n = 0; n < 25; ++n)
        log->record(frame(n));
    log->flush();
    const auto sizes = items_->batch_sizes();
    std::size_t total = 0;
    for (const auto size : sizes) {
        EXPECT_LE(size, 10u);
        total += size;
    }
    EXPECT_EQ(total, 25u);
    EXPECT_GE(sizes.size(), 3u);
    EXPECT_LE(sizes.size(), 4u);
    EXPECT_EQ(log->written(), 25u);
    EXPECT_EQ(metrics_.value("manage_message_log_written_total"), 25);
}

TEST_F(MessageLogTest, FiltersByChargerActionAndTimeRange) {
    auto log = make_log();
    for (int n = 0; n < 30; ++n)
        log->record(frame(n, n % 3 == 0 ? "StatusNotification" : "Heartbeat"));
    log->record(frame(1, "StatusNotification", "CP-2"));
    log->flush();

    MessageQuery by_action{"CP-1"};
    by_action.action = "StatusNotification";
    EXPECT_EQ(read_all(*log, by_action).size(), 10u);

    // [from, to): frames 9…17 sit in milliseconds 3, 4 and 5.
    MessageQuery by_time{"CP-1"};
    by_time.from = start_ + 3ms;
    by_time.to = start_ + 6ms;
    EXPECT_THAT(read_all(*log, by_time),
                ::testing::ElementsAre("m9", "m10", "m11", "m12", "m13", "m14", "m15", "m16", "m17"));

    by_time.action = "StatusNotification";
    EXPECT_THAT(read_all(*log, by_time), ::testing::ElementsAre("m9", "m12", "m15"));

    EXPECT_THAT(read_all(*log, MessageQuery{"CP-2"}), ::testing::ElementsAre("m1"));
    EXPECT_TRUE(read_all(*log, MessageQuery{"CP-3"}).empty());
}

TEST_F(MessageLogTest, CursorPagesCoverEveryMessageExactlyOnce) {
    auto log = make_log();
    std::vector<std::string> all;
    std::vector<std::string> status;
    for (int n = 0; n < 250; ++n) {
        const bool is_status = n % 7 == 0;
        log->record(frame(n, is_status ? "StatusNotification" : "Heartbeat"));
        all.push_back("m" + std::to_string(n));
        if (is_status)
            status.push_back("m" + std::to_string(n));
    }
    log->flush();
    for (const std::size_t limit : {1u, 7u, 100u, 1000u}) {
        MessageQuery query{"CP-1"};
        query.limit = limit;
        EXPECT_EQ(read_all(*log, query), all) << limit;
        query.newest_first = true;
        EXPECT_EQ(read_all(*log, query), std::vector<std::string>(all.rbegin(), all.rend())) << limit;
        query.newest_first = false;
        query.action = "StatusNotification";
        EXPECT_EQ(read_all(*log, query), status) << limit;
        query.newest_first = true;
        EXPECT_EQ(read_all(*log, query), std::vector<std::string>(status.rbegin(), status.rend())) << limit;
    }
}

TEST_F(MessageLogTest, ScanningForAnActionStopsAtMaxScanWithACursor) {
    core::MessageLogOptions options;
    options.max_scan = 50;
    auto log = make_log(options);
    for (int n = 0; n < 200; ++n)
        log->record(frame(n, n == 150 ? "Reset" : "Heartbeat"));
    log->flush();
    MessageQuery query{"CP-1"};
    query.action = "Reset";
    const auto first = log->query(query);
    ASSERT_TRUE(first);
    EXPECT_TRUE(first.value().items.empty());
    EXPECT_NE(first.value().next_cursor, "");
    EXPECT_THAT(read_all(*log, query), ::testing::ElementsAre("m150"));
}

TEST_F(MessageLogTest, StopWritesEverythingQueued) {
    auto log = make_log();
    for (int n = 0; n < 120; ++n)
        log->record(frame(n));
    log.reset(); // no flush: stopping must not lose them
    auto reader = make_log();
    MessageQuery query{"CP-1"};
    query.limit = 1000;
    EXPECT_EQ(read_all(*reader, query).size(), 120u);
}

TEST_F(MessageLogTest, AFullQueueDropsAndCountsWithoutBlocking) {
    core::MessageLogOptions options;
    options.batch_size = 1;
    options.max_queue = 5;
    auto log = make_log(options);
    items_->hold();
    log->record(frame(0));
    items_->wait_entered(); // the writer is stuck in the store with frame 0
    for (int n = 1; n <= 8; ++n)
        log->record(frame(n)); // 5 fit in the queue, 3 do not
    EXPECT_EQ(log->dropped(), 3u);
    EXPECT_EQ(metrics_.value("manage_message_log_dropped_total", {{"reason", "overflow"}}), 3);
    items_->release();
    log->flush();
    EXPECT_EQ(read_all(*log, MessageQuery{"CP-1"}).size(), 6u);
}

TEST_F(MessageLogTest, FramesExpireAfterTheRetention) {
    core::MessageLogOptions options;
    options.retention = 24h;
    auto log = make_log(options);
    log->record(frame(0));
    log->flush();
    const auto stored = sqlite_->query({"CP-1"});
    ASSERT_EQ(stored.items.size(), 1u);
    EXPECT_EQ(stored.items[0].expires_at, start_ + 24h);
    clock_.advance(25h);
    EXPECT_TRUE(read_all(*log, MessageQuery{"CP-1"}).empty());
}

TEST_F(MessageLogTest, RefusesABadCursorAndLimit) {
    auto log = make_log();
    MessageQuery query{"CP-1"};
    query.cursor = "zz";
    auto page = log->query(query);
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().code, "invalid_cursor");
    query.cursor.clear();
    query.limit = 1001;
    page = log->query(query);
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().field, "limit");
}

TEST_F(MessageLogTest, FramesRecordedAfterStopAreCountedAsDropped) {
    auto log = make_log();
    log->stop();
    log->record(frame(0));
    EXPECT_EQ(log->dropped(), 1u);
    log->flush(); // returns at once
}
