#pragma once
// One charger connection: optionally a TLS handshake, the HTTP upgrade (with the charger's
// credentials checked), then OCPP-J over a WebSocket. One implementation for both transports,
// templated over the stream under the WebSocket: beast::tcp_stream (ws://) or
// beast::ssl_stream<beast::tcp_stream> (wss://). Included only by session.cpp and tls_session.cpp,
// which instantiate it once each (the Beast code of connect lives in these two files).
//
// Everything here runs on the connection's strand: the read loop, the CALL processor, the write
// queue (Beast's chat-multi pattern: one async_write outstanding) and the server-initiated call queue.
#include "session.hpp"

#include "call_handler.hpp"
#include "call_queue.hpp"
#include "upgrade_request.hpp"

#include "manage/ocpp/validation.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>

#include <array>
#include <vector>

namespace manage::connect::detail {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using boost::system::error_code;
using tcp = asio::ip::tcp;

// What differs between the transports, specialised next to each instantiation:
//   static constexpr bool kTls;
//   static asio::awaitable<error_code> handshake(Stream &);  // TLS handshake (none for plain TCP)
//   static std::optional<std::string> client_certificate_cn(Stream &);
template <class Stream> struct StreamTraits;

inline constexpr auto kAwait = asio::use_awaitable;

// Control frames carry at most 125 bytes: the close code and a reason of up to 123.
inline websocket::close_reason close_reason(CloseCode code, std::string_view reason) {
    return websocket::close_reason(static_cast<websocket::close_code>(code), reason.substr(0, 123));
}

inline std::string remote_address(const tcp::socket &socket) {
    error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    return ec ? std::string("unknown") : fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
}

template <class Stream> class Session final : public Connection, public std::enable_shared_from_this<Session<Stream>> {
public:
    // `stream_args` follow the socket into Stream's constructor (the TLS context for TLS), and
    // `keep_alive` holds what they refer to.
    template <class... StreamArgs>
    Session(tcp::socket socket, std::shared_ptr<ServerContext> context, std::shared_ptr<void> keep_alive,
            StreamArgs &&...stream_args)
        : context_(std::move(context)), ctx_(*context_), log_(*ctx_.log), keep_alive_(std::move(keep_alive)),
          strand_(socket.get_executor()) {
        info_.remote_address = remote_address(socket);
        info_.connection_id = ctx_.next_connection_id.fetch_add(1);
        prefix_ = fmt::format("[remote={}]", info_.remote_address);
        ws_.emplace(std::move(socket), std::forward<StreamArgs>(stream_args)...);
    }

    // The coroutine serving the connection; `self` keeps the session alive until it ends.
    asio::awaitable<void> run(std::shared_ptr<Session> self);
    const asio::any_io_executor &strand() const { return strand_; }

    const ConnectionInfo &info() const override { return info_; }

    void send_call(ocpp::Call call, CallCompletion done) override {
        asio::post(strand_,
                   [self = this->shared_from_this(), call = std::move(call), done = std::move(done)]() mutable {
                       if (!self->calls_out_) {
                           done(call_failure(CallFailure::NotConnected, "the charger is not connected"));
                           return;
                       }
                       self->calls_out_->push(std::move(call), std::move(done));
                   });
    }

    void close(CloseCode code, std::string reason) override {
        asio::post(strand_, [self = this->shared_from_this(), code, reason = std::move(reason)]() mutable {
            self->start_close(code, std::move(reason));
        });
    }

private:
    asio::awaitable<bool> accept_upgrade();
    asio::awaitable<UpgradeVerdict> authenticate(const http::request<http::empty_body> &request);
    asio::awaitable<void> refuse(unsigned status, const std::string &reason, unsigned http_version,
                                 unsigned retry_after_s = 0);
    void configure_websocket();
    void open();
    void start_read();
    void read_some();
    void on_read(error_code ec);
    asio::awaitable<void> process_calls(std::shared_ptr<Session> self);
    void end();
    void on_text(std::string_view text);
    void on_call(ocpp::Call call);
    void on_call_result(ocpp::CallResult result);
    void on_call_error(ocpp::CallError error);
    void on_read_error(error_code ec);
    // What the message log records of a frame we send; `action` is the action as called (not the label).
    struct Outgoing {
        std::string_view message_id;
        std::string_view action;
        std::optional<std::chrono::microseconds> response_time;
    };
    void send_frame(std::string frame, std::string_view action, MessageType type, const Outgoing &logged);
    void observe_incoming(std::string_view text, const std::variant<ocpp::Frame, ocpp::FrameProblem> &parsed);
    void observe(FrameDirection direction, FrameKind kind, std::string_view message_id, std::string_view action,
                 std::string_view text, std::optional<std::chrono::microseconds> response_time);
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
    std::shared_ptr<void> keep_alive_;
    asio::any_io_executor strand_;
    std::optional<websocket::stream<Stream>> ws_;
    std::optional<std::string> client_certificate_cn_; // verified, over TLS
    ConnectionInfo info_;
    std::string prefix_; // "[charger=<id>]" once known, "[remote=<address>]" before

    bool open_ = false;    // the WebSocket is up and the charger registered
    bool closing_ = false; // a close was started or the connection ended: nothing more is sent
    std::string end_reason_;

    // Memory per idle connection matters (docs/performance.md): no deque (libstdc++ allocates one
    // on construction), no coroutine frame while idle (reads are plain handlers, the CALL processor
    // runs only while there are CALLs), one read buffer reused across messages.
    beast::flat_buffer read_buffer_;     // the message being read; empty (no allocation) while idle
    std::array<char, 64> first_bytes_{}; // an idle connection waits for a message's first bytes here
    std::string writing_;                // the frame being written, if writing_now_
    bool writing_now_ = false;
    std::vector<std::string> writes_; // frames waiting to be written, in order
    struct IncomingCall {
        ocpp::Call call;
        std::chrono::steady_clock::time_point received;
    };
    std::vector<IncomingCall> calls_in_;                   // the charger's CALLs, answered in order
    bool processing_calls_ = false;                        // process_calls is running
    std::chrono::steady_clock::time_point call_sent_at_{}; // when our outstanding CALL went out
    std::shared_ptr<CallQueue> calls_out_;
};

template <class Stream> asio::awaitable<void> Session<Stream>::run(std::shared_ptr<Session> self) {
    ctx_.registry.track(info_.connection_id, self);
    try {
        // stop() marks the server stopping before it closes what it tracks: one of the two sees this one.
        if (!ctx_.stopping && co_await accept_upgrade()) {
            open();
            if (!closing_) {
                // From here on the pending read's handler keeps the session alive, and end() ends it.
                start_read();
                co_return;
            }
        }
    } catch (const std::exception &e) {
        log_.error("{} connection failed: {}", prefix_, e.what());
        start_close(CloseCode::InternalError, "internal error");
    }
    end();
}

template <class Stream> void Session<Stream>::end() {
    try {
        finish();
    } catch (const std::exception &e) {
        log_.error("{} ending the connection failed: {}", prefix_, e.what());
    }
    ctx_.registry.untrack(info_.connection_id);
}

template <class Stream> asio::awaitable<bool> Session<Stream>::accept_upgrade() {
    auto &tcp_stream = beast::get_lowest_layer(*ws_);
    // One budget for the TLS handshake and the HTTP request.
    tcp_stream.expires_after(ctx_.options.handshake_timeout);
    error_code ec;
    if constexpr (StreamTraits<Stream>::kTls) {
        ec = co_await StreamTraits<Stream>::handshake(ws_->next_layer());
        if (ec) {
            log_.info("{} TLS handshake failed: {}", prefix_, ec.message());
            co_return false;
        }
        client_certificate_cn_ = StreamTraits<Stream>::client_certificate_cn(ws_->next_layer());
    }
    beast::flat_buffer buffer;
    http::request_parser<http::empty_body> parser;
    parser.header_limit(kMaxHandshakeBytes);
    co_await http::async_read(ws_->next_layer(), buffer, parser, asio::redirect_error(kAwait, ec));
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
        co_await refuse(decision.http_status, decision.reason, request.version());
        co_return false;
    }
    info_.charge_point_id = decision.charge_point_id;
    info_.version = decision.version;
    if (closing_) {
        co_return false;
    }
    const auto verdict = co_await authenticate(request);
    if (closing_) {
        co_return false;
    }
    if (!verdict.allowed()) {
        log_.warn("[charger={}] refused from {}: HTTP {} {}{}{}", info_.charge_point_id, info_.remote_address,
                  verdict.http_status, verdict.reason, verdict.detail.empty() ? "" : ": ", verdict.detail);
        co_await refuse(verdict.http_status, verdict.reason, request.version(), verdict.retry_after_s);
        co_return false;
    }

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

// Asks the authenticator, if there is one; its failure is a refusal (500), never an upgrade.
template <class Stream>
asio::awaitable<UpgradeVerdict> Session<Stream>::authenticate(const http::request<http::empty_body> &request) {
    if (!ctx_.authenticator) {
        co_return UpgradeVerdict::allow();
    }
    UpgradeCredentials credentials;
    credentials.charge_point_id = info_.charge_point_id;
    if (const auto header = request.find(http::field::authorization); header != request.end()) {
        credentials.basic = parse_basic_authorization(header->value(), info_.charge_point_id);
    }
    credentials.tls = StreamTraits<Stream>::kTls;
    credentials.client_certificate_cn = client_certificate_cn_;
    credentials.remote_address = info_.remote_address;
    std::string failure;
    try {
        co_return co_await ctx_.authenticator->authenticate(credentials);
    } catch (const std::exception &e) {
        failure = e.what();
    }
    co_return UpgradeVerdict::refuse(500, "internal error", "the authenticator failed: " + failure);
}

template <class Stream>
asio::awaitable<void> Session<Stream>::refuse(unsigned status, const std::string &reason, unsigned http_version,
                                              unsigned retry_after_s) {
    http::response<http::string_body> response{static_cast<http::status>(status), http_version};
    response.set(http::field::server, "manage");
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    if (status == 426) {
        response.set(http::field::upgrade, "websocket");
    }
    if (status == 401) {
        response.set(http::field::www_authenticate, R"(Basic realm="manage", charset="UTF-8")");
    }
    if (retry_after_s > 0) {
        response.set(http::field::retry_after, std::to_string(retry_after_s));
    }
    response.keep_alive(false);
    response.body() = reason + "\n";
    response.prepare_payload();
    error_code ec;
    co_await http::async_write(ws_->next_layer(), response, asio::redirect_error(kAwait, ec));
    // Over TLS too, only the TCP send side is shut: a TLS close_notify exchange would wait on the
    // client, and the response's Content-Length already tells it where the answer ends.
    beast::get_lowest_layer(*ws_).socket().shutdown(tcp::socket::shutdown_send, ec);
}

template <class Stream> void Session<Stream>::configure_websocket() {
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

template <class Stream> void Session<Stream>::open() {
    open_ = true;
    calls_out_ =
        CallQueue::create(strand_, ctx_.options.call_timeout, [weak = this->weak_from_this()](const ocpp::Call &call) {
            if (auto self = weak.lock()) {
                self->call_sent_at_ = std::chrono::steady_clock::now();
                self->send_frame(ocpp::serialize(call), call.action, MessageType::Call,
                                 Outgoing{call.message_id, call.action, std::nullopt});
            }
        });
    auto self = this->shared_from_this();
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
}

// One message at a time, read piecewise so that one over max_frame_bytes is caught while the
// stream is still healthy and can be closed with a proper closing handshake.
template <class Stream> void Session<Stream>::start_read() {
    read_buffer_.consume(read_buffer_.size());
    read_buffer_.shrink_to_fit(); // nothing held while the connection is idle
    read_some();
}

template <class Stream> void Session<Stream>::read_some() {
    if (read_buffer_.size() == 0) {
        // A dynamic buffer would hold a whole frame's worth of memory for the idle time.
        ws_->async_read_some(
            asio::buffer(first_bytes_), [self = this->shared_from_this()](error_code ec, std::size_t bytes) {
                if (!ec)
                    self->read_buffer_.commit(asio::buffer_copy(self->read_buffer_.prepare(bytes),
                                                                asio::buffer(self->first_bytes_.data(), bytes)));
                self->on_read(ec);
            });
        return;
    }
    const auto limit = ctx_.options.max_frame_bytes + 1 - read_buffer_.size();
    ws_->async_read_some(read_buffer_, limit,
                         [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_read(ec); });
}

template <class Stream> void Session<Stream>::on_read(error_code ec) {
    try {
        const auto max_bytes = ctx_.options.max_frame_bytes;
        if (ec) {
            on_read_error(ec);
            end();
            return;
        }
        if (read_buffer_.size() > max_bytes) {
            ctx_.metrics.frame_error(FrameError::TooBig);
            log_.warn("{} sent a message over {} bytes: closing with 1009", prefix_, max_bytes);
            start_close(CloseCode::TooBig, fmt::format("message over {} bytes", max_bytes));
            end();
            return;
        }
        if (!ws_->is_message_done()) {
            read_some();
            return;
        }
        if (!ws_->got_text()) {
            ctx_.metrics.frame_error(FrameError::Binary);
            log_.warn("{} sent a binary frame: closing with 1003", prefix_);
            start_close(CloseCode::UnsupportedData, "OCPP-J accepts text frames only");
            end();
            return;
        }
        on_text(std::string_view(static_cast<const char *>(read_buffer_.data().data()), read_buffer_.size()));
        if (closing_) {
            end();
            return;
        }
        start_read();
    } catch (const std::exception &e) {
        log_.error("{} connection failed: {}", prefix_, e.what());
        start_close(CloseCode::InternalError, "internal error");
        end();
    }
}

template <class Stream> void Session<Stream>::on_read_error(error_code ec) {
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

template <class Stream> void Session<Stream>::on_text(std::string_view text) {
    log_.debug("{} << {}", prefix_, text);
    auto parsed = ocpp::parse_frame(text, info_.version);
    observe_incoming(text, parsed);
    if (auto *problem = std::get_if<ocpp::FrameProblem>(&parsed)) {
        ctx_.metrics.frame_error(FrameError::Malformed);
        if (problem->message_id) {
            log_.info("{} malformed message {}: {}", prefix_, *problem->message_id, problem->description);
            send_frame(ocpp::serialize(
                           make_call_error(*problem->message_id, problem->error, info_.version, problem->description)),
                       {}, MessageType::Error, Outgoing{*problem->message_id, {}, std::nullopt});
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

template <class Stream>
void Session<Stream>::observe_incoming(std::string_view text,
                                       const std::variant<ocpp::Frame, ocpp::FrameProblem> &parsed) {
    if (!ctx_.options.frame_observer)
        return;
    if (const auto *problem = std::get_if<ocpp::FrameProblem>(&parsed)) {
        observe(FrameDirection::FromCharger, FrameKind::Malformed, problem->message_id.value_or(""), {}, text,
                std::nullopt);
        return;
    }
    const auto &frame = std::get<ocpp::Frame>(parsed);
    if (const auto *call = std::get_if<ocpp::Call>(&frame)) {
        observe(FrameDirection::FromCharger, FrameKind::Call, call->message_id, call->action, text, std::nullopt);
        return;
    }
    // An answer to our CALL: the action and the response time are those of the outstanding call.
    const bool is_result = std::holds_alternative<ocpp::CallResult>(frame);
    const auto &message_id =
        is_result ? std::get<ocpp::CallResult>(frame).message_id : std::get<ocpp::CallError>(frame).message_id;
    const auto *pending = calls_out_->outstanding(message_id);
    std::optional<std::chrono::microseconds> response_time;
    if (pending)
        response_time =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - call_sent_at_);
    observe(FrameDirection::FromCharger, is_result ? FrameKind::CallResult : FrameKind::CallError, message_id,
            pending ? std::string_view(pending->action) : std::string_view{}, text, response_time);
}

template <class Stream>
void Session<Stream>::observe(FrameDirection direction, FrameKind kind, std::string_view message_id,
                              std::string_view action, std::string_view text,
                              std::optional<std::chrono::microseconds> response_time) {
    if (!ctx_.options.frame_observer)
        return;
    try {
        ctx_.options.frame_observer->on_frame(FrameRecord{std::chrono::system_clock::now(), info_.charge_point_id,
                                                          direction, kind, std::string(message_id), std::string(action),
                                                          std::string(text), response_time});
    } catch (const std::exception &e) {
        log_.error("{} the frame observer failed: {}", prefix_, e.what());
    }
}

template <class Stream> void Session<Stream>::on_call(ocpp::Call call) {
    ctx_.metrics.message(MessageDirection::In, action_label(call.action), MessageType::Call);
    if (calls_in_.size() >= kMaxQueuedCalls) {
        // OCPP-J: a charger sends its next CALL only once the previous one is answered.
        ctx_.metrics.frame_error(FrameError::Overload);
        log_.warn("{} refused {} {}: {} CALLs already wait for their answer", prefix_, call.action, call.message_id,
                  calls_in_.size());
        send_frame(ocpp::serialize(make_call_error(call.message_id, ocpp::RpcError::GenericError, info_.version,
                                                   "too many CALLs awaiting their answer")),
                   action_label(call.action), MessageType::Error,
                   Outgoing{call.message_id, call.action, std::chrono::microseconds(0)});
        return;
    }
    calls_in_.push_back(IncomingCall{std::move(call), std::chrono::steady_clock::now()});
    if (!processing_calls_) {
        processing_calls_ = true;
        asio::co_spawn(strand_, process_calls(this->shared_from_this()), asio::detached);
    }
}

template <class Stream>
asio::awaitable<void> Session<Stream>::process_calls([[maybe_unused]] std::shared_ptr<Session> self) {
    try {
        while (!closing_) {
            if (calls_in_.empty()) {
                break;
            }
            const auto incoming = std::move(calls_in_.front());
            calls_in_.erase(calls_in_.begin());
            const auto &call = incoming.call;
            auto answer = co_await answer_call(ctx_.dispatcher, info_, call, log_);
            if (answer.frame_error) {
                ctx_.metrics.frame_error(*answer.frame_error);
                log_.info("{} refused {} {}: {}", prefix_, call.action, call.message_id,
                          frame_error_label(*answer.frame_error));
            }
            const auto response_time = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - incoming.received);
            send_frame(std::move(answer.frame), action_label(call.action), answer.type,
                       Outgoing{call.message_id, call.action, response_time});
        }
    } catch (const std::exception &e) {
        log_.error("{} CALL processing failed: {}", prefix_, e.what());
        start_close(CloseCode::InternalError, "internal error");
    }
    processing_calls_ = false;
}

template <class Stream> void Session<Stream>::on_call_result(ocpp::CallResult result) {
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

template <class Stream> void Session<Stream>::on_call_error(ocpp::CallError error) {
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

template <class Stream>
void Session<Stream>::send_frame(std::string frame, std::string_view action, MessageType type, const Outgoing &logged) {
    if (closing_ || !open_) {
        return;
    }
    if (writes_.size() + (writing_now_ ? 1 : 0) >= kMaxQueuedWrites) {
        log_.warn("{} {} frames wait to be written: the charger does not read; closing", prefix_, writes_.size());
        start_close(CloseCode::PolicyViolation, "frames are not read");
        return;
    }
    observe(FrameDirection::ToCharger,
            type == MessageType::Call     ? FrameKind::Call
            : type == MessageType::Result ? FrameKind::CallResult
                                          : FrameKind::CallError,
            logged.message_id, logged.action, frame, logged.response_time);
    ctx_.metrics.message(MessageDirection::Out, action, type);
    log_.debug("{} >> {}", prefix_, frame);
    writes_.push_back(std::move(frame));
    if (!writing_now_) {
        write_next();
    }
}

template <class Stream> void Session<Stream>::write_next() {
    writing_ = std::move(writes_.front());
    writes_.erase(writes_.begin());
    writing_now_ = true;
    ws_->async_write(asio::buffer(writing_), [self = this->shared_from_this()](error_code ec, std::size_t) {
        self->writing_now_ = false;
        self->writing_.clear();
        self->writing_.shrink_to_fit();
        if (ec) {
            // The pending read sees the same failure and ends the connection.
            self->log_.debug("{} write failed: {}", self->prefix_, ec.message());
            self->writes_.clear();
            return;
        }
        if (!self->writes_.empty()) {
            self->write_next();
        }
    });
}

template <class Stream> void Session<Stream>::start_close(CloseCode code, std::string reason) {
    if (closing_) {
        return;
    }
    closing_ = true;
    end_reason_ = std::move(reason);
    if (!open_) {
        // Still in the HTTP or WebSocket handshake: drop the socket; the handshake fails.
        beast::get_lowest_layer(*ws_).close();
        return;
    }
    log_.info("{} closing with {}: {}", prefix_, static_cast<int>(code), end_reason_);
    writes_.clear(); // a frame being written (writing_) completes
    ws_->async_close(close_reason(code, end_reason_), [self = this->shared_from_this()](error_code ec) {
        self->log_.debug("{} close handshake done: {}", self->prefix_, ec ? ec.message() : "ok");
    });
}

template <class Stream> void Session<Stream>::finish() {
    closing_ = true;
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

} // namespace manage::connect::detail
