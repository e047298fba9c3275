#pragma once
#include "amqp_consumer.hpp"
#include "amqp_publisher.hpp"

#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace manage::infra::detail {

// The state of an AmqpBus: its publisher and its consumers, known weakly by the subscriptions (which
// may outlive it). The mutex guards the consumer list; handlers and broker calls run outside it.
class AmqpCore : public std::enable_shared_from_this<AmqpCore> {
public:
    AmqpCore(AmqpTarget target, AmqpBusOptions options, std::unique_ptr<AmqpConnection> publisher_connection);

    void publish(Message message) { publisher_.publish(std::move(message)); }
    std::unique_ptr<Subscription> subscribe(const std::string &queue, const std::string &pattern,
                                            MessageHandler handler);
    // Stops the consumer and waits for its delivery in progress, unless called from that very delivery.
    void unsubscribe(const std::shared_ptr<AmqpConsumer> &consumer);
    // Stops every consumer, joins every thread but the caller's own, flushes briefly and stops publishing.
    void shut_down();

    bool ping() { return publisher_.ping(context_->options.connect_timeout); }
    bool flush(Duration timeout) { return publisher_.flush(timeout); }
    std::uint64_t dead_lettered_count() const { return context_->dead_lettered; }
    const AmqpBusOptions &options() const { return context_->options; }

private:
    const std::shared_ptr<AmqpContext> context_;
    AmqpPublisher publisher_;
    std::mutex mutex_;
    std::vector<std::shared_ptr<AmqpConsumer>> consumers_;
    std::vector<std::thread> orphans_; // threads of consumers that unsubscribed from their own handler
    bool shut_down_ = false;
};

} // namespace manage::infra::detail
