// The one translation unit that includes Beast: reading requests and writing responses.
#include "exchange.hpp"
#include "server_core.hpp"

#include "manage/common/ids.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

namespace manage::infra::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using boost::system::error_code;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// After refusing a request, read what the client still sends for a while before closing, so that
// the refusal is not lost to a reset.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kMaxLingerBytes = 1024 * 1024;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool is_token(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isalnum(c) ||
               std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    });
}

// Handlers' headers go out unless they would break the framing or smuggle in another header.
bool is_settable(const std::string &name, const std::string &value) {
    const auto lowered = lower(name);
    return is_token(name) && value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos &&
           lowered != "content-length" && lowered != "transfer-encoding" && lowered != "connection";
}

Request to_request(BeastRequest &&message, const std::string &remote_address) {
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto &field : message) {
        auto [it, inserted] = request.headers.try_emplace(lower(field.name_string()), field.value());
        if (!inserted)
            it->second.append(", ").append(field.value());
    }
    request.body = std::move(message.body());
    request.remote_address = remote_address;
    return request;
}

BeastResponse to_message(Response &&response, unsigned version, bool keep_alive) {
    BeastResponse message;
    message.version(version);
    message.result(static_cast<unsigned>(response.status));
    for (const auto &[name, value] : response.headers)
        if (is_settable(name, value))
            message.set(name, value);
    const bool bodiless = response.status == 204 || response.status == 304;
    if (!bodiless && !response.body.empty()) {
        message.set(bhttp::field::content_type, response.content_type);
        message.body() = std::move(response.body);
    }
    message.keep_alive(keep_alive);
    message.prepare_payload();
    return message;
}

// Errors after which the client is owed an answer; the others (end of stream, timeout, reset,
// cancellation) just close.
bool is_protocol_error(const error_code &ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

class BeastConnection final : public Connection, public std::enable_shared_from_this<BeastConnection> {
public:
    BeastConnection(std::shared_ptr<ServerCore> core, tcp::socket socket)
        : core_(std::move(core)), stream_(std::move(socket)) {
        error_code ec;
        remote_address_ = stream_.socket().remote_endpoint(ec).address().to_string();
    }

    void shutdown() override {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            self->stopping_ = true;
            if (self->body_stream_)
                self->body_stream_->close();
            else if (!self->busy_)
                self->stream_.cancel();
        });
    }

    asio::any_io_executor executor() { return stream_.get_executor(); }
    // `self` keeps the connection alive while it runs.
    asio::awaitable<void> run(std::shared_ptr<BeastConnection> self, std::uint64_t id);

private:
    enum class Next { keep_alive, close, linger };

    asio::awaitable<Next> serve_one();
    asio::awaitable<Next> answer(BeastRequest &&message);
    asio::awaitable<Next> refuse(int status, std::string code, std::string message, Exchange &exchange);
    asio::awaitable<Next> refuse_body(Exchange &exchange) {
        const auto limit = std::to_string(core_->options.max_body_bytes);
        co_return co_await refuse(413, "payload_too_large", "the request body exceeds " + limit + " bytes", exchange);
    }
    asio::awaitable<bool> write(Response &&response, unsigned version, bool keep_alive, Exchange &exchange);
    asio::awaitable<Next> write_stream(Response &&response, unsigned version, Exchange &exchange);
    asio::awaitable<void> watch_peer(std::shared_ptr<BeastConnection> self);
    asio::awaitable<void> linger();
    void close();

    std::chrono::seconds idle_timeout() const {
        return std::chrono::seconds(std::max(1, core_->options.idle_timeout_s));
    }
    Exchange new_exchange(std::string method) const {
        return Exchange{std::move(method), {}, {}, {}, remote_address_, 0, 0, std::chrono::steady_clock::now()};
    }

    std::shared_ptr<ServerCore> core_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::string remote_address_;
    bool busy_ = false;                           // between a request's header and its response
    bool stopping_ = false;                       // both only touched on the connection's strand
    std::shared_ptr<ResponseStream> body_stream_; // while a streamed body is being written; on the strand too
};

asio::awaitable<void> BeastConnection::run([[maybe_unused]] std::shared_ptr<BeastConnection> self, std::uint64_t id) {
    struct Deregister {
        ServerCore &core;
        std::uint64_t id;
        ~Deregister() { core.remove(id); }
    } deregister{*core_, id};
    auto next = Next::keep_alive;
    while (next == Next::keep_alive && !stopping_)
        next = co_await serve_one();
    busy_ = false; // stop() may cut lingering short
    if (next == Next::linger && !stopping_)
        co_await linger();
    close();
}

asio::awaitable<BeastConnection::Next> BeastConnection::serve_one() {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(core_->options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser.body_limit(core_->options.max_body_bytes);
    busy_ = false;
    stream_.expires_after(idle_timeout());
    error_code ec;
    co_await bhttp::async_read_header(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec && !is_protocol_error(ec))
        co_return Next::close;
    busy_ = true;
    // What the parser got of the start line, even when the header as a whole was refused.
    auto exchange = new_exchange(std::string(parser.get().method_string()));
    exchange.target = std::string(parser.get().target());
    // Beast refuses a Content-Length over the body limit while reading the header.
    if (ec == bhttp::error::body_limit)
        co_return co_await refuse_body(exchange);
    if (ec == bhttp::error::header_limit)
        co_return co_await refuse(431, "headers_too_large", "the request header is too large", exchange);
    if (ec)
        co_return co_await refuse(400, "bad_request", "malformed HTTP request: " + ec.message(), exchange);
    if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
        co_await bhttp::async_write(stream_, go_on, asio::redirect_error(asio::use_awaitable, ec));
    }
    stream_.expires_after(idle_timeout());
    if (!ec)
        co_await bhttp::async_read(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == bhttp::error::body_limit)
        co_return co_await refuse_body(exchange);
    if (ec && is_protocol_error(ec))
        co_return co_await refuse(400, "bad_request", "malformed HTTP request: " + ec.message(), exchange);
    if (ec)
        co_return Next::close;
    co_return co_await answer(parser.release());
}

asio::awaitable<BeastConnection::Next> BeastConnection::answer(BeastRequest &&message) {
    auto exchange = new_exchange(std::string(message.method_string()));
    const auto version = message.version();
    const bool keep_alive = message.keep_alive();
    Request request = to_request(std::move(message), remote_address_);
    Response response = co_await handle(*core_, request);
    exchange.target = request.target;
    exchange.route = request.route;
    exchange.request_id = request.request_id;
    if (response.stream)
        co_return co_await write_stream(std::move(response), version, exchange);
    const bool keep = keep_alive && !stopping_;
    const bool written = co_await write(std::move(response), version, keep, exchange);
    co_return (written && keep) ? Next::keep_alive : Next::close;
}

asio::awaitable<BeastConnection::Next> BeastConnection::refuse(int status, std::string code, std::string message,
                                                               Exchange &exchange) {
    exchange.request_id = new_short_id();
    auto response = error_response(status, code, message);
    response.headers["X-Request-Id"] = exchange.request_id;
    co_await write(std::move(response), 11, false, exchange);
    co_return Next::linger;
}

asio::awaitable<bool> BeastConnection::write(Response &&response, unsigned version, bool keep_alive,
                                             Exchange &exchange) {
    exchange.status = response.status;
    exchange.bytes = response.body.size();
    auto message = to_message(std::move(response), version, keep_alive);
    // Recorded before writing, so that a client holding the response finds it in the log and metrics.
    record(*core_, exchange);
    stream_.expires_after(idle_timeout());
    error_code ec;
    co_await bhttp::async_write(stream_, message, asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec;
}

// The header without a length (the body ends when the connection closes, as HTTP/1.0 clients expect
// too), then every piece the stream yields. A reader beside the writer notices the client going away
// while the stream has nothing to say.
asio::awaitable<BeastConnection::Next> BeastConnection::write_stream(Response &&response, unsigned version,
                                                                     Exchange &exchange) {
    body_stream_ = std::move(response.stream);
    exchange.status = response.status;
    record(*core_, exchange);
    if (stopping_)
        body_stream_->close();
    bhttp::response<bhttp::empty_body> header{static_cast<bhttp::status>(response.status), version};
    for (const auto &[name, value] : response.headers)
        if (is_settable(name, value))
            header.set(name, value);
    header.set(bhttp::field::content_type, response.content_type);
    header.set(bhttp::field::cache_control, "no-cache");
    header.keep_alive(false);
    stream_.expires_after(idle_timeout());
    error_code ec;
    co_await bhttp::async_write(stream_, header, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec)
        asio::co_spawn(stream_.get_executor(), watch_peer(shared_from_this()), asio::detached);
    while (!ec) {
        auto piece = co_await body_stream_->next();
        if (!piece)
            break;
        // A client that stops reading holds the writer at most this long before it is dropped.
        stream_.expires_after(idle_timeout());
        co_await asio::async_write(stream_, asio::buffer(*piece), asio::redirect_error(asio::use_awaitable, ec));
    }
    body_stream_->close();
    body_stream_.reset();
    co_return Next::close;
}

// Reads (and drops) what the client sends after its request until it closes or the connection does.
asio::awaitable<void> BeastConnection::watch_peer(std::shared_ptr<BeastConnection> self) {
    std::array<char, 512> scratch{};
    error_code ec;
    while (!ec)
        co_await stream_.socket().async_read_some(asio::buffer(scratch), asio::redirect_error(asio::use_awaitable, ec));
    if (self->body_stream_)
        self->body_stream_->close();
}

asio::awaitable<void> BeastConnection::linger() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTime);
    std::array<char, 4096> scratch{};
    std::size_t drained = 0;
    while (!ec && drained < kMaxLingerBytes) {
        const auto n =
            co_await stream_.async_read_some(asio::buffer(scratch), asio::redirect_error(asio::use_awaitable, ec));
        drained += n;
    }
}

void BeastConnection::close() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
}

} // namespace

void serve_connection(const std::shared_ptr<ServerCore> &core, tcp::socket socket) {
    auto connection = std::make_shared<BeastConnection>(core, std::move(socket));
    const auto id = core->add(connection);
    if (!id)
        return; // stopping: the socket closes with the connection
    asio::co_spawn(connection->executor(), connection->run(connection, *id),
                   [log = core->log](std::exception_ptr e) { log_exception(*log, e, "an HTTP connection"); });
}

} // namespace manage::infra::http
