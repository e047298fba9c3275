#include "amqp_bus_harness.hpp"

#include "amqp_test_support.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <set>

namespace manage::infra::testing {
namespace {

constexpr int kContractAttempts = 4;

// Which (queue, message id) pairs are still to be settled, from the subscriptions and publications made
// through a TrackingBus: a message is due on every queue that had a live subscription whose pattern
// matched its topic when it was published, and settled there once a handler acknowledged it or it
// reached the queue's dead-letter queue. The broker cannot tell this itself without its management
// plugin (unacknowledged deliveries on the wire are in no queue's count).
class SettleTracker {
public:
    std::size_t subscribed(const std::string &queue, const std::string &pattern) {
        std::lock_guard lock(mutex_);
        bindings_.push_back(Binding{queue, pattern, true});
        queues_.insert(queue);
        return bindings_.size() - 1;
    }

    void unsubscribed(std::size_t index) {
        {
            std::lock_guard lock(mutex_);
            const auto queue = bindings_[index].queue;
            bindings_[index].live = false;
            if (std::none_of(bindings_.begin(), bindings_.end(),
                             [&](const auto &binding) { return binding.live && binding.queue == queue; }))
                std::erase_if(pending_, [&](const auto &entry) { return entry.first == queue; });
        }
        changed_.notify_all();
    }

    void published(const Message &message) {
        std::lock_guard lock(mutex_);
        for (const auto &binding : bindings_)
            if (binding.live && topic_matches(binding.pattern, message.topic))
                pending_.emplace(binding.queue, message.id);
    }

    void settled(const std::string &queue, const std::string &id) {
        {
            std::lock_guard lock(mutex_);
            pending_.erase({queue, id});
        }
        changed_.notify_all();
    }

    bool wait_settled(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [this] { return pending_.empty(); });
    }

    std::vector<std::string> queues() const {
        std::lock_guard lock(mutex_);
        return {queues_.begin(), queues_.end()};
    }

private:
    struct Binding {
        std::string queue;
        std::string pattern;
        bool live;
    };
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Binding> bindings_;
    std::set<std::pair<std::string, std::string>> pending_;
    std::set<std::string> queues_;
};

class TrackedSubscription final : public Subscription {
public:
    TrackedSubscription(std::unique_ptr<Subscription> inner, SettleTracker &tracker, std::size_t index)
        : inner_(std::move(inner)), tracker_(tracker), index_(index) {}
    ~TrackedSubscription() override {
        inner_.reset();
        tracker_.unsubscribed(index_);
    }

private:
    std::unique_ptr<Subscription> inner_;
    SettleTracker &tracker_;
    std::size_t index_;
};

// The AmqpBus as the contract sees it, telling the tracker what goes through.
class TrackingBus final : public Bus {
public:
    TrackingBus(AmqpBus &bus, SettleTracker &tracker) : bus_(bus), tracker_(tracker) {}

    void publish(Message message) override {
        tracker_.published(message);
        bus_.publish(std::move(message));
    }
    std::unique_ptr<Subscription> subscribe(const std::string &queue, const std::string &pattern,
                                            MessageHandler handler) override {
        const auto index = tracker_.subscribed(queue, pattern);
        auto tracked = [&tracker = tracker_, queue, handler = std::move(handler)](const Message &message) {
            const bool acknowledged = handler(message);
            if (acknowledged)
                tracker.settled(queue, message.id);
            return acknowledged;
        };
        return std::make_unique<TrackedSubscription>(bus_.subscribe(queue, pattern, std::move(tracked)), tracker_,
                                                     index);
    }
    bool ping() override { return bus_.ping(); }

private:
    AmqpBus &bus_;
    SettleTracker &tracker_;
};

class AmqpHarness final : public BusHarness {
public:
    explicit AmqpHarness(const std::string &url)
        : options_(quick_options(unique_name("manage.test."), kContractAttempts)), admin_(url),
          bus_(open_or_throw(url, options_)), tracking_(*bus_, tracker_) {}
    ~AmqpHarness() override {
        bus_.reset();
        admin_.remove(options_, tracker_.queues());
    }

    Bus &bus() override { return tracking_; }
    int max_attempts() const override { return kContractAttempts; }

    bool settle(std::chrono::milliseconds timeout) override {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        if (!bus_->flush(timeout))
            return false;
        for (;;) {
            collect_dead_letters();
            // Acknowledgements wake the wait at once; dead letters are looked for every 10 ms.
            if (tracker_.wait_settled(10ms))
                return true;
            if (std::chrono::steady_clock::now() >= deadline)
                return false;
        }
    }

    std::vector<Message> dead_letters() override {
        collect_dead_letters();
        return dead_letters_;
    }

private:
    void collect_dead_letters() {
        for (const auto &queue : tracker_.queues())
            for (auto &taken : admin_.take_all(queue + ".dead")) {
                tracker_.settled(queue, taken.message.id);
                dead_letters_.push_back(std::move(taken.message));
            }
    }

    AmqpBusOptions options_;
    AmqpAdmin admin_;
    SettleTracker tracker_;
    std::unique_ptr<AmqpBus> bus_;
    TrackingBus tracking_;
    std::vector<Message> dead_letters_;
};

} // namespace

std::vector<BusAdapter> amqp_adapters() {
    std::vector<BusAdapter> adapters;
    for (const auto &url : amqp_urls())
        adapters.push_back(BusAdapter{"Amqp", [url] { return std::make_unique<AmqpHarness>(url); }});
    return adapters;
}

} // namespace manage::infra::testing
