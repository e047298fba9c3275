// A RabbitMQ restart while events flow loses nothing. It restarts the broker named by
// MANAGE_TEST_AMQP_URL with the command in MANAGE_TEST_RABBITMQ_RESTART (scripts/engines.sh writes it),
// so ctest runs it alone (RUN_SERIAL); without both variables the test has no instance at all.
#include "amqp_test_support.hpp"

#include "manage/common/ids.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

namespace manage::infra::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto kPatience = 60s; // a restart takes several seconds, reconnections a few more

struct Broker {
    std::string url;
    std::string restart_command;
};

std::vector<Broker> restartable_brokers() {
    const char *restart = std::getenv("MANAGE_TEST_RABBITMQ_RESTART");
    if (restart == nullptr || *restart == '\0')
        return {};
    std::vector<Broker> brokers;
    for (const auto &url : amqp_urls())
        brokers.push_back(Broker{url, restart});
    return brokers;
}

// The ids handled so far (a message handled twice counts once) and how many deliveries there were.
class Handled {
public:
    void record(const std::string &id) {
        {
            std::lock_guard lock(mutex_);
            ids_.insert(id);
            ++deliveries_;
        }
        changed_.notify_all();
    }
    bool wait_for_distinct(std::size_t count, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return ids_.size() >= count; });
    }
    std::set<std::string> ids() const {
        std::lock_guard lock(mutex_);
        return ids_;
    }
    std::size_t deliveries() const {
        std::lock_guard lock(mutex_);
        return deliveries_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::set<std::string> ids_;
    std::size_t deliveries_ = 0;
};

class AmqpBusRestart : public ::testing::TestWithParam<Broker> {};

TEST_P(AmqpBusRestart, ABrokerRestartWhileEventsFlowLosesNothing) {
    auto options = quick_options(unique_name("manage.test."));
    options.first_reconnect_delay = 100ms;
    options.max_reconnect_delay = 1s;
    const auto queue = unique_name("restart-");
    const auto prefix = new_short_id() + "-";
    auto bus = open_or_throw(GetParam().url, options);
    Handled handled;
    auto subscription = bus->subscribe(queue, "stream.#", [&handled](const Message &message) {
        handled.record(message.id);
        return true;
    });

    std::atomic<bool> stop_publishing = false;
    std::atomic<std::size_t> published = 0;
    std::thread publisher([&] {
        for (std::size_t n = 0; !stop_publishing; ++n) {
            bus->publish(Message{prefix + std::to_string(n), "stream.numbered", std::to_string(n), SystemClock::now()});
            published = n + 1;
            std::this_thread::sleep_for(2ms); // the pace of the stream, about 500 events a second
        }
    });
    const auto stop_publisher = [&] {
        stop_publishing = true;
        if (publisher.joinable())
            publisher.join();
    };

    const bool flowing = handled.wait_for_distinct(200, kPatience);
    const auto started = std::chrono::steady_clock::now();
    const int restarted = flowing ? std::system(GetParam().restart_command.c_str()) : -1;
    const auto restart_took = std::chrono::steady_clock::now() - started;
    const auto published_by_restart = published.load();
    // Events keep flowing after the restart: new ones arrive, handled through the new connections.
    const bool flowing_again = restarted == 0 && handled.wait_for_distinct(published_by_restart + 200, kPatience);
    stop_publisher();
    ASSERT_TRUE(flowing) << "no events handled before the restart";
    ASSERT_EQ(restarted, 0) << "restart command failed: " << GetParam().restart_command;
    ASSERT_TRUE(flowing_again) << "no events handled after the restart";

    const auto total = published.load();
    ASSERT_TRUE(bus->flush(kPatience)) << "the broker did not confirm everything published";
    EXPECT_TRUE(handled.wait_for_distinct(total, kPatience));
    const auto ids = handled.ids();
    std::size_t missing = 0;
    for (std::size_t n = 0; n < total; ++n)
        missing += ids.count(prefix + std::to_string(n)) == 0 ? 1 : 0;
    EXPECT_EQ(missing, 0u) << "of " << total << " published";
    EXPECT_EQ(ids.size(), total) << "every id handled was published";
    EXPECT_TRUE(bus->ping());
    std::cout << "restart took " << std::chrono::duration_cast<std::chrono::milliseconds>(restart_took).count()
              << " ms; " << total << " events published, " << ids.size() << " handled, "
              << handled.deliveries() - ids.size() << " duplicate deliveries\n";

    subscription.reset();
    bus.reset();
    AmqpAdmin(GetParam().url).remove(options, {queue});
}

INSTANTIATE_TEST_SUITE_P(Amqp, AmqpBusRestart, ::testing::ValuesIn(restartable_brokers()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AmqpBusRestart);

} // namespace
} // namespace manage::infra::testing
