#include "bus_contract.hpp"

#include "manage/infra/in_process_bus.hpp"

#include <algorithm>
#include <future>
#include <stdexcept>

namespace manage::infra::testing {
namespace {

constexpr int kContractAttempts = 4;

InProcessBusOptions quick_retries(int max_attempts = kContractAttempts) {
    InProcessBusOptions options;
    options.max_attempts = max_attempts;
    options.first_retry_delay = 1ms;
    options.max_retry_delay = 4ms;
    return options;
}

class InProcessBusHarness final : public BusHarness {
public:
    Bus &bus() override { return bus_; }
    int max_attempts() const override { return kContractAttempts; }
    bool settle(std::chrono::milliseconds timeout) override { return bus_.wait_idle(timeout); }
    std::vector<Message> dead_letters() override {
        std::vector<Message> messages;
        for (const auto &dead : bus_.dead_letters())
            messages.push_back(dead.message);
        return messages;
    }

private:
    InProcessBus bus_{quick_retries()};
};

INSTANTIATE_TEST_SUITE_P(InProcess, BusContract,
                         ::testing::Values(BusAdapter{"InProcess",
                                                      [] { return std::make_unique<InProcessBusHarness>(); }}),
                         bus_adapter_name);

Message event(const std::string &topic, const std::string &payload = "{}") {
    return Message{"id-" + payload, topic, payload, {}};
}

TEST(InProcessBus, WaitIdleTimesOutWhileAHandlerRuns) {
    InProcessBus bus;
    std::promise<void> release;
    auto released = release.get_future().share();
    auto subscription = bus.subscribe("q", "event", [released](const Message &) {
        released.wait();
        return true;
    });
    EXPECT_TRUE(bus.wait_idle(kPatience));
    bus.publish(event("event"));
    EXPECT_FALSE(bus.wait_idle(1ms));
    release.set_value();
    EXPECT_TRUE(bus.wait_idle(kPatience));
}

TEST(InProcessBus, DeadLettersCarryTheQueueAndTheReason) {
    InProcessBus bus(quick_retries(2));
    auto declining = bus.subscribe("declining", "event", [](const Message &) { return false; });
    auto throwing = bus.subscribe("throwing", "event",
                                  [](const Message &) -> bool { throw std::runtime_error("store unavailable"); });
    bus.publish(event("event", "1"));
    ASSERT_TRUE(bus.wait_idle(kPatience));
    EXPECT_EQ(bus.dead_lettered_count(), 2u);
    auto dead = bus.dead_letters();
    ASSERT_EQ(dead.size(), 2u);
    std::sort(dead.begin(), dead.end(), [](const auto &a, const auto &b) { return a.queue < b.queue; });
    EXPECT_EQ(dead[0].queue, "declining");
    EXPECT_EQ(dead[0].reason, "handler returned false");
    EXPECT_EQ(dead[0].message.delivery_attempt, 2);
    EXPECT_EQ(dead[1].queue, "throwing");
    EXPECT_EQ(dead[1].reason, "handler threw: store unavailable");
}

TEST(InProcessBus, KeepsOnlyTheMostRecentDeadLetters) {
    auto options = quick_retries(1);
    options.dead_letters_kept = 3;
    InProcessBus bus(options);
    auto subscription = bus.subscribe("q", "event", [](const Message &) { return false; });
    for (int i = 0; i < 5; ++i)
        bus.publish(event("event", std::to_string(i)));
    ASSERT_TRUE(bus.wait_idle(kPatience));
    EXPECT_EQ(bus.dead_lettered_count(), 5u);
    const auto dead = bus.dead_letters();
    ASSERT_EQ(dead.size(), 3u);
    EXPECT_EQ(dead.front().message.payload, "2");
    EXPECT_EQ(dead.back().message.payload, "4");
}

TEST(InProcessBus, AHandlerMayDestroyItsOwnSubscription) {
    InProcessBus bus;
    Inbox inbox;
    std::unique_ptr<Subscription> subscription;
    std::promise<void> subscribed;
    auto ready = subscribed.get_future().share();
    subscription = bus.subscribe("q", "event", [&, ready](const Message &message) {
        ready.wait();
        inbox.record("", message);
        subscription.reset();
        return true;
    });
    subscribed.set_value();
    bus.publish(event("event", "1"));
    ASSERT_TRUE(inbox.wait_for_count(1));
    bus.publish(event("event", "2"));
    ASSERT_TRUE(bus.wait_idle(kPatience));
    EXPECT_EQ(inbox.deliveries().size(), 1u);
}

TEST(InProcessBus, ASubscriptionMayOutliveItsBus) {
    Inbox inbox;
    std::unique_ptr<Subscription> subscription;
    {
        InProcessBus bus;
        subscription = bus.subscribe("q", "event", inbox.handler());
        bus.publish(event("event"));
        ASSERT_TRUE(inbox.wait_for_count(1));
        EXPECT_TRUE(bus.ping());
    }
    subscription.reset();
    EXPECT_EQ(inbox.deliveries().size(), 1u);
}

TEST(InProcessBus, DestroyingTheBusWaitsForTheDeliveryInProgress) {
    std::promise<void> entered;
    std::promise<void> release;
    std::atomic<bool> finished = false;
    auto bus = std::make_unique<InProcessBus>();
    auto subscription = bus->subscribe("q", "event", [&](const Message &) {
        entered.set_value();
        release.get_future().wait();
        finished = true;
        return true;
    });
    bus->publish(event("event"));
    ASSERT_EQ(entered.get_future().wait_for(kPatience), std::future_status::ready);
    auto destroyed = std::async(std::launch::async, [&] {
        bus.reset();
        return finished.load();
    });
    release.set_value();
    EXPECT_TRUE(destroyed.get());
}

TEST(InProcessBus, ALeavingLastSubscriptionTakesItsQueueAlong) {
    InProcessBus bus;
    std::promise<void> release;
    auto released = release.get_future().share();
    std::promise<void> entered;
    auto first = bus.subscribe("q", "event", [&, released](const Message &message) {
        if (message.payload == "held") {
            entered.set_value();
            released.wait();
        }
        return true;
    });
    bus.publish(event("event", "held"));
    bus.publish(event("event", "queued"));
    entered.get_future().wait();
    auto destroyed = std::async(std::launch::async, [&] { first.reset(); });
    release.set_value();
    destroyed.get();
    Inbox inbox;
    auto second = bus.subscribe("q", "event", inbox.handler());
    bus.publish(event("event", "new"));
    ASSERT_TRUE(inbox.wait_for_count(1));
    ASSERT_TRUE(bus.wait_idle(kPatience));
    EXPECT_EQ(inbox.payloads(), std::vector<std::string>{"new"});
}

TEST(InProcessBus, SetsTheFirstDeliveryAttemptWhateverThePublisherSaid) {
    InProcessBus bus;
    Inbox inbox;
    auto subscription = bus.subscribe("q", "event", inbox.handler());
    auto message = event("event");
    message.delivery_attempt = 7;
    bus.publish(message);
    ASSERT_TRUE(inbox.wait_for_count(1));
    EXPECT_EQ(inbox.deliveries()[0].message.delivery_attempt, 1);
}

} // namespace
} // namespace manage::infra::testing
