// The Bus contract over RabbitMQ, instantiated only when MANAGE_TEST_AMQP_URL names a broker, and what
// only the AMQP adapter does: wire format, dead-letter queue, retry delays, redelivery after a consumer
// dies. Each test works on an exchange and queues of its own, deleted afterwards, so tests may run in
// parallel against one broker. (A broker restart is in amqp_bus_restart_itest.cpp.)
#include "amqp_bus_harness.hpp"
#include "amqp_test_support.hpp"
#include "bus_contract.hpp"

#include "manage/common/ids.hpp"
#include "manage/testing/eventually.hpp"

#include <gmock/gmock.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <map>
#include <set>

namespace manage::infra::testing {
namespace {

using manage::testing::eventually;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

// Without MANAGE_TEST_AMQP_URL the suites have no instance at all: nothing runs, nothing passes.
INSTANTIATE_TEST_SUITE_P(Amqp, BusContract, ::testing::ValuesIn(amqp_adapters()), bus_adapter_name);

// Beyond the contract: each test opens its buses on an exchange of its own and removes its queues.
class AmqpBusTest : public ::testing::TestWithParam<std::string> {
protected:
    void TearDown() override { AmqpAdmin(url()).remove(options_, queues_); }

    const std::string &url() const { return GetParam(); }
    AmqpBusOptions &options() { return options_; }
    std::unique_ptr<AmqpBus> open() { return open_or_throw(url(), options_); }
    std::string queue(const std::string &name) {
        queues_.push_back(unique_name(name + "-"));
        return queues_.back();
    }
    Message event(const std::string &payload = "{}") {
        return Message{new_uuid(), "event", payload, SystemClock::now()};
    }

private:
    AmqpBusOptions options_ = quick_options(unique_name("manage.test."));
    std::vector<std::string> queues_;
};

TEST_P(AmqpBusTest, WrongPasswordIsRefusedWithoutShowingIt) {
    auto url = GetParam();
    const auto at = url.rfind('@');
    const auto colon = url.find(':', url.find("://") + 3);
    ASSERT_TRUE(at != std::string::npos && colon < at) << "MANAGE_TEST_AMQP_URL needs user:password@";
    url = url.substr(0, colon + 1) + "wrong-secret" + url.substr(at);
    const auto bus = AmqpBus::open(url, options());
    ASSERT_FALSE(bus);
    EXPECT_EQ(bus.error().code, "bus_unavailable");
    EXPECT_THAT(bus.error().message, HasSubstr("ACCESS_REFUSED"));
    EXPECT_THAT(bus.error().message, Not(HasSubstr("wrong-secret")));
}

TEST_P(AmqpBusTest, PublishesPersistentMessagesWithTheirIdTopicAndTime) {
    auto bus = open();
    const auto raw = queue("raw");
    AmqpAdmin admin(url());
    admin.declare_bound_queue(raw, options().exchange, "charger.#");
    const Message sent{new_uuid(), "charger.CP-1.status", R"({"status":"Available"})", SystemClock::now()};
    bus->publish(sent);
    ASSERT_TRUE(bus->flush(kPatience));
    const auto taken = admin.take(raw);
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken->message.id, sent.id);
    EXPECT_EQ(taken->message.topic, sent.topic);
    EXPECT_EQ(taken->message.payload, sent.payload);
    EXPECT_EQ(taken->message.time, sent.time);
    EXPECT_EQ(taken->delivery_mode, 2);
    EXPECT_EQ(taken->content_type, "application/json");
    EXPECT_EQ(taken->timestamp,
              static_cast<std::uint64_t>(
                  std::chrono::duration_cast<std::chrono::seconds>(sent.time.time_since_epoch()).count()));
}

TEST_P(AmqpBusTest, DeadLettersKeepTheReasonTheQueueAndTheLastAttempt) {
    options().max_attempts = 2;
    auto bus = open();
    const auto declining = queue("declining");
    const auto throwing = queue("throwing");
    auto first = bus->subscribe(declining, "event", [](const Message &) { return false; });
    auto second = bus->subscribe(throwing, "event",
                                 [](const Message &) -> bool { throw std::runtime_error("store unavailable"); });
    const auto sent = event("poison");
    bus->publish(sent);
    AmqpAdmin admin(url());
    std::map<std::string, TakenMessage> dead;
    ASSERT_TRUE(eventually(
        [&] {
            for (const auto &name : {declining, throwing})
                if (auto taken = admin.take(name + ".dead"))
                    dead.emplace(name, std::move(*taken));
            return dead.size() == 2;
        },
        kPatience));
    EXPECT_EQ(dead[declining].message.id, sent.id);
    EXPECT_EQ(dead[declining].message.payload, "poison");
    EXPECT_EQ(dead[declining].reason, "handler returned false");
    EXPECT_EQ(dead[declining].queue, declining);
    EXPECT_EQ(dead[declining].attempt, 2);
    EXPECT_EQ(dead[throwing].reason, "handler threw: store unavailable");
    EXPECT_EQ(dead[throwing].queue, throwing);
    EXPECT_TRUE(eventually([&] { return bus->dead_lettered_count() == 2; }, kPatience));
}

// The delays are lower bounds the broker enforces (a retry queue's TTL), so this cannot pass by luck.
TEST_P(AmqpBusTest, ARetryWaitsItsDelayWhichDoubles) {
    options().first_retry_delay = 200ms;
    options().max_retry_delay = 1s;
    auto bus = open();
    std::mutex mutex;
    std::vector<std::chrono::steady_clock::time_point> attempts;
    Inbox inbox;
    auto subscription = bus->subscribe(queue("slow-retry"), "event", [&](const Message &message) {
        {
            std::lock_guard lock(mutex);
            attempts.push_back(std::chrono::steady_clock::now());
        }
        inbox.record("", message);
        return message.delivery_attempt >= 3;
    });
    bus->publish(event());
    ASSERT_TRUE(inbox.wait_for_count(3));
    std::lock_guard lock(mutex);
    EXPECT_GE(attempts[1] - attempts[0], 200ms);
    EXPECT_GE(attempts[2] - attempts[1], 400ms);
    EXPECT_EQ(inbox.deliveries()[2].message.delivery_attempt, 3);
}

// What the first consumer had taken and not handled when it went (its prefetched deliveries) goes back to
// the durable queue for the next consumer; the delivery in progress is finished and acknowledged.
TEST_P(AmqpBusTest, UnhandledDeliveriesGoBackToTheQueueWhenTheSubscriptionEnds) {
    auto bus = open();
    const auto shared = queue("shared");
    std::promise<void> entered;
    std::promise<void> release;
    auto released = release.get_future().share();
    Inbox first;
    auto holding = bus->subscribe(shared, "event", [&, released](const Message &message) {
        if (message.payload == "0") {
            entered.set_value();
            released.wait();
        }
        first.record("", message);
        return true;
    });
    for (int i = 0; i < 5; ++i)
        bus->publish(event(std::to_string(i)));
    ASSERT_EQ(entered.get_future().wait_for(kPatience), std::future_status::ready);
    auto destroyed = std::async(std::launch::async, [&] { holding.reset(); });
    release.set_value();
    destroyed.get();
    const auto handled_first = first.payloads();
    ASSERT_FALSE(handled_first.empty());
    EXPECT_EQ(handled_first[0], "0");
    // The first consumer may have handled a few more before it saw it was stopped; the second gets the rest.
    std::set<std::string> rest{"1", "2", "3", "4"};
    for (const auto &payload : handled_first)
        rest.erase(payload);
    Inbox second;
    auto taking_over = bus->subscribe(shared, "event", second.handler());
    ASSERT_TRUE(second.wait_until([&](const auto &deliveries) {
        std::set<std::string> got;
        for (const auto &delivery : deliveries)
            got.insert(delivery.message.payload);
        return std::includes(got.begin(), got.end(), rest.begin(), rest.end());
    }));
    const auto handled_second = second.payloads();
    EXPECT_EQ(std::count(handled_second.begin(), handled_second.end(), "0"), 0) << "acknowledged, so never again";
}

TEST_P(AmqpBusTest, AHandlerMayDestroyItsOwnSubscription) {
    auto bus = open();
    const auto name = queue("self");
    Inbox inbox;
    std::unique_ptr<Subscription> subscription;
    std::promise<void> subscribed;
    auto ready = subscribed.get_future().share();
    subscription = bus->subscribe(name, "event", [&, ready](const Message &message) {
        ready.wait();
        inbox.record("", message);
        subscription.reset();
        return true;
    });
    subscribed.set_value();
    bus->publish(event("1"));
    ASSERT_TRUE(inbox.wait_for_count(1));
    bus->publish(event("2"));
    ASSERT_TRUE(bus->flush(kPatience));
    AmqpAdmin admin(url());
    // The durable queue keeps the second message for a later consumer.
    EXPECT_TRUE(eventually([&] { return admin.ready_count(name) == 1; }, kPatience));
    EXPECT_EQ(inbox.deliveries().size(), 1u);
}

TEST_P(AmqpBusTest, DestroyingTheBusWaitsForTheDeliveryInProgress) {
    std::promise<void> entered;
    std::promise<void> release;
    std::atomic<bool> finished = false;
    auto bus = open();
    auto subscription = bus->subscribe(queue("slow"), "event", [&](const Message &) {
        entered.set_value();
        release.get_future().wait();
        finished = true;
        return true;
    });
    bus->publish(event());
    ASSERT_EQ(entered.get_future().wait_for(kPatience), std::future_status::ready);
    auto destroyed = std::async(std::launch::async, [&] {
        bus.reset();
        return finished.load();
    });
    release.set_value();
    EXPECT_TRUE(destroyed.get());
    subscription.reset(); // outlived its bus: does nothing
}

int thread_count() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("Threads:"))
            return std::stoi(line.substr(8));
    return -1;
}

// A line written by the child, or "" on timeout or end of file.
std::string read_line(int fd, std::chrono::milliseconds timeout) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd descriptor{fd, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0)
            return "";
        char c = 0;
        if (::read(fd, &c, 1) != 1)
            return "";
        if (c == '\n')
            return line;
        line += c;
    }
}

void write_line(int fd, const std::string &line) {
    const auto text = line + "\n";
    [[maybe_unused]] const auto written = ::write(fd, text.data(), text.size());
}

// A consumer process killed inside its handler never acknowledges: the broker delivers the message again
// to the queue's next consumer, flagged as redelivered.
TEST_P(AmqpBusTest, AConsumerKilledMidDeliveryHasItsMessageDeliveredAgain) {
    ASSERT_EQ(thread_count(), 1) << "fork() needs a single-threaded test process";
    const auto shared = queue("dying");
    int pipe_fds[2];
    ASSERT_EQ(::pipe2(pipe_fds, O_CLOEXEC), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(pipe_fds[0]);
        const int to_parent = pipe_fds[1];
        auto bus = AmqpBus::open(url(), options());
        if (!bus)
            ::_exit(3);
        auto subscription = bus.value()->subscribe(shared, "event", [to_parent](const Message &message) {
            write_line(to_parent, "attempt " + std::to_string(message.delivery_attempt));
            ::raise(SIGKILL); // dies here, holding the message unacknowledged
            return true;
        });
        write_line(to_parent, "ready");
        for (;;)
            ::pause();
    }
    ::close(pipe_fds[1]);
    ASSERT_EQ(read_line(pipe_fds[0], kPatience), "ready");
    auto bus = open();
    const auto sent = event("survivor");
    bus->publish(sent);
    ASSERT_TRUE(bus->flush(kPatience));
    EXPECT_EQ(read_line(pipe_fds[0], kPatience), "attempt 1");
    ::close(pipe_fds[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child status " << status;
    Inbox inbox;
    auto subscription = bus->subscribe(shared, "event", inbox.handler());
    ASSERT_TRUE(inbox.wait_for_count(1));
    const auto received = inbox.deliveries()[0].message;
    EXPECT_EQ(received.id, sent.id);
    EXPECT_EQ(received.payload, "survivor");
    EXPECT_GE(received.delivery_attempt, 2);
}

INSTANTIATE_TEST_SUITE_P(Amqp, AmqpBusTest, ::testing::ValuesIn(amqp_urls()));
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AmqpBusTest);

} // namespace

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(BusContract);
} // namespace manage::infra::testing
