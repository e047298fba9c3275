#pragma once
#include "manage/common/result.hpp"
#include "manage/infra/bus.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace manage::infra {

namespace detail {
class AmqpCore;
}

struct AmqpBusOptions {
    // The durable topic exchange messages are published to and queues are bound to.
    std::string exchange = "manage.events";
    // Deliveries of one message to one queue before it goes to the queue's dead-letter queue.
    int max_attempts = 10;
    // Wait before the second attempt; it doubles for each further attempt, up to max_retry_delay.
    std::chrono::milliseconds first_retry_delay{100};
    std::chrono::milliseconds max_retry_delay{5000};
    // Deliveries a consumer may hold unacknowledged (basic.qos).
    std::uint16_t prefetch = 32;
    // AMQP heartbeat (the broker may lower it): a connection silent for two intervals is dropped and
    // reopened. 0 turns heartbeats off. A handler running longer than two intervals loses its connection
    // and gets its message again.
    std::chrono::seconds heartbeat{30};
    // TCP connect plus AMQP handshake, and each call to the broker (declare, commit, close).
    std::chrono::milliseconds connect_timeout{5000};
    // After a lost connection: the wait before reconnecting, doubling up to max_reconnect_delay.
    std::chrono::milliseconds first_reconnect_delay{100};
    std::chrono::milliseconds max_reconnect_delay{5000};
    // Published messages the bus holds until the broker confirms them; publish() waits beyond this.
    std::size_t max_unconfirmed = 100000;
    // How long the destructor waits for the broker to confirm what was published.
    std::chrono::milliseconds close_timeout{2000};
};

// The production Bus on RabbitMQ (docs/ports.md, "AmqpBus"). Publishing hands messages to a publisher
// thread, which publishes them persistent with publisher confirms and republishes what is unconfirmed
// after a lost connection; each subscription consumes on a thread and connection of its own, with
// manual acknowledgements, retry queues and a dead-letter queue. Delivery is at least once: a message
// may come twice (consumers deduplicate by Message::id).
class AmqpBus final : public Bus {
public:
    // url: amqp://user:password@host[:port]/[vhost] (port 5672, vhost "/" by default; the vhost is
    // percent-encoded). Connects once and declares the exchange, so a wrong URL, address or password
    // fails here: bad_bus_url names the part of the URL that is wrong; bus_unavailable gives host:port
    // and the broker's or the network's reason (never the password).
    static Result<std::unique_ptr<AmqpBus>> open(const std::string &url, AmqpBusOptions options = {});

    // Stops every consumer (after its delivery in progress), waits up to close_timeout for the broker
    // to confirm what was published, then stops the publisher. Subscriptions that outlive the bus do
    // nothing.
    ~AmqpBus() override;
    AmqpBus(const AmqpBus &) = delete;
    AmqpBus &operator=(const AmqpBus &) = delete;

    // Never waits for the broker (unless max_unconfirmed messages are waiting for it). Topic and id
    // longer than 255 bytes throw std::invalid_argument (AMQP short strings).
    void publish(Message message) override;
    // Declares the queue, its retry and dead-letter queues and the binding before it returns (messages
    // published before the call are never delivered to a new queue); if the broker cannot be reached,
    // the consumer keeps trying in the background. Queue names starting with "amq." or longer than
    // 200 bytes throw std::invalid_argument.
    std::unique_ptr<Subscription> subscribe(const std::string &queue, const std::string &pattern,
                                            MessageHandler handler) override;
    // True when the broker answers on the publisher's connection (reconnecting first if it was lost).
    bool ping() override;

    // True once every message published before the call is confirmed by the broker; false on timeout.
    bool flush(Duration timeout) override;
    // Messages this bus moved to a dead-letter queue.
    std::uint64_t dead_lettered_count() const;
    // The queues subscribe(queue, …) declares: queue, its retry queues and queue + ".dead".
    std::vector<std::string> declared_queues(const std::string &queue) const;

private:
    explicit AmqpBus(std::shared_ptr<detail::AmqpCore> core);
    std::shared_ptr<detail::AmqpCore> core_;
};

} // namespace manage::infra
