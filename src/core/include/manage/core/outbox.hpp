#pragma once
// The transactional outbox (docs/events.md, "The outbox"): events are written to the Store in the
// transaction of the change that causes them, and OutboxRelay publishes them to the Bus after the
// commit, removing each only once the broker has confirmed it. A crash between commit and publish
// delays an event; it never loses one. A crash between publish and removal publishes it twice:
// consumers deduplicate by event id (event_dedup.hpp).
#include "manage/common/clock.hpp"
#include "manage/core/events.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace manage::infra {
class Database;
class Metrics;
} // namespace manage::infra

namespace manage::core {

// The outbox table.
class Outbox {
public:
    explicit Outbox(infra::Database &database);
    // In the caller's transaction when this thread has one open on the Store; else a transaction of its own.
    void add(const infra::Message &message);
    // Takes up to `limit` of the oldest events nobody holds (or whose holder's claim ran out) for
    // `claim_for`, and returns them oldest first.
    std::vector<infra::Message> claim(int limit, Duration claim_for);
    void remove(const std::vector<std::string> &ids);
    // Events waiting to be published.
    std::int64_t pending();

private:
    infra::Database &database_;
    std::atomic<std::int64_t> next_position_{0};
    std::atomic<std::int64_t> next_claim_{0};
    const std::string claimant_; // this process's relay, in the claims it makes
};

// Events through the outbox. `on_commit` runs after a unit that published events has committed
// (the relay's wake-up).
class OutboxEvents final : public Events {
public:
    OutboxEvents(infra::Database &database, Outbox &outbox, const Clock &clock)
        : database_(database), outbox_(outbox), clock_(clock) {}
    void set_on_commit(std::function<void()> on_commit) { on_commit_ = std::move(on_commit); }
    void atomically(const std::function<void()> &work) override;
    void publish(std::string_view topic, const nlohmann::json &payload) override;

private:
    void committed();

    infra::Database &database_;
    Outbox &outbox_;
    const Clock &clock_;
    std::function<void()> on_commit_;
};

struct OutboxRelayOptions {
    int batch = 500;
    // How often the relay looks when nothing woke it: events committed by other processes.
    Duration poll = std::chrono::milliseconds(200);
    // How long a claimed batch is this relay's alone; after that another relay may publish it.
    Duration claim_for = std::chrono::seconds(15);
    // The broker's confirms for a batch; without them the batch is published again later.
    Duration confirm_timeout = std::chrono::seconds(5);
    Duration retry_after = std::chrono::seconds(1);
};

// Publishes the outbox on a thread of its own. Several processes may each run one: claims keep them
// from publishing the same events at the same time.
class OutboxRelay {
public:
    OutboxRelay(Outbox &outbox, infra::Bus &bus, infra::Metrics &metrics, OutboxRelayOptions options = {});
    ~OutboxRelay();
    OutboxRelay(const OutboxRelay &) = delete;
    OutboxRelay &operator=(const OutboxRelay &) = delete;

    void start();
    // Finishes the batch in hand; what is left waits in the outbox for the next relay.
    void stop();
    void wake();
    // One batch: claim, publish, wait for the confirms, remove. How many were published.
    std::size_t relay_once();

private:
    void run(std::stop_token stop);

    Outbox &outbox_;
    infra::Bus &bus_;
    infra::Metrics &metrics_;
    OutboxRelayOptions options_;
    std::mutex mutex_;
    std::condition_variable_any woken_;
    bool wake_pending_ = false;
    std::jthread thread_;
};

} // namespace manage::core
