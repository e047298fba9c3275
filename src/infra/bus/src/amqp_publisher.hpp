#pragma once
#include "amqp_connection.hpp"
#include "backoff.hpp"
#include "manage/infra/amqp_bus.hpp"
#include "wakeup.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace manage::infra::detail {

// A connection for publishing: the exchange declared, publisher confirms on channel 1.
std::unique_ptr<AmqpConnection> connect_publisher(const AmqpTarget &target, const AmqpBusOptions &options);

// The publisher thread and its buffer. publish() appends and wakes the thread, which publishes in order
// and keeps each message until the broker confirms it; after a lost connection it reconnects and
// publishes again whatever was not confirmed (so a message may reach a queue twice).
class AmqpPublisher {
public:
    AmqpPublisher(AmqpTarget target, AmqpBusOptions options, std::unique_ptr<AmqpConnection> connection);
    ~AmqpPublisher();
    AmqpPublisher(const AmqpPublisher &) = delete;
    AmqpPublisher &operator=(const AmqpPublisher &) = delete;

    void publish(Message message);
    bool flush(Duration timeout);
    // Asks the thread for a round trip to the broker (or a connection, if it has none).
    bool ping(std::chrono::milliseconds timeout);
    // Stops the thread; what is still unconfirmed is given up, and logged.
    void stop();

private:
    struct Outgoing {
        std::uint64_t serial = 0; // publishing order, for flush()
        Message message;
    };

    void run();
    bool stopping();
    bool reconnect(Backoff &backoff);
    void serve();
    void take_incoming();
    void send_waiting();
    void handle(const amqp_frame_t &frame);
    void confirmed(std::uint64_t tag, bool multiple);
    void rejected(std::uint64_t tag, bool multiple);
    void requeue_unconfirmed();
    bool ping_requested();
    void answer_ping(bool answer);

    const AmqpTarget target_;
    const AmqpBusOptions options_;
    Wakeup wakeup_;

    std::mutex mutex_; // guards the members up to the thread's own state
    std::condition_variable changed_;
    std::deque<Outgoing> incoming_;
    std::set<std::uint64_t> outstanding_; // serials published and not yet confirmed
    std::uint64_t next_serial_ = 1;
    std::uint64_t pings_requested_ = 0;
    std::uint64_t pings_answered_ = 0;
    bool ping_answer_ = false;
    bool stopping_ = false;

    // The publisher thread's own state.
    std::unique_ptr<AmqpConnection> connection_;
    std::deque<Outgoing> to_send_;
    std::map<std::uint64_t, Outgoing> unconfirmed_; // by delivery tag on the current channel
    std::uint64_t next_tag_ = 1;
    std::chrono::steady_clock::time_point reconnect_at_{};
    bool failure_reported_ = false;
    bool blocked_ = false; // the broker blocks publishing (memory or disk alarm): hold messages back

    std::thread thread_;
};

} // namespace manage::infra::detail
