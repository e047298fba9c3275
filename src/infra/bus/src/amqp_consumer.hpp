#pragma once
#include "amqp_connection.hpp"
#include "backoff.hpp"
#include "manage/infra/amqp_bus.hpp"
#include "wakeup.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>

namespace manage::infra::detail {

// What an AmqpBus shares with its consumer threads, which may outlive it by a delivery.
struct AmqpContext {
    AmqpContext(AmqpTarget broker, AmqpBusOptions settings) : target(std::move(broker)), options(std::move(settings)) {}

    AmqpTarget target;
    AmqpBusOptions options;
    std::atomic<std::uint64_t> dead_lettered{0};
};

// A connection for consuming `queue`: the exchange, the queue group and the binding declared; channel 1
// consumes with manual acknowledgements and the prefetch limit, channel 2 is transactional and carries
// the copies sent to the retry and dead-letter queues.
std::unique_ptr<AmqpConnection> connect_consumer(const AmqpContext &context, const std::string &queue,
                                                 const std::string &pattern);

// One subscription: its own connection and thread. A delivery's outcome is settled before the next is
// taken: acknowledged when the handler returns true; otherwise a copy for the next attempt goes to the
// retry queue for its delay (or, after max_attempts, to the dead-letter queue) in a transaction that
// commits before the original is acknowledged.
class AmqpConsumer {
public:
    AmqpConsumer(std::shared_ptr<AmqpContext> context, std::string queue, std::string pattern, MessageHandler handler,
                 std::unique_ptr<AmqpConnection> connection);

    // The consumer thread's body: returns once stop() was called and the delivery in progress is settled.
    void run();
    void stop();
    bool stop_requested() const { return stopping_; }

    std::thread thread; // started and joined by the bus

private:
    struct Delivery {
        std::uint64_t tag = 0;
        Message message;
    };

    bool reconnect();
    std::optional<Delivery> next_delivery();
    void settle(const Delivery &delivery);
    void copy_to(const std::string &queue, const Delivery &delivery, int attempt, const std::string &reason, bool dead);

    const std::shared_ptr<AmqpContext> context_;
    const std::string queue_;
    const std::string pattern_;
    const MessageHandler handler_;
    std::atomic<bool> stopping_{false};
    Wakeup wakeup_;

    // The consumer thread's own state.
    std::unique_ptr<AmqpConnection> connection_;
    Backoff backoff_;
    std::chrono::steady_clock::time_point reconnect_at_{};
    bool failure_reported_ = false;
};

} // namespace manage::infra::detail
