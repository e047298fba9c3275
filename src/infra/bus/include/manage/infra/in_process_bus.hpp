#pragma once
#include "manage/infra/bus.hpp"

#include <chrono>
#include <cstdint>
#include <vector>

namespace manage::infra {

namespace detail {
class BusCore;
}

struct InProcessBusOptions {
    // Deliveries of one message to one queue before it is dead-lettered.
    int max_attempts = 10;
    // Wait before the second attempt; it doubles for each further attempt, up to max_retry_delay.
    std::chrono::milliseconds first_retry_delay{100};
    std::chrono::milliseconds max_retry_delay{5000};
    // Dead letters kept for dead_letters(); older ones are forgotten (dead_lettered_count() goes on).
    std::size_t dead_letters_kept = 1000;
};

// A message given up on after max_attempts failed deliveries.
struct DeadLetter {
    std::string queue;
    Message message; // delivery_attempt: the last attempt
    std::string reason;
};

// The embedded Bus. Each subscription has a consumer thread owned by the bus, so a slow handler holds
// up its own queue only. A queue exists while it has subscriptions: messages published before the first
// one are not kept, and the queue with what it holds goes away with the last one. Messages reach a
// queue's handlers in publishing order; one that fails waits for its retry while later ones go ahead.
class InProcessBus final : public Bus {
public:
    explicit InProcessBus(InProcessBusOptions options = {});
    // Stops delivery and joins every consumer thread; subscriptions that outlive the bus do nothing.
    ~InProcessBus() override;
    InProcessBus(const InProcessBus &) = delete;
    InProcessBus &operator=(const InProcessBus &) = delete;

    void publish(Message message) override;
    std::unique_ptr<Subscription> subscribe(const std::string &queue, const std::string &pattern,
                                            MessageHandler handler) override;
    bool ping() override;

    // Waits until no queue holds a message (waiting retries included) and no handler runs; false on timeout.
    bool wait_idle(std::chrono::milliseconds timeout);
    // The most recent dead letters, oldest first.
    std::vector<DeadLetter> dead_letters() const;
    std::uint64_t dead_lettered_count() const;

private:
    std::shared_ptr<detail::BusCore> core_;
};

} // namespace manage::infra
