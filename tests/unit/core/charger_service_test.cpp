#include "core_fixture.hpp"

#include "manage/core/charger_service.hpp"

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <mutex>

using namespace manage;
using namespace std::chrono_literals;

namespace {

// Collects the events the service publishes.
class EventLog {
public:
    explicit EventLog(infra::Bus &bus)
        : subscription_(bus.subscribe("test-events", "charger.#", [this](const infra::Message &m) {
              std::lock_guard lock(mutex_);
              events_.push_back(m);
              changed_.notify_all();
              return true;
          })) {}
    std::vector<infra::Message> wait_for(std::size_t count) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, 10s, [&] { return events_.size() >= count; });
        return events_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<infra::Message> events_;
    std::unique_ptr<infra::Subscription> subscription_;
};

} // namespace

class ChargerServiceTest : public manage::testing::CoreFixture {
protected:
    core::ChargerService service(BootPolicy policy) {
        return core::ChargerService(*repository_, cache_, events_, clock_,
                                    core::ChargerServiceOptions{policy, 300s, 60s});
    }
};

TEST_F(ChargerServiceTest, RegisteredChargerIsAcceptedWithTheHeartbeatInterval) {
    auto chargers = service(BootPolicy::reject);
    ASSERT_TRUE(chargers.register_charger("CP-1"));
    const auto decision = chargers.on_boot("CP-1", "1.6", {"ACME", "Volt", "", "", ""});
    EXPECT_EQ(decision.status, core::Registration::Accepted);
    EXPECT_EQ(decision.interval, 300s);
    EXPECT_EQ(decision.current_time, clock_.now());
    EXPECT_TRUE(chargers.accepts_messages_from("CP-1"));
}

TEST_F(ChargerServiceTest, UnknownChargerGetsTheBootPolicy) {
    struct Case {
        BootPolicy policy;
        core::Registration expected;
        bool accepted;
    };
    for (const auto &c : {Case{BootPolicy::accept, core::Registration::Accepted, true},
                          Case{BootPolicy::pending, core::Registration::Pending, false},
                          Case{BootPolicy::reject, core::Registration::Rejected, false}}) {
        auto chargers = service(c.policy);
        const std::string id = "NEW-" + core::to_string(c.expected);
        const auto decision = chargers.on_boot(id, "2.0.1", {"ACME", "Volt", "", "", "PowerUp"});
        EXPECT_EQ(decision.status, c.expected);
        EXPECT_EQ(decision.interval, c.accepted ? 300s : 60s);
        EXPECT_EQ(chargers.accepts_messages_from(id), c.accepted);
        // Operators see who knocked, whatever the answer.
        const auto view = chargers.find(id);
        ASSERT_TRUE(view);
        EXPECT_EQ(view->charger.registration, c.expected);
        EXPECT_EQ(view->charger.boot.reason, "PowerUp");
    }
}

TEST_F(ChargerServiceTest, RegisteringAPendingChargerAcceptsIt) {
    auto chargers = service(BootPolicy::pending);
    chargers.on_boot("CP-9", "1.6", {"ACME", "Volt", "", "", ""});
    EXPECT_FALSE(chargers.accepts_messages_from("CP-9"));
    auto created = chargers.register_charger("CP-9");
    ASSERT_TRUE(created);
    EXPECT_FALSE(created.value());
    EXPECT_EQ(chargers.on_boot("CP-9", "1.6", {"ACME", "Volt", "", "", ""}).status, core::Registration::Accepted);
}

TEST_F(ChargerServiceTest, InvalidIdsAreRefused) {
    auto chargers = service(BootPolicy::accept);
    for (const std::string &bad : std::vector<std::string>{"", "a/b", "has space", std::string(49, 'x'), "tab\there"}) {
        auto result = chargers.register_charger(bad);
        ASSERT_FALSE(result) << bad;
        EXPECT_EQ(result.error().field, "id");
    }
}

TEST_F(ChargerServiceTest, PresenceFollowsConnectionAndTraffic) {
    auto chargers = service(BootPolicy::accept);
    ASSERT_TRUE(chargers.register_charger("CP-1"));
    EXPECT_FALSE(chargers.find("CP-1")->presence.connected);
    EXPECT_FALSE(chargers.find("CP-1")->presence.last_seen.has_value());

    chargers.on_connected("CP-1", "1.6");
    clock_.advance(30s);
    EXPECT_EQ(chargers.on_heartbeat("CP-1"), clock_.now());
    auto view = chargers.find("CP-1");
    EXPECT_TRUE(view->presence.connected);
    EXPECT_EQ(view->presence.ocpp_version, "1.6");
    EXPECT_EQ(view->presence.last_seen, clock_.now());

    clock_.advance(5s);
    chargers.on_disconnected("CP-1");
    view = chargers.find("CP-1");
    EXPECT_FALSE(view->presence.connected);
    EXPECT_EQ(view->presence.last_seen, clock_.now());
}

TEST_F(ChargerServiceTest, StatusIsStoredAndPublished) {
    auto chargers = service(BootPolicy::accept);
    EventLog events(bus_);
    ASSERT_TRUE(chargers.register_charger("CP-1"));
    chargers.on_status("CP-1", {1, 1, "Faulted", "HighTemperature", "too hot", "T-1", std::nullopt});
    const auto view = chargers.find("CP-1");
    ASSERT_EQ(view->charger.connectors.size(), 1u);
    EXPECT_EQ(view->charger.connectors[0].status, "Faulted");

    const auto published = events.wait_for(2);
    ASSERT_GE(published.size(), 2u);
    EXPECT_EQ(published[0].topic, "charger.registered");
    EXPECT_EQ(published[1].topic, "charger.status");
    const auto payload = nlohmann::json::parse(published[1].payload);
    EXPECT_EQ(payload["chargerId"], "CP-1");
    EXPECT_EQ(payload["status"], "Faulted");
    EXPECT_EQ(payload["errorCode"], "HighTemperature");
    EXPECT_EQ(payload["vendorErrorCode"], "T-1");
    EXPECT_FALSE(published[1].id.empty());
}
