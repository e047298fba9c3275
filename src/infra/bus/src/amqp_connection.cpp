#include "amqp_connection.hpp"

#include <amqp_tcp_socket.h>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace manage::infra::detail {
namespace {

using namespace std::chrono_literals;

timeval to_timeval(std::chrono::milliseconds duration) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration);
    return timeval{static_cast<time_t>(seconds.count()),
                   static_cast<suseconds_t>(std::chrono::microseconds(duration - seconds).count())};
}

std::string close_reason(const std::string &what, std::uint16_t code, amqp_bytes_t text) {
    return "the broker closed the " + what + ": " + std::to_string(code) + " " + to_string(text);
}

int connect_to(const addrinfo &address, std::chrono::milliseconds timeout, std::string &error) {
    const int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, address.ai_protocol);
    if (fd < 0) {
        error = std::strerror(errno);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0) {
        int result = errno;
        if (result == EINPROGRESS) {
            pollfd descriptor{fd, POLLOUT, 0};
            const int ready = ::poll(&descriptor, 1, static_cast<int>(timeout.count()));
            socklen_t length = sizeof result;
            if (ready == 0)
                result = ETIMEDOUT;
            else if (ready < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &result, &length) != 0)
                result = errno;
        }
        if (result != 0) {
            error = result == ETIMEDOUT ? "connect timed out after " + std::to_string(timeout.count()) + " ms"
                                        : std::strerror(result);
            ::close(fd);
            return -1;
        }
    }
    return fd;
}

// A connected, non-blocking, close-on-exec TCP socket, as rabbitmq-c would open it, but reporting why a
// connection fails (rabbitmq-c says "a socket error occurred" only).
int connect_tcp(const AmqpTarget &target, std::chrono::milliseconds timeout) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    addrinfo *addresses = nullptr;
    if (const int status = ::getaddrinfo(target.host.c_str(), std::to_string(target.port).c_str(), &hints, &addresses);
        status != 0)
        throw AmqpFailure("cannot resolve '" + target.host + "': " + ::gai_strerror(status));
    std::string error = "no address";
    int fd = -1;
    for (const auto *address = addresses; address != nullptr && fd < 0; address = address->ai_next)
        fd = connect_to(*address, timeout, error);
    ::freeaddrinfo(addresses);
    if (fd < 0)
        throw AmqpFailure("cannot connect: " + error);
    return fd;
}

} // namespace

std::string to_string(amqp_bytes_t bytes) {
    return bytes.len == 0 ? std::string{} : std::string(static_cast<const char *>(bytes.bytes), bytes.len);
}

std::string describe(const amqp_rpc_reply_t &reply) {
    switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return "ok";
    case AMQP_RESPONSE_NONE:
        return "no reply from the broker";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return amqp_error_string2(reply.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
            const auto *close = static_cast<const amqp_connection_close_t *>(reply.reply.decoded);
            return close_reason("connection", close->reply_code, close->reply_text);
        }
        if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
            const auto *close = static_cast<const amqp_channel_close_t *>(reply.reply.decoded);
            return close_reason("channel", close->reply_code, close->reply_text);
        }
        return std::string("unexpected answer ") + amqp_method_name(reply.reply.id);
    }
    return "unknown reply type";
}

void throw_if_closing(const amqp_frame_t &frame) {
    if (frame.frame_type != AMQP_FRAME_METHOD)
        return;
    if (frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD) {
        const auto *close = static_cast<const amqp_connection_close_t *>(frame.payload.method.decoded);
        throw AmqpFailure(close_reason("connection", close->reply_code, close->reply_text));
    }
    if (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD) {
        const auto *close = static_cast<const amqp_channel_close_t *>(frame.payload.method.decoded);
        throw AmqpFailure(
            close_reason("channel " + std::to_string(frame.channel), close->reply_code, close->reply_text));
    }
}

void AmqpConnection::Destroy::operator()(amqp_connection_state_t state) const {
    amqp_destroy_connection(state);
}

AmqpConnection::AmqpConnection(const AmqpTarget &target, const ConnectionSettings &settings)
    : state_(amqp_new_connection()) {
    if (!state_)
        throw AmqpFailure("cannot allocate a connection");
    auto *socket = amqp_tcp_socket_new(state_.get());
    if (socket == nullptr)
        throw AmqpFailure("cannot allocate a socket");
    amqp_tcp_socket_set_sockfd(socket, connect_tcp(target, settings.timeout));
    auto timeout = to_timeval(settings.timeout);
    amqp_set_handshake_timeout(state_.get(), &timeout);
    amqp_set_rpc_timeout(state_.get(), &timeout);

    // rabbitmq-c adds these capabilities to its own (authentication_failure_close among them): the broker
    // tells a publisher it blocks it (resource alarm) and a consumer that its queue was deleted.
    std::array<amqp_table_entry_t, 2> capabilities{};
    capabilities[0].key = amqp_cstring_bytes("connection.blocked");
    capabilities[1].key = amqp_cstring_bytes("consumer_cancel_notify");
    for (auto &capability : capabilities) {
        capability.value.kind = AMQP_FIELD_KIND_BOOLEAN;
        capability.value.value.boolean = 1;
    }
    std::array<amqp_table_entry_t, 2> entries{};
    entries[0].key = amqp_cstring_bytes("connection_name");
    entries[0].value.kind = AMQP_FIELD_KIND_UTF8;
    entries[0].value.value.bytes = to_bytes(settings.name);
    entries[1].key = amqp_cstring_bytes("capabilities");
    entries[1].value.kind = AMQP_FIELD_KIND_TABLE;
    entries[1].value.value.table = amqp_table_t{static_cast<int>(capabilities.size()), capabilities.data()};
    const amqp_table_t properties{static_cast<int>(entries.size()), entries.data()};
    expect_ok(amqp_login_with_properties(state_.get(), target.vhost.c_str(), 0, AMQP_DEFAULT_FRAME_SIZE,
                                         static_cast<int>(settings.heartbeat.count()), &properties,
                                         AMQP_SASL_METHOD_PLAIN, target.user.c_str(), target.password.c_str()),
              "login");
    heartbeat_ = std::chrono::seconds(amqp_get_heartbeat(state_.get()));
    open_channel(1);
    heard_from_broker();
}

AmqpConnection::~AmqpConnection() = default;

void AmqpConnection::open_channel(amqp_channel_t channel) {
    amqp_channel_open(state_.get(), channel);
    expect_ok("opening channel " + std::to_string(channel));
}

void AmqpConnection::expect_ok(const std::string &what) const {
    expect_ok(amqp_get_rpc_reply(state_.get()), what);
}

void AmqpConnection::expect_ok(const amqp_rpc_reply_t &reply, const std::string &what) {
    if (reply.reply_type != AMQP_RESPONSE_NORMAL)
        throw AmqpFailure(what + ": " + describe(reply));
}

void AmqpConnection::expect_status(int status, const std::string &what) {
    if (status != AMQP_STATUS_OK)
        throw AmqpFailure(what + ": " + amqp_error_string2(status));
}

Readiness AmqpConnection::wait(int wakeup_fd, std::chrono::milliseconds timeout) {
    auto *state = state_.get();
    pollfd descriptors[2] = {{amqp_get_sockfd(state), POLLIN, 0}, {wakeup_fd, POLLIN, 0}};
    const bool buffered = amqp_frames_enqueued(state) || amqp_data_in_buffer(state);
    const int ready = ::poll(descriptors, 2, buffered ? 0 : static_cast<int>(timeout.count()));
    if (ready > 0 && descriptors[1].revents != 0)
        return Readiness::wakeup;
    if (buffered)
        return Readiness::data;
    if (ready > 0 && descriptors[0].revents != 0) {
        heard_from_broker(); // data, a heartbeat, or the end of the connection, which the read reports
        return Readiness::data;
    }
    if (heartbeat_.count() > 0 && std::chrono::steady_clock::now() - last_heard_ > 2 * heartbeat_)
        throw AmqpFailure("the broker sent nothing for two heartbeat intervals (" +
                          std::to_string(2 * heartbeat_.count()) + " s)");
    return Readiness::timeout;
}

std::optional<amqp_frame_t> AmqpConnection::poll_frame() {
    timeval immediately{0, 0};
    amqp_frame_t frame{};
    const int status = amqp_simple_wait_frame_noblock(state_.get(), &frame, &immediately);
    if (status == AMQP_STATUS_TIMEOUT)
        return std::nullopt;
    expect_status(status, "reading from the broker");
    heard_from_broker();
    return frame;
}

std::chrono::milliseconds AmqpConnection::idle_wait() const {
    if (heartbeat_.count() == 0)
        return 1s;
    return std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(heartbeat_) / 4,
                      std::chrono::milliseconds(50), std::chrono::milliseconds(1000));
}

void AmqpConnection::close() noexcept {
    amqp_connection_close(state_.get(), AMQP_REPLY_SUCCESS);
}

} // namespace manage::infra::detail
