#include "bus_contract.hpp"

#include <gmock/gmock.h>

#include <atomic>
#include <future>
#include <set>
#include <stdexcept>
#include <thread>

namespace manage::infra::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> numbered(int count) {
    std::vector<std::string> payloads;
    for (int i = 0; i < count; ++i)
        payloads.push_back(std::to_string(i));
    return payloads;
}

TEST_P(BusContract, AnswersPing) {
    EXPECT_TRUE(bus().ping());
}

TEST_P(BusContract, DeliversMatchingMessagesWithTheirContent) {
    Inbox inbox;
    auto subscription = bus().subscribe(queue("status"), topic("charger.*.status"), inbox.handler());
    const auto sent = message("charger.CP-1.status", R"({"status":"Available"})");
    bus().publish(sent);
    publish("charger.CP-1.meter");
    publish("charger.CP-1.status.extra");
    publish("charger.CP-2.status");
    ASSERT_TRUE(inbox.wait_for_count(2));
    ASSERT_TRUE(harness().settle(kPatience));
    const auto deliveries = inbox.deliveries();
    ASSERT_EQ(deliveries.size(), 2u);
    EXPECT_EQ(deliveries[0].message.id, sent.id);
    EXPECT_EQ(deliveries[0].message.topic, sent.topic);
    EXPECT_EQ(deliveries[0].message.payload, sent.payload);
    EXPECT_EQ(deliveries[0].message.time, sent.time);
    EXPECT_EQ(deliveries[0].message.delivery_attempt, 1);
    EXPECT_EQ(deliveries[1].message.topic, topic("charger.CP-2.status"));
}

TEST_P(BusContract, HashMatchesZeroOrMoreWords) {
    Inbox all;
    Inbox between;
    auto everything = bus().subscribe(queue("all"), topic("#"), all.handler());
    auto bracketed = bus().subscribe(queue("between"), topic("a.#.b"), between.handler());
    for (const auto *suffix : {"a.b", "a.x.b", "a.x.y.b", "a.b.c", "c"})
        publish(suffix, suffix);
    ASSERT_TRUE(all.wait_for_count(5));
    ASSERT_TRUE(between.wait_for_count(3));
    ASSERT_TRUE(harness().settle(kPatience));
    EXPECT_THAT(between.payloads(), ElementsAre("a.b", "a.x.b", "a.x.y.b"));
    EXPECT_EQ(all.payloads().size(), 5u);
}

TEST_P(BusContract, FansOutToEveryBoundQueue) {
    Inbox billing;
    Inbox incidents;
    auto first = bus().subscribe(queue("billing"), topic("session.*"), billing.handler());
    auto second = bus().subscribe(queue("incidents"), topic("session.#"), incidents.handler());
    publish("session.started", "1");
    publish("session.stopped", "2");
    ASSERT_TRUE(billing.wait_for_count(2));
    ASSERT_TRUE(incidents.wait_for_count(2));
    ASSERT_TRUE(harness().settle(kPatience));
    EXPECT_THAT(billing.payloads(), ElementsAre("1", "2"));
    EXPECT_THAT(incidents.payloads(), ElementsAre("1", "2"));
}

TEST_P(BusContract, AQueueGetsAMessageOnceWhateverTheNumberOfMatchingBindings) {
    Inbox inbox;
    auto exact = bus().subscribe(queue("shared"), topic("charger.CP-1.status"), inbox.handler("exact"));
    auto wildcard = bus().subscribe(queue("shared"), topic("charger.#"), inbox.handler("wildcard"));
    publish("charger.CP-1.status", "only once");
    publish("charger.CP-1.meter", "wildcard binding");
    ASSERT_TRUE(inbox.wait_for_count(2));
    ASSERT_TRUE(harness().settle(kPatience));
    EXPECT_THAT(inbox.payloads(), UnorderedElementsAre("only once", "wildcard binding"));
}

// Each consumer holds its first message until the other consumer has one: both must be served,
// side by side, and together they get every message exactly once.
TEST_P(BusContract, CompetingConsumersShareTheirQueue) {
    constexpr int kMessages = 20;
    Inbox inbox;
    const auto competing_handler = [&inbox](const std::string &me, const std::string &other) {
        return [&inbox, me, other](const Message &message) {
            inbox.record(me, message);
            inbox.wait_until([&](const auto &deliveries) {
                return std::any_of(deliveries.begin(), deliveries.end(),
                                   [&](const auto &delivery) { return delivery.consumer == other; });
            });
            return true;
        };
    };
    auto worker_a = bus().subscribe(queue("work"), topic("job"), competing_handler("a", "b"));
    auto worker_b = bus().subscribe(queue("work"), topic("job"), competing_handler("b", "a"));
    std::set<std::string> sent;
    for (int i = 0; i < kMessages; ++i)
        sent.insert(publish("job", std::to_string(i)));
    ASSERT_TRUE(inbox.wait_for_count(kMessages));
    ASSERT_TRUE(harness().settle(kPatience));
    std::set<std::string> received;
    for (const auto &delivery : inbox.deliveries())
        received.insert(delivery.message.id);
    EXPECT_EQ(inbox.deliveries().size(), static_cast<std::size_t>(kMessages));
    EXPECT_EQ(received, sent);
    EXPECT_GT(inbox.count_from("a"), 0u);
    EXPECT_GT(inbox.count_from("b"), 0u);
}

TEST_P(BusContract, DeliversInPublishingOrderWithinAQueue) {
    constexpr int kMessages = 200;
    Inbox inbox;
    auto subscription = bus().subscribe(queue("ordered"), topic("tick"), inbox.handler());
    for (const auto &payload : numbered(kMessages))
        publish("tick", payload);
    ASSERT_TRUE(inbox.wait_for_count(kMessages));
    EXPECT_EQ(inbox.payloads(), numbered(kMessages));
}

TEST_P(BusContract, RedeliversAMessageItsHandlerDeclined) {
    Inbox inbox;
    auto subscription = bus().subscribe(queue("retry"), topic("event"), [&inbox](const Message &message) {
        inbox.record("", message);
        return message.delivery_attempt >= 2;
    });
    const auto id = publish("event", "payload");
    ASSERT_TRUE(inbox.wait_for_count(2));
    ASSERT_TRUE(harness().settle(kPatience));
    const auto deliveries = inbox.deliveries();
    ASSERT_EQ(deliveries.size(), 2u);
    EXPECT_EQ(deliveries[1].message.id, id);
    EXPECT_EQ(deliveries[1].message.payload, "payload");
    EXPECT_EQ(deliveries[0].message.delivery_attempt, 1);
    EXPECT_EQ(deliveries[1].message.delivery_attempt, 2);
    EXPECT_TRUE(harness().dead_letters().empty());
}

TEST_P(BusContract, RedeliversAMessageWhoseHandlerThrew) {
    Inbox inbox;
    auto subscription = bus().subscribe(queue("retry"), topic("event"), [&inbox](const Message &message) -> bool {
        inbox.record("", message);
        if (message.delivery_attempt < 3)
            throw std::runtime_error("store unavailable");
        return true;
    });
    publish("event");
    ASSERT_TRUE(inbox.wait_for_count(3));
    ASSERT_TRUE(harness().settle(kPatience));
    EXPECT_EQ(inbox.deliveries().size(), 3u);
    EXPECT_EQ(inbox.deliveries().back().message.delivery_attempt, 3);
    EXPECT_TRUE(harness().dead_letters().empty());
}

TEST_P(BusContract, DeadLettersAMessageAfterMaxAttempts) {
    Inbox inbox;
    auto subscription = bus().subscribe(queue("poison"), topic("event"), [&inbox](const Message &message) {
        inbox.record("", message);
        return false;
    });
    const auto id = publish("event", "poison");
    const auto attempts = static_cast<std::size_t>(harness().max_attempts());
    ASSERT_TRUE(inbox.wait_for_count(attempts));
    ASSERT_TRUE(harness().settle(kPatience));
    const auto deliveries = inbox.deliveries();
    ASSERT_EQ(deliveries.size(), attempts);
    for (std::size_t i = 0; i < attempts; ++i)
        EXPECT_EQ(deliveries[i].message.delivery_attempt, static_cast<int>(i + 1));
    const auto dead = harness().dead_letters();
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].id, id);
    EXPECT_EQ(dead[0].payload, "poison");
}

TEST_P(BusContract, AFailingMessageDoesNotHoldUpTheOthers) {
    Inbox acknowledged;
    auto subscription = bus().subscribe(queue("mixed"), topic("event"), [&acknowledged](const Message &message) {
        if (message.payload == "poison")
            return false;
        acknowledged.record("", message);
        return true;
    });
    publish("event", "poison");
    publish("event", "1");
    publish("event", "2");
    ASSERT_TRUE(acknowledged.wait_for_count(2));
    EXPECT_THAT(acknowledged.payloads(), ElementsAre("1", "2"));
    ASSERT_TRUE(harness().settle(kPatience));
    EXPECT_EQ(harness().dead_letters().size(), 1u);
}

TEST_P(BusContract, StopsDeliveringOnceTheSubscriptionIsDestroyed) {
    Inbox leaving;
    Inbox staying;
    auto subscription = bus().subscribe(queue("leaving"), topic("event"), leaving.handler());
    auto sentinel = bus().subscribe(queue("staying"), topic("event"), staying.handler());
    publish("event", "before");
    ASSERT_TRUE(leaving.wait_for_count(1));
    subscription.reset();
    publish("event", "after");
    ASSERT_TRUE(staying.wait_for_count(2));
    ASSERT_TRUE(harness().settle(kPatience));
    EXPECT_THAT(leaving.payloads(), ElementsAre("before"));
}

TEST_P(BusContract, DestroyingASubscriptionWaitsForTheDeliveryInProgress) {
    std::promise<void> entered;
    std::promise<void> release;
    std::atomic<bool> finished = false;
    auto subscription = bus().subscribe(queue("slow"), topic("event"), [&](const Message &) {
        entered.set_value();
        release.get_future().wait();
        finished = true;
        return true;
    });
    publish("event");
    ASSERT_EQ(entered.get_future().wait_for(kPatience), std::future_status::ready);
    std::promise<void> destroying;
    auto destroyed = std::async(std::launch::async, [&] {
        destroying.set_value();
        subscription.reset();
        return finished.load();
    });
    destroying.get_future().wait();
    release.set_value();
    ASSERT_EQ(destroyed.wait_for(kPatience), std::future_status::ready);
    EXPECT_TRUE(destroyed.get());
}

TEST_P(BusContract, DoesNotKeepMessagesPublishedBeforeTheQueueExisted) {
    publish("event", "too early");
    Inbox inbox;
    auto subscription = bus().subscribe(queue("late"), topic("event"), inbox.handler());
    publish("event", "on time");
    ASSERT_TRUE(inbox.wait_for_count(1));
    ASSERT_TRUE(harness().settle(kPatience));
    EXPECT_THAT(inbox.payloads(), ElementsAre("on time"));
}

TEST_P(BusContract, ASlowQueueDoesNotHoldUpTheOthers) {
    std::promise<void> release;
    const auto released = release.get_future().share();
    auto slow = bus().subscribe(queue("slow"), topic("event"), [released](const Message &) {
        released.wait();
        return true;
    });
    Inbox fast;
    auto subscription = bus().subscribe(queue("fast"), topic("event"), fast.handler());
    for (const auto &payload : numbered(5))
        publish("event", payload);
    EXPECT_TRUE(fast.wait_for_count(5));
    release.set_value();
    ASSERT_TRUE(harness().settle(kPatience));
}

TEST_P(BusContract, ConcurrentPublishersLoseNothingAndKeepTheirOwnOrder) {
    constexpr int kPublishers = 4;
    constexpr int kEach = 250;
    Inbox inbox;
    auto subscription = bus().subscribe(queue("busy"), topic("#"), inbox.handler());
    {
        std::vector<std::jthread> publishers;
        for (int p = 0; p < kPublishers; ++p)
            publishers.emplace_back([this, p] {
                for (int i = 0; i < kEach; ++i)
                    publish("from." + std::to_string(p), std::to_string(i));
            });
    }
    ASSERT_TRUE(inbox.wait_for_count(kPublishers * kEach));
    ASSERT_TRUE(harness().settle(kPatience));
    std::vector<std::vector<std::string>> per_publisher(kPublishers);
    for (const auto &delivery : inbox.deliveries())
        per_publisher[std::stoi(delivery.message.topic.substr(delivery.message.topic.rfind('.') + 1))].push_back(
            delivery.message.payload);
    for (const auto &received : per_publisher)
        EXPECT_EQ(received, numbered(kEach));
}

} // namespace
} // namespace manage::infra::testing
