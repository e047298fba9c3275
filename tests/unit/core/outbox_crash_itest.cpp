// The outbox across a crash, on PostgreSQL and RabbitMQ: a process killed between its commit and the
// publish loses no event (the next relay publishes it), and one killed between the broker's confirm
// and the outbox's removal makes the event come twice, which a deduplicating consumer handles once.
// Instantiated only when MANAGE_TEST_POSTGRES_URL and MANAGE_TEST_AMQP_URL are set.
#include "manage/common/ids.hpp"
#include "manage/core/event_dedup.hpp"
#include "manage/core/migrations.hpp"
#include "manage/core/outbox.hpp"
#include "manage/core/sql_charger_repository.hpp"
#include "manage/infra/amqp_bus.hpp"
#include "manage/infra/in_process_cache.hpp"
#include "manage/infra/metrics.hpp"
#include "manage/testing/postgres_schema.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <spawn.h>
#include <sys/wait.h>

using namespace manage;
using namespace std::chrono_literals;

extern char **environ;

namespace {

const char *amqp_url() {
    const char *url = std::getenv("MANAGE_TEST_AMQP_URL");
    return url != nullptr && *url != '\0' ? url : nullptr;
}

// Runs the child to its death; the signal that ended it.
int run_child(const std::vector<std::string> &args) {
    std::vector<char *> argv;
    argv.push_back(const_cast<char *>(MANAGE_OUTBOX_CRASH_CHILD));
    for (const auto &arg : args)
        argv.push_back(const_cast<char *>(arg.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (::posix_spawn(&pid, MANAGE_OUTBOX_CRASH_CHILD, nullptr, nullptr, argv.data(), environ) != 0)
        return -1;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : -WEXITSTATUS(status);
}

class OutboxCrash : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        ASSERT_NE(amqp_url(), nullptr) << "ctest lists this test only with MANAGE_TEST_AMQP_URL set";
        schema_ = std::make_unique<manage::testing::PostgresSchema>(GetParam(), "outbox_crash");
        database_ = manage::testing::open_or_throw(schema_->url(), 2);
        ASSERT_TRUE(database_->migrate(core::migrations()));
        auto bus = infra::AmqpBus::open(amqp_url());
        ASSERT_TRUE(bus) << bus.error().message;
        bus_ = std::move(bus).value();
        topic_ = "crash." + new_short_id() + ".event";
        // The consumer exists before anything is published, as a deployed consumer group does.
        subscription_ = bus_->subscribe(
            "outbox-crash-" + new_short_id(), topic_,
            [this, handle = core::deduplicated(cache_, "outbox-crash-test", [this](const infra::Message &m) {
                       return count(handled_, m);
                   })](const infra::Message &m) {
                count(delivered_, m);
                return handle(m);
            });
        outbox_ = std::make_unique<core::Outbox>(*database_);
    }
    void TearDown() override {
        subscription_.reset();
        outbox_.reset();
        bus_.reset();
        database_.reset();
        schema_.reset();
    }

    bool count(std::map<std::string, int> &counts, const infra::Message &message) {
        std::lock_guard lock(mutex_);
        ++counts[message.id];
        changed_.notify_all();
        return true;
    }
    // The deliveries per event id once `total` arrived (or `patience` passed).
    std::map<std::string, int> wait_for(std::map<std::string, int> &counts, int total,
                                        std::chrono::seconds patience = 10s) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, patience, [&] {
            int sum = 0;
            for (const auto &[id, n] : counts)
                sum += n;
            return sum >= total;
        });
        return counts;
    }
    int run(const std::string &mode, const std::string &charger) {
        return run_child({mode, schema_->url(), amqp_url(), topic_, charger});
    }
    void relay_what_is_left() {
        core::OutboxRelay relay(*outbox_, *bus_, metrics_);
        while (relay.relay_once() > 0) {
        }
    }

    std::unique_ptr<manage::testing::PostgresSchema> schema_;
    std::unique_ptr<infra::Database> database_;
    std::unique_ptr<infra::AmqpBus> bus_;
    RealClock clock_;
    infra::InProcessCache cache_{clock_};
    infra::Metrics metrics_;
    std::string topic_;
    std::unique_ptr<core::Outbox> outbox_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::string, int> delivered_;
    std::map<std::string, int> handled_;
    std::unique_ptr<infra::Subscription> subscription_;
};

TEST_P(OutboxCrash, KilledBetweenCommitAndPublishTheEventIsPublishedAfterTheRestart) {
    ASSERT_EQ(run("commit", "CP-CRASH-1"), SIGKILL);
    EXPECT_TRUE(core::SqlChargerRepository(*database_).find("CP-CRASH-1")) << "the change committed";
    EXPECT_EQ(outbox_->pending(), 1) << "its event waits in the outbox";
    EXPECT_TRUE(wait_for(delivered_, 1, 2s).empty()) << "nothing was published before the crash";

    relay_what_is_left(); // the restarted node's relay
    const auto handled = wait_for(handled_, 1);
    ASSERT_EQ(handled.size(), 1u);
    EXPECT_EQ(handled.begin()->second, 1);
    EXPECT_EQ(outbox_->pending(), 0);
}

TEST_P(OutboxCrash, KilledBetweenPublishAndRemovalTheConsumerSeesTheEventOnce) {
    ASSERT_EQ(run("publish", "CP-CRASH-2"), SIGKILL);
    ASSERT_EQ(wait_for(delivered_, 1).size(), 1u) << "the broker had confirmed the event";
    EXPECT_EQ(outbox_->pending(), 1) << "the outbox still holds it";

    relay_what_is_left(); // published again
    const auto delivered = wait_for(delivered_, 2);
    ASSERT_EQ(delivered.size(), 1u);
    EXPECT_EQ(delivered.begin()->second, 2) << "the bus delivered it twice";
    const auto handled = wait_for(handled_, 1);
    ASSERT_EQ(handled.size(), 1u);
    EXPECT_EQ(handled.begin()->second, 1) << "the consumer handled it once";
    EXPECT_EQ(outbox_->pending(), 0);
}

INSTANTIATE_TEST_SUITE_P(Postgres, OutboxCrash, ::testing::ValuesIn(manage::testing::postgres_urls()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(OutboxCrash);

} // namespace
