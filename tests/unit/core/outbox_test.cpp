// The transactional outbox over SQLite: an event leaves only with the change that caused it, the relay
// publishes it after the commit and removes it only once the bus holds it, claims keep two relays
// apart, and consumers deduplicate by event id.
#include "core_fixture.hpp"
#include "event_log.hpp"

#include "manage/core/event_dedup.hpp"
#include "manage/core/events.hpp"
#include "manage/core/outbox.hpp"
#include "manage/infra/metrics.hpp"

#include <gmock/gmock.h>

#include <stdexcept>

using namespace manage;
using namespace std::chrono_literals;

namespace {

// A bus whose broker never confirms: what the relay publishes must stay in the outbox.
class UnconfirmedBus final : public infra::Bus {
public:
    void publish(infra::Message message) override { published.push_back(std::move(message)); }
    std::unique_ptr<infra::Subscription> subscribe(const std::string &, const std::string &,
                                                   infra::MessageHandler) override {
        return nullptr;
    }
    bool ping() override { return true; }
    bool flush(Duration) override { return false; }
    std::vector<infra::Message> published;
};

class OutboxTest : public manage::testing::CoreFixture {
protected:
    void SetUp() override {
        CoreFixture::SetUp();
        outbox_ = std::make_unique<core::Outbox>(*database_);
        events_ = std::make_unique<core::OutboxEvents>(*database_, *outbox_, clock_);
    }
    void TearDown() override {
        events_.reset();
        outbox_.reset();
        CoreFixture::TearDown();
    }
    // A state change of the kind services make: a charger registered.
    void register_charger(const std::string &id) {
        repository_->save_registration(id, core::Registration::Accepted, clock_.now());
    }
    bool registered(const std::string &id) { return repository_->find(id).has_value(); }

    infra::Metrics metrics_;
    std::unique_ptr<core::Outbox> outbox_;
    std::unique_ptr<core::OutboxEvents> events_;
};

TEST_F(OutboxTest, AnEventWaitsInTheOutboxWithTheChangeThatCausedIt) {
    events_->atomically([&] {
        register_charger("CP-1");
        events_->publish("charger.registered", {{"chargerId", "CP-1"}});
    });
    EXPECT_TRUE(registered("CP-1"));
    EXPECT_EQ(outbox_->pending(), 1);
}

TEST_F(OutboxTest, AUnitThatThrowsLeavesNeitherItsChangeNorItsEvent) {
    EXPECT_THROW(events_->atomically([&] {
        register_charger("CP-1");
        events_->publish("charger.registered", {{"chargerId", "CP-1"}});
        throw std::runtime_error("the write after the event failed");
    }),
                 std::runtime_error);
    EXPECT_FALSE(registered("CP-1"));
    EXPECT_EQ(outbox_->pending(), 0);
}

TEST_F(OutboxTest, NestedUnitsCommitOrRollBackWithTheOutermost) {
    int commits = 0;
    events_->set_on_commit([&] { ++commits; });
    EXPECT_THROW(events_->atomically([&] {
        events_->atomically([&] { events_->publish("a.b", {{"n", 1}}); });
        EXPECT_EQ(commits, 0) << "an inner unit does not commit on its own";
        throw std::runtime_error("outer fails");
    }),
                 std::runtime_error);
    EXPECT_EQ(outbox_->pending(), 0);
    events_->atomically([&] { events_->atomically([&] { events_->publish("a.b", {{"n", 2}}); }); });
    EXPECT_EQ(outbox_->pending(), 1);
    EXPECT_EQ(commits, 1);
}

TEST_F(OutboxTest, TheRelayPublishesInCommitOrderAndEmptiesTheOutbox) {
    manage::testing::EventLog log(bus_, "seq.#");
    for (int i = 0; i < 5; ++i)
        events_->publish("seq.event", {{"n", i}});
    core::OutboxRelay relay(*outbox_, bus_, metrics_);
    EXPECT_EQ(relay.relay_once(), 5u);
    const auto received = log.wait_for(5);
    ASSERT_EQ(received.size(), 5u);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(nlohmann::json::parse(received[static_cast<std::size_t>(i)].payload)["n"], i);
    EXPECT_EQ(outbox_->pending(), 0);
    EXPECT_EQ(metrics_.value("manage_outbox_published_total"), 5);
}

TEST_F(OutboxTest, ARunningRelayIsWokenByACommit) {
    manage::testing::EventLog log(bus_, "woken.#");
    core::OutboxRelayOptions options;
    options.poll = 1h; // only the wake-up can bring the event out
    core::OutboxRelay relay(*outbox_, bus_, metrics_, options);
    events_->set_on_commit([&] { relay.wake(); });
    relay.start();
    events_->atomically([&] { events_->publish("woken.event", {{"n", 1}}); });
    EXPECT_EQ(log.wait_for(1).size(), 1u);
    relay.stop();
}

TEST_F(OutboxTest, WithoutTheBrokersConfirmTheEventsStayForTheNextAttempt) {
    events_->publish("a.b", {{"n", 1}});
    UnconfirmedBus bus;
    core::OutboxRelayOptions options;
    options.claim_for = 0s; // the next attempt may take them at once
    core::OutboxRelay relay(*outbox_, bus, metrics_, options);
    EXPECT_THROW(relay.relay_once(), std::runtime_error);
    EXPECT_EQ(bus.published.size(), 1u);
    EXPECT_EQ(outbox_->pending(), 1);
    EXPECT_THROW(relay.relay_once(), std::runtime_error);
    EXPECT_EQ(bus.published.size(), 2u) << "published again: consumers deduplicate by id";
    EXPECT_EQ(bus.published[0].id, bus.published[1].id);
}

TEST_F(OutboxTest, AClaimedBatchIsNobodyElsesUntilTheClaimRunsOut) {
    events_->publish("a.b", {{"n", 1}});
    core::Outbox other(*database_);
    EXPECT_EQ(outbox_->claim(10, 1h).size(), 1u);
    EXPECT_TRUE(other.claim(10, 1h).empty());
    core::Outbox third(*database_);
    EXPECT_TRUE(third.claim(10, 1h).empty());
    // A claim that has run out (its relay died) is taken over.
    core::Outbox fourth(*database_);
    database_->with_session([](soci::session &sql) { sql << "UPDATE outbox SET claimed_until_us = 1"; });
    const auto taken = fourth.claim(10, 1h);
    ASSERT_EQ(taken.size(), 1u);
    EXPECT_EQ(taken[0].topic, "a.b");
}

TEST(DirectEvents, HoldsAUnitsEventsUntilItReturnsAndDropsThemIfItThrows) {
    infra::InProcessBus bus;
    manage::testing::EventLog log(bus, "direct.#");
    SimulatedClock clock{TimePoint{}};
    core::DirectEvents events(bus, clock);
    EXPECT_THROW(events.atomically([&] {
        events.publish("direct.dropped", {});
        throw std::runtime_error("no");
    }),
                 std::runtime_error);
    events.atomically([&] { events.atomically([&] { events.publish("direct.kept", {}); }); });
    ASSERT_TRUE(bus.wait_idle(5s));
    const auto received = log.wait_for(1);
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].topic, "direct.kept");
}

TEST(EventDedup, AnEventIdIsHandledOnceAndAFailedAttemptIsRetried) {
    SimulatedClock clock{TimePoint{}};
    infra::InProcessCache cache(clock);
    int runs = 0;
    bool succeed = false;
    auto handler = core::deduplicated(cache, "test-consumer", [&](const infra::Message &) {
        ++runs;
        return succeed;
    });
    const infra::Message message{"event-1", "a.b", "{}", TimePoint{}};
    EXPECT_FALSE(handler(message)) << "a failure is not remembered";
    succeed = true;
    EXPECT_TRUE(handler(message));
    EXPECT_TRUE(handler(message)) << "the duplicate is acknowledged";
    EXPECT_EQ(runs, 2);
    auto other_consumer = core::deduplicated(cache, "another-consumer", [&](const infra::Message &) {
        ++runs;
        return true;
    });
    EXPECT_TRUE(other_consumer(message));
    EXPECT_EQ(runs, 3) << "each consumer keeps its own record";
}

} // namespace
