#pragma once
// rabbitmq-c stays in the adapter's private headers; amqp_bus.hpp does not include it.
#include "amqp_url.hpp"

#include <amqp.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace manage::infra::detail {

// A failed connection or channel. Whoever owns the connection drops it and opens a new one.
class AmqpFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ConnectionSettings {
    std::string name; // the connection_name client property, shown by `rabbitmqctl list_connections`
    std::chrono::seconds heartbeat{30};
    std::chrono::milliseconds timeout{5000}; // TCP connect, AMQP handshake and each RPC
};

enum class Readiness { data, wakeup, timeout };

// One rabbitmq-c connection, logged in, with channel 1 open. Not thread-safe: one thread uses it at a
// time (it may be handed from one thread to another). Failures throw AmqpFailure with the library's or
// the broker's reason, which never holds the password.
class AmqpConnection {
public:
    AmqpConnection(const AmqpTarget &target, const ConnectionSettings &settings);
    AmqpConnection(const AmqpConnection &) = delete;
    AmqpConnection &operator=(const AmqpConnection &) = delete;
    ~AmqpConnection();

    amqp_connection_state_t state() const { return state_.get(); }

    void open_channel(amqp_channel_t channel);
    // Throw unless the last RPC (made through a generated amqp_* call), `reply` or `status` succeeded.
    void expect_ok(const std::string &what) const;
    static void expect_ok(const amqp_rpc_reply_t &reply, const std::string &what);
    static void expect_status(int status, const std::string &what);

    // Waits until a frame may be read, `wakeup_fd` is readable (reported first), or `timeout` passes.
    // Throws when the broker has sent nothing for two heartbeat intervals.
    Readiness wait(int wakeup_fd, std::chrono::milliseconds timeout);
    // The next frame when one has fully arrived, else nullopt; never blocks. rabbitmq-c sends our
    // heartbeats from here (and from amqp_consume_message), so waiting threads call one of them at least
    // every idle_wait().
    std::optional<amqp_frame_t> poll_frame();
    std::chrono::milliseconds idle_wait() const;

    // Closes the connection politely, so the broker requeues what was delivered and not acknowledged
    // at once; never throws. Without it the destructor just drops the socket.
    void close() noexcept;

private:
    struct Destroy {
        void operator()(amqp_connection_state_t state) const;
    };
    void heard_from_broker() { last_heard_ = std::chrono::steady_clock::now(); }

    std::unique_ptr<amqp_connection_state_t_, Destroy> state_;
    std::chrono::seconds heartbeat_{0}; // as negotiated with the broker
    std::chrono::steady_clock::time_point last_heard_;
};

// The reason an RPC failed: the library's error or the broker's close code and text.
std::string describe(const amqp_rpc_reply_t &reply);
// Throws AmqpFailure with the broker's code and text when `frame` closes the channel or the connection.
void throw_if_closing(const amqp_frame_t &frame);

std::string to_string(amqp_bytes_t bytes);
inline amqp_bytes_t to_bytes(const std::string &text) {
    return amqp_bytes_t{text.size(), const_cast<char *>(text.data())};
}

} // namespace manage::infra::detail
