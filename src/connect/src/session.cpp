// One charger connection: the HTTP upgrade, then OCPP-J over a WebSocket. Everything here runs on
// the connection's strand: the read loop, the CALL processor, the write queue (Beast's chat-multi
// pattern: one async_write outstanding) and the server-initiated call queue.
#include "session.hpp"

#include "call_handler.hpp"
#include "call_queue.hpp"
#include "upgrade_request.hpp"

#include "manage/ocpp/validation.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>

#include <deque>

namespace manage::connect {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using boost::system::error_code;
using tcp = asio::ip::tcp;

constexpr auto kAwait = asio::use_awaitable;

// Control frames carry at most 125 bytes: the close code and a reason of up to 123.
websocket::close_reason close_reason(CloseCode code, std::string_view reason) {
    return websocket::close_reason(static_cast<websocket::close_code>(code), reason.substr(0, 123));
}

std::string remote_address(const tcp::socket &socket) {
    error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    return ec ? std::string("unknown") : fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
}

class Session final : public Connection, public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, std::shared_ptr<ServerContext> context)
        : context_(std::move(context)), ctx_(*context_), log_(*ctx_.log), strand_(socket.get_executor()),
          calls_in_signal_(strand_) {
        info_.remote_address = remote_address(socket);
        info_.connection_id = ctx_.next_connection_id.fetch_add(1);
        prefix_ = fmt::format("[remote={}]", info_.remote_address);
        ws_.emplace(std::move(socket));
    }

    // The coroutine serving the connection; `self` keeps the session alive until it ends.
    asio::awaitable<void> run(std::shared_ptr<Session> self);
    const asio::any_io_executor &strand() const { return strand_; }

    const ConnectionInfo &info() const override { return info_; }

    void send_call(ocpp::Call call, CallCompletion done) override {
        asio::post(strand_, [self = shared_from_this(), call = std::move(call), done = std::move(done)]() mutable {
            if (!self->calls_out_) {
                done(call_failure(CallFailure::NotConnected, "the charger is not connected"));
                return;
            }
            self->calls_out_->push(std::move(call), std::move(done));
        });
    }

    void close(CloseCode code, std::string reason) override {
        asio::post(strand_, [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
            self->start_close(code, std::move(reason));
        });
    }

private:
    asio::awaitable<bool> accept_upgrade();
    asio::awaitable<void> refuse(const UpgradeDecision &decision, unsigned http_version);
    void configure_websocket();
    void open();
    asio::awaitable<void> read_loop();
    asio::awaitable<void> process_calls(std::shared_ptr<Session> self);
    void on_text(std::string_view text);
    void on_call(ocpp::Call call);
    void on_call_result(ocpp::CallResult result);
    void on_call_error(ocpp::CallError error);
    void on_read_error(error_code ec);
    void send_frame(std::string frame, std::string_view action, MessageType type);
    void write_next();
    void start_close(CloseCode code, std::string reason);
    void finish();

    // The action as a metric label: only names the version defines, so that the label stays bounded.
    std::string_view action_label(std::string_view action) const {
        return ocpp::is_known_action(info_.version, action) ? action : std::string_view{};
    }

    std::shared_ptr<ServerContext> context_;
    ServerContext &ctx_;
    spdlog::logger &log_;
    asio::any_io_executor strand_;
    std::optional<websocket::stream<beast::tcp_stream>> ws_;
    ConnectionInfo info_;
    std::string prefix_; // "[charger=<id>]" once known, "[remote=<address>]" before

    bool open_ = false;    // the WebSocket is up and the charger registered
    bool closing_ = false; // a close was started or the connection ended: nothing more is sent
    std::string end_reason_;

    std::deque<std::string> writes_;  // frames to send; the front one is being written
    std::deque<ocpp::Call> calls_in_; // the charger's CALLs, answered in order
    asio::steady_timer calls_in_signal_;
    std::shared_ptr<CallQueue> calls_out_;
};

asio::awaitable<void> Session::run(std::shared_ptr<Session> self) {
    ctx_.registry.track(info_.connection_id, self);
    try {
        // stop() marks the server stopping before it closes what it tracks: one of the two sees this one.
        if (!ctx_.stopping && co_await accept_upgrade()) {
            open();
            co_await read_loop();
        }
    } catch (const std::exception &e) {
        log_.error("{} connection failed: {}", prefix_, e.what());
        start_close(CloseCode::InternalError, "internal error");
    }
    try {
        finish();
    } catch (const std::exception &e) {
        log_.error("{} ending the connection failed: {}", prefix_, e.what());
    }
    ctx_.registry.untrack(info_.connection_id);
}

asio::awaitable<bool> Session::accept_upgrade() {
    auto &tcp_stream = beast::get_lowest_layer(*ws_);
    tcp_stream.expires_after(ctx_.options.handshake_timeout);
    beast::flat_buffer buffer;
    http::request_parser<http::empty_body> parser;
    parser.header_limit(kMaxHandshakeBytes);
    error_code ec;
    co_await http::async_read(tcp_stream, buffer, parser, asio::redirect_error(kAwait, ec));
    if (ec) {
        log_.debug("{} no HTTP upgrade request: {}", prefix_, ec.message());
        co_return false;
    }
    auto request = parser.release();

    std::vector<std::string_view> offers;
    for (auto [it, end] = request.equal_range(http::field::sec_websocket_protocol); it != end; ++it) {
        offers.push_back(it->value());
    }
    const auto decision = decide_upgrade(request.target(), websocket::is_upgrade(request), offers);
    if (!decision.accepted()) {
        log_.info("{} refused {:.100}: HTTP {} {}", prefix_, request.target(), decision.http_status, decision.reason);
        co_await refuse(decision, request.version());
        co_return false;
    }
    if (closing_) {
        co_return false;
    }

    info_.charge_point_id = decision.charge_point_id;
    info_.version = decision.version;
    prefix_ = fmt::format("[charger={}]", info_.charge_point_id);
    configure_websocket();
    tcp_stream.expires_never(); // the WebSocket's own timeouts take over
    co_await ws_->async_accept(request, asio::redirect_error(kAwait, ec));
    if (ec) {
        log_.info("{} WebSocket handshake failed: {}", prefix_, ec.message());
        co_return false;
    }
    co_return !closing_;
}

asio::awaitable<void> Session::refuse(const UpgradeDecision &decision, unsigned http_version) {
    http::response<http::string_body> response{static_cast<http::status>(decision.http_status), http_version};
    response.set(http::field::server, "manage");
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    if (decision.http_status == 426) {
        response.set(http::field::upgrade, "websocket");
    }
    response.keep_alive(false);
    response.body() = decision.reason + "\n";
    response.prepare_payload();
    auto &tcp_stream = beast::get_lowest_layer(*ws_);
    error_code ec;
    co_await http::async_write(tcp_stream, response, asio::redirect_error(kAwait, ec));
    tcp_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

void Session::configure_websocket() {
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = ctx_.options.handshake_timeout;
    if (ctx_.options.ping_interval.count() > 0) {
        // Beast pings after half the idle timeout without traffic and gives up after the whole of
        // it: a ping every ping_interval, and two intervals of silence mean a dead connection.
        timeouts.idle_timeout = 2 * ctx_.options.ping_interval;
        timeouts.keep_alive_pings = true;
    } else {
        timeouts.idle_timeout = websocket::stream_base::none();
        timeouts.keep_alive_pings = false;
    }
    ws_->set_option(timeouts);
    ws_->set_option(websocket::stream_base::decorator(
        [protocol = std::string(ocpp::subprotocol(info_.version))](websocket::response_type &response) {
            response.set(http::field::server, "manage");
            response.set(http::field::sec_websocket_protocol, protocol);
        }));
    // read_loop enforces max_frame_bytes itself, while the stream is healthy, and closes with 1009
    // through a proper closing handshake. Beast's own limit is the backstop for frames whose header
    // announces an absurd size: Beast fails the connection at once (sending 1009), but Beast 1.74's
    // teardown then closes the socket with unread data, so the charger may see a reset as well.
    ws_->read_message_max(4 * ctx_.options.max_frame_bytes);
    ws_->text(true);
}

void Session::open() {
    open_ = true;
    calls_out_ =
        CallQueue::create(strand_, ctx_.options.call_timeout, [weak = weak_from_this()](const ocpp::Call &call) {
            if (auto self = weak.lock()) {
                self->send_frame(ocpp::serialize(call), call.action, MessageType::Call);
            }
        });
    auto self = shared_from_this();
    if (auto replaced = ctx_.registry.attach(self)) {
        log_.info("{} a new connection (#{}) replaces connection #{}: closing the old one with 1008", prefix_,
                  info_.connection_id, replaced->info().connection_id);
        replaced->close(CloseCode::PolicyViolation, "replaced by a new connection");
    }
    ctx_.metrics.connection_opened(info_.version);
    log_.info("{} connected over OCPP {} from {} (connection #{})", prefix_, ocpp::version_label(info_.version),
              info_.remote_address, info_.connection_id);
    try {
        ctx_.dispatcher.on_connected(info_);
    } catch (const std::exception &e) {
        log_.error("{} on_connected failed: {}", prefix_, e.what());
    }
    asio::co_spawn(strand_, process_calls(self), asio::detached);
}

asio::awaitable<void> Session::read_loop() {
    const auto max_bytes = ctx_.options.max_frame_bytes;
    beast::flat_buffer buffer;
    while (!closing_) {
        // One message, read piecewise so that one over max_frame_bytes is caught while the stream
        // is still healthy and can be closed with a proper closing handshake.
        buffer.consume(buffer.size());
        do {
            error_code ec;
            co_await ws_->async_read_some(buffer, max_bytes + 1 - buffer.size(), asio::redirect_error(kAwait, ec));
            if (ec) {
                on_read_error(ec);
                co_return;
            }
            if (buffer.size() > max_bytes) {
                ctx_.metrics.frame_error(FrameError::TooBig);
                log_.warn("{} sent a message over {} bytes: closing with 1009", prefix_, max_bytes);
                start_close(CloseCode::TooBig, fmt::format("message over {} bytes", max_bytes));
                co_return;
            }
        } while (!ws_->is_message_done());
        if (!ws_->got_text()) {
            ctx_.metrics.frame_error(FrameError::Binary);
            log_.warn("{} sent a binary frame: closing with 1003", prefix_);
            start_close(CloseCode::UnsupportedData, "OCPP-J accepts text frames only");
            co_return;
        }
        on_text(std::string_view(static_cast<const char *>(buffer.data().data()), buffer.size()));
    }
}

void Session::on_read_error(error_code ec) {
    if (closing_) {
        log_.debug("{} read ended after close ({}): {}", prefix_, end_reason_, ec.message());
        return;
    }
    closing_ = true;
    if (ec == websocket::error::closed) {
        const auto &reason = ws_->reason();
        end_reason_ = fmt::format("closed by the charger ({}{}{:.123})", reason.code, reason.reason.empty() ? "" : ": ",
                                  reason.reason);
        log_.info("{} {}", prefix_, end_reason_);
    } else if (ec == websocket::error::message_too_big) {
        ctx_.metrics.frame_error(FrameError::TooBig);
        end_reason_ = fmt::format("a frame over {} bytes: closed with 1009", ctx_.options.max_frame_bytes);
        log_.warn("{} {}", prefix_, end_reason_);
    } else if (ec == beast::error::timeout) {
        end_reason_ =
            fmt::format("no answer to pings within {} s: connection dead", 2 * ctx_.options.ping_interval.count());
        log_.warn("{} {}", prefix_, end_reason_);
    } else {
        end_reason_ = "connection lost: " + ec.message();
        log_.info("{} {}", prefix_, end_reason_);
    }
}

void Session::on_text(std::string_view text) {
    log_.debug("{} << {}", prefix_, text);
    auto parsed = ocpp::parse_frame(text, info_.version);
    if (auto *problem = std::get_if<ocpp::FrameProblem>(&parsed)) {
        ctx_.metrics.frame_error(FrameError::Malformed);
        if (problem->message_id) {
            log_.info("{} malformed message {}: {}", prefix_, *problem->message_id, problem->description);
            send_frame(ocpp::serialize(
                           make_call_error(*problem->message_id, problem->error, info_.version, problem->description)),
                       {}, MessageType::Error);
        } else {
            log_.warn("{} dropped a frame without a readable message id: {}", prefix_, problem->description);
        }
        return;
    }
    auto &frame = std::get<ocpp::Frame>(parsed);
    if (auto *call = std::get_if<ocpp::Call>(&frame)) {
        on_call(std::move(*call));
    } else if (auto *result = std::get_if<ocpp::CallResult>(&frame)) {
        on_call_result(std::move(*result));
    } else {
        on_call_error(std::move(std::get<ocpp::CallError>(frame)));
    }
}

void Session::on_call(ocpp::Call call) {
    ctx_.metrics.message(MessageDirection::In, action_label(call.action), MessageType::Call);
    if (calls_in_.size() >= kMaxQueuedCalls) {
        // OCPP-J: a charger sends its next CALL only once the previous one is answered.
        ctx_.metrics.frame_error(FrameError::Overload);
        log_.warn("{} refused {} {}: {} CALLs already wait for their answer", prefix_, call.action, call.message_id,
                  calls_in_.size());
        send_frame(ocpp::serialize(make_call_error(call.message_id, ocpp::RpcError::GenericError, info_.version,
                                                   "too many CALLs awaiting their answer")),
                   action_label(call.action), MessageType::Error);
        return;
    }
    calls_in_.push_back(std::move(call));
    calls_in_signal_.cancel();
}

asio::awaitable<void> Session::process_calls([[maybe_unused]] std::shared_ptr<Session> self) {
    try {
        while (!closing_) {
            if (calls_in_.empty()) {
                calls_in_signal_.expires_at(asio::steady_timer::time_point::max());
                error_code ec;
                co_await calls_in_signal_.async_wait(asio::redirect_error(kAwait, ec));
                continue;
            }
            const auto call = std::move(calls_in_.front());
            calls_in_.pop_front();
            auto answer = co_await answer_call(ctx_.dispatcher, info_, call, log_);
            if (answer.frame_error) {
                ctx_.metrics.frame_error(*answer.frame_error);
                log_.info("{} refused {} {}: {}", prefix_, call.action, call.message_id,
                          frame_error_label(*answer.frame_error));
            }
            send_frame(std::move(answer.frame), action_label(call.action), answer.type);
        }
    } catch (const std::exception &e) {
        log_.error("{} CALL processing failed: {}", prefix_, e.what());
        start_close(CloseCode::InternalError, "internal error");
    }
}

void Session::on_call_result(ocpp::CallResult result) {
    const auto *pending = calls_out_->outstanding(result.message_id);
    if (!pending) {
        ctx_.metrics.message(MessageDirection::In, {}, MessageType::Result);
        ctx_.metrics.frame_error(FrameError::Unmatched);
        log_.info("{} dropped a CALLRESULT for no outstanding call ({})", prefix_, result.message_id);
        return;
    }
    const auto action = pending->action;
    ctx_.metrics.message(MessageDirection::In, action_label(action), MessageType::Result);
    if (ocpp::is_known_action(info_.version, action)) {
        if (auto violation = ocpp::validate(info_.version, action, ocpp::Direction::Response, result.payload)) {
            ctx_.metrics.frame_error(FrameError::InvalidResponse);
            auto description =
                fmt::format("invalid {} response at '{}': {}", action, violation->path, violation->description);
            log_.warn("{} {}", prefix_, description);
            calls_out_->complete(call_failure(CallFailure::InvalidResponse, std::move(description)));
            return;
        }
    }
    CallResponse response;
    response.payload = std::move(result.payload);
    calls_out_->complete(std::move(response));
}

void Session::on_call_error(ocpp::CallError error) {
    const auto *pending = calls_out_->outstanding(error.message_id);
    if (!pending) {
        ctx_.metrics.message(MessageDirection::In, {}, MessageType::Error);
        ctx_.metrics.frame_error(FrameError::Unmatched);
        log_.info("{} dropped a CALLERROR for no outstanding call ({}): {} {}", prefix_, error.message_id,
                  error.error_code, error.description);
        return;
    }
    ctx_.metrics.message(MessageDirection::In, action_label(pending->action), MessageType::Error);
    auto response =
        call_failure(CallFailure::CallError, fmt::format("{} refused by the charger: {} {}", pending->action,
                                                         error.error_code, error.description));
    response.call_error = std::move(error);
    calls_out_->complete(std::move(response));
}

void Session::send_frame(std::string frame, std::string_view action, MessageType type) {
    if (closing_ || !open_) {
        return;
    }
    if (writes_.size() >= kMaxQueuedWrites) {
        log_.warn("{} {} frames wait to be written: the charger does not read; closing", prefix_, writes_.size());
        start_close(CloseCode::PolicyViolation, "frames are not read");
        return;
    }
    ctx_.metrics.message(MessageDirection::Out, action, type);
    log_.debug("{} >> {}", prefix_, frame);
    writes_.push_back(std::move(frame));
    if (writes_.size() == 1) {
        write_next();
    }
}

void Session::write_next() {
    ws_->async_write(asio::buffer(writes_.front()), [self = shared_from_this()](error_code ec, std::size_t) {
        if (ec) {
            // The read loop sees the same failure and ends the connection.
            self->log_.debug("{} write failed: {}", self->prefix_, ec.message());
            self->writes_.clear();
            return;
        }
        self->writes_.pop_front();
        if (!self->writes_.empty()) {
            self->write_next();
        }
    });
}

void Session::start_close(CloseCode code, std::string reason) {
    if (closing_) {
        return;
    }
    closing_ = true;
    end_reason_ = std::move(reason);
    calls_in_signal_.cancel();
    if (!open_) {
        // Still in the HTTP or WebSocket handshake: drop the socket; the handshake fails.
        beast::get_lowest_layer(*ws_).close();
        return;
    }
    log_.info("{} closing with {}: {}", prefix_, static_cast<int>(code), end_reason_);
    if (writes_.size() > 1) {
        writes_.erase(writes_.begin() + 1, writes_.end()); // the front one is being written
    }
    ws_->async_close(close_reason(code, end_reason_), [self = shared_from_this()](error_code ec) {
        self->log_.debug("{} close handshake done: {}", self->prefix_, ec ? ec.message() : "ok");
    });
}

void Session::finish() {
    closing_ = true;
    calls_in_signal_.cancel();
    calls_in_.clear();
    if (!open_) {
        return;
    }
    calls_out_->close(CallFailure::ConnectionLost, "the connection ended: " + end_reason_);
    ctx_.registry.detach(info_.charge_point_id, info_.connection_id);
    ctx_.metrics.connection_closed(info_.version);
    log_.info("{} disconnected: {}", prefix_, end_reason_);
    try {
        ctx_.dispatcher.on_disconnected(info_, end_reason_);
    } catch (const std::exception &e) {
        log_.error("{} on_disconnected failed: {}", prefix_, e.what());
    }
}

} // namespace

void start_session(tcp::socket socket, std::shared_ptr<ServerContext> context) {
    auto session = std::make_shared<Session>(std::move(socket), std::move(context));
    auto strand = session->strand();
    asio::co_spawn(strand, session->run(session), asio::detached);
}

} // namespace manage::connect
