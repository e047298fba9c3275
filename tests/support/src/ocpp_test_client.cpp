#include "manage/testing/ocpp_test_client.hpp"

#include "manage/common/asio.hpp"
#include "manage/common/ids.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <openssl/ssl.h>

#include <cctype>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace manage::testing {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using boost::system::error_code;

constexpr auto kAwait = asio::use_awaitable;

std::string percent_encode(const std::string &text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0x0F]);
        }
    }
    return out;
}

std::string base64_encode(std::string_view data) {
    static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < data.size(); i += 3) {
        const auto byte = [&](std::size_t j) -> std::uint32_t {
            return j < data.size() ? static_cast<unsigned char>(data[j]) : 0U;
        };
        const std::uint32_t group = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out.push_back(kDigits[(group >> 18) & 0x3F]);
        out.push_back(kDigits[(group >> 12) & 0x3F]);
        out.push_back(i + 1 < data.size() ? kDigits[(group >> 6) & 0x3F] : '=');
        out.push_back(i + 2 < data.size() ? kDigits[group & 0x3F] : '=');
    }
    return out;
}

std::string join(const std::vector<std::string> &items) {
    std::string out;
    for (const auto &item : items) {
        out += out.empty() ? item : ", " + item;
    }
    return out;
}

} // namespace

struct OcppTestClient::Impl {
    explicit Impl(OcppTestClientOptions options_) : options(options_) {}

    ~Impl() {
        asio::post(io, [this] { drop(); });
        work.reset();
        thread.join();
    }

    // I/O thread only.
    void drop() {
        with_ws([](auto &stream) {
            error_code ec;
            beast::get_lowest_layer(stream).socket().close(ec);
        });
    }

    // Runs `f` on the WebSocket stream, whichever transport it has; nothing before connect().
    template <class F> void with_ws(F &&f) {
        if (ws) {
            f(*ws);
        } else if (tls_ws) {
            f(*tls_ws);
        }
    }

    asio::awaitable<Handshake> handshake(std::uint16_t port, std::string target, std::vector<std::string> offers);
    template <class Ws>
    asio::awaitable<Handshake> handshake_on(Ws &stream, std::uint16_t port, std::string target,
                                            std::vector<std::string> offers);
    template <class Ws> asio::awaitable<void> read_loop(Ws &stream);
    void on_frame(std::string text);
    void send(std::string data, bool binary);
    void write_next();
    void ended(CloseInfo info);

    template <class Predicate>
    bool wait(std::unique_lock<std::mutex> &lock, std::optional<std::chrono::milliseconds> timeout,
              Predicate predicate) {
        return changed.wait_for(lock, timeout.value_or(options.timeout), predicate);
    }

    OcppTestClientOptions options;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);

    // Owned by the I/O thread.
    std::optional<websocket::stream<beast::tcp_stream>> ws; // plain, or
    std::optional<asio::ssl::context> ssl;
    std::optional<websocket::stream<beast::ssl_stream<beast::tcp_stream>>> tls_ws; // over TLS
    std::deque<std::pair<std::string, bool>> writes;                               // text or binary

    // Shared with the test thread, under `mutex`.
    mutable std::mutex mutex;
    std::condition_variable changed;
    bool open = false;
    std::optional<CloseInfo> closed;
    ocpp::Version version = ocpp::Version::v16;
    std::deque<std::string> frames;
    std::map<std::string, std::optional<CallAnswer>> answers; // by the message id of our CALL
    CallHandler handler;
    std::size_t pings = 0;

    std::thread thread{[this] { io.run(); }}; // last: starts once everything above exists
};

asio::awaitable<Handshake> OcppTestClient::Impl::handshake(std::uint16_t port, std::string target,
                                                           std::vector<std::string> offers) {
    if (!options.tls) {
        ws.emplace(io);
        co_return co_await handshake_on(*ws, port, std::move(target), std::move(offers));
    }
    Handshake failed;
    const auto &tls = *options.tls;
    ssl.emplace(asio::ssl::context::tls_client);
    error_code ec;
    ssl->set_verify_mode(asio::ssl::verify_peer);
    ssl->load_verify_file(tls.ca_certificate.string(), ec);
    if (!ec && !tls.certificate.empty()) {
        ssl->use_certificate_chain_file(tls.certificate.string(), ec);
        if (!ec) {
            ssl->use_private_key_file(tls.private_key.string(), asio::ssl::context::pem, ec);
        }
    }
    if (ec) {
        failed.error = "tls: loading the test certificates: " + ec.message();
        co_return failed;
    }
    tls_ws.emplace(io, *ssl);
    auto &stream = tls_ws->next_layer();
    stream.set_verify_callback(asio::ssl::host_name_verification(tls.server_name));
    if (SSL_set_tlsext_host_name(stream.native_handle(), tls.server_name.c_str()) != 1) {
        failed.error = "tls: cannot set SNI";
        co_return failed;
    }
    co_return co_await handshake_on(*tls_ws, port, std::move(target), std::move(offers));
}

template <class Ws>
asio::awaitable<Handshake> OcppTestClient::Impl::handshake_on(Ws &stream, std::uint16_t port, std::string target,
                                                              std::vector<std::string> offers) {
    Handshake result;
    error_code ec;
    co_await beast::get_lowest_layer(stream).async_connect(
        asio::ip::tcp::endpoint(asio::ip::address_v4::loopback(), port), asio::redirect_error(kAwait, ec));
    if (ec) {
        result.error = "connect: " + ec.message();
        co_return result;
    }
    if constexpr (!std::is_same_v<Ws, websocket::stream<beast::tcp_stream>>) {
        co_await stream.next_layer().async_handshake(asio::ssl::stream_base::client, asio::redirect_error(kAwait, ec));
        if (ec) {
            result.error = "tls: " + ec.message();
            co_return result;
        }
    }
    std::string authorization;
    if (options.basic_auth) {
        authorization = "Basic " + base64_encode(options.basic_auth->username + ":" + options.basic_auth->password);
    }
    stream.set_option(
        websocket::stream_base::decorator([header = join(offers), authorization](websocket::request_type &request) {
            if (!header.empty()) {
                request.set(http::field::sec_websocket_protocol, header);
            }
            if (!authorization.empty()) {
                request.set(http::field::authorization, authorization);
            }
        }));
    stream.control_callback([this](websocket::frame_type kind, std::string_view) {
        if (kind == websocket::frame_type::ping) {
            std::lock_guard lock(mutex);
            ++pings;
        }
    });
    websocket::response_type response;
    // A named local, not a temporary in the co_await expression: GCC 12 mishandles some of those.
    const auto host = "127.0.0.1:" + std::to_string(port);
    co_await stream.async_handshake(response, host, target, asio::redirect_error(kAwait, ec));
    // Beast fills `response` only when an HTTP answer arrived: the handshake then succeeded or failed
    // with one of its websocket errors (upgrade_declined, …), not with a transport or TLS error.
    const bool answered = !ec || ec.category() == make_error_code(websocket::error::upgrade_declined).category();
    if (answered) {
        result.http_status = response.result_int();
        result.subprotocol = std::string(response[http::field::sec_websocket_protocol]);
        result.www_authenticate = std::string(response[http::field::www_authenticate]);
        result.retry_after = std::string(response[http::field::retry_after]);
    }
    if (ec) {
        result.error = "handshake: " + ec.message();
        co_return result;
    }
    result.upgraded = true;
    {
        std::lock_guard lock(mutex);
        open = true;
        version = ocpp::version_from_subprotocol(result.subprotocol).value_or(ocpp::Version::v16);
    }
    if (!options.silent) {
        asio::co_spawn(io, read_loop(stream), asio::detached);
    }
    co_return result;
}

template <class Ws> asio::awaitable<void> OcppTestClient::Impl::read_loop(Ws &stream) {
    beast::flat_buffer buffer;
    for (;;) {
        error_code ec;
        co_await stream.async_read(buffer, asio::redirect_error(kAwait, ec));
        if (ec) {
            // A close frame may have arrived although answering it failed (the server had gone).
            if (ec == websocket::error::closed || stream.reason().code != 0) {
                ended(CloseInfo{stream.reason().code, std::string(stream.reason().reason)});
            } else {
                ended(CloseInfo{1006, ec.message()});
            }
            co_return;
        }
        on_frame(beast::buffers_to_string(buffer.data()));
        buffer.consume(buffer.size());
    }
}

void OcppTestClient::Impl::on_frame(std::string text) {
    std::unique_lock lock(mutex);
    auto parsed = ocpp::parse_frame(text, version);
    if (auto *frame = std::get_if<ocpp::Frame>(&parsed)) {
        if (auto *call = std::get_if<ocpp::Call>(frame); call && handler) {
            auto answer_with = handler;
            lock.unlock();
            auto outcome = answer_with(*call);
            if (auto *error = std::get_if<ocpp::CallError>(&outcome)) {
                error->message_id = call->message_id;
                send(ocpp::serialize(*error), false);
            } else {
                send(ocpp::serialize(ocpp::CallResult{call->message_id, std::get<ocpp::Json>(outcome)}), false);
            }
            return;
        }
        const auto take = [&](const std::string &id, CallAnswer answer) {
            auto it = answers.find(id);
            if (it == answers.end() || it->second) {
                return false;
            }
            it->second = std::move(answer);
            return true;
        };
        if (auto *result = std::get_if<ocpp::CallResult>(frame); result && take(result->message_id, *result)) {
            changed.notify_all();
            return;
        }
        if (auto *error = std::get_if<ocpp::CallError>(frame); error && take(error->message_id, *error)) {
            changed.notify_all();
            return;
        }
    }
    frames.push_back(std::move(text));
    changed.notify_all();
}

void OcppTestClient::Impl::send(std::string data, bool binary) {
    asio::post(io, [this, data = std::move(data), binary]() mutable {
        if (!ws && !tls_ws) {
            return;
        }
        writes.emplace_back(std::move(data), binary);
        if (writes.size() == 1) {
            write_next();
        }
    });
}

void OcppTestClient::Impl::write_next() {
    with_ws([this](auto &stream) {
        stream.binary(writes.front().second);
        stream.async_write(asio::buffer(writes.front().first), [this](error_code ec, std::size_t) {
            if (ec) {
                writes.clear();
                return;
            }
            writes.pop_front();
            if (!writes.empty()) {
                write_next();
            }
        });
    });
}

void OcppTestClient::Impl::ended(CloseInfo info) {
    std::lock_guard lock(mutex);
    open = false;
    if (!closed) {
        closed = std::move(info);
    }
    changed.notify_all();
}

OcppTestClient::OcppTestClient(OcppTestClientOptions options) : impl_(std::make_unique<Impl>(options)) {}

OcppTestClient::~OcppTestClient() = default;

Handshake OcppTestClient::connect(std::uint16_t port, const std::string &charge_point_id,
                                  std::vector<std::string> subprotocols) {
    return connect_target(port, "/ocpp/" + percent_encode(charge_point_id), std::move(subprotocols));
}

Handshake OcppTestClient::connect_target(std::uint16_t port, const std::string &target,
                                         std::vector<std::string> subprotocols) {
    auto result = asio::co_spawn(impl_->io, impl_->handshake(port, target, std::move(subprotocols)), asio::use_future);
    if (result.wait_for(impl_->options.timeout) != std::future_status::ready) {
        asio::post(impl_->io, [impl = impl_.get()] { impl->drop(); });
        Handshake timed_out;
        timed_out.error = "no handshake answer in time";
        return timed_out;
    }
    return result.get();
}

CallAnswer OcppTestClient::call(const std::string &action, ocpp::Json payload) {
    const auto id = new_short_id();
    {
        std::lock_guard lock(impl_->mutex);
        impl_->answers.emplace(id, std::nullopt);
    }
    impl_->send(ocpp::serialize(ocpp::Call{id, action, std::move(payload)}), false);
    std::unique_lock lock(impl_->mutex);
    impl_->wait(lock, std::nullopt, [&] { return impl_->answers[id].has_value() || impl_->closed.has_value(); });
    auto answer = std::move(impl_->answers[id]);
    impl_->answers.erase(id);
    if (!answer) {
        throw std::runtime_error(impl_->closed ? "the connection ended before the answer to " + action
                                               : "no answer to " + action + " in time");
    }
    return std::move(*answer);
}

void OcppTestClient::send_text(std::string text) {
    impl_->send(std::move(text), false);
}

void OcppTestClient::send_binary(std::string data) {
    impl_->send(std::move(data), true);
}

std::optional<std::string> OcppTestClient::next_frame(std::optional<std::chrono::milliseconds> timeout) {
    std::unique_lock lock(impl_->mutex);
    impl_->wait(lock, timeout, [&] { return !impl_->frames.empty() || impl_->closed.has_value(); });
    if (impl_->frames.empty()) {
        return std::nullopt;
    }
    auto text = std::move(impl_->frames.front());
    impl_->frames.pop_front();
    return text;
}

void OcppTestClient::on_call(CallHandler handler) {
    std::lock_guard lock(impl_->mutex);
    impl_->handler = std::move(handler);
}

std::optional<CloseInfo> OcppTestClient::wait_closed(std::optional<std::chrono::milliseconds> timeout) {
    std::unique_lock lock(impl_->mutex);
    impl_->wait(lock, timeout, [&] { return impl_->closed.has_value(); });
    return impl_->closed;
}

std::optional<CloseInfo> OcppTestClient::close(std::uint16_t code) {
    asio::post(impl_->io, [impl = impl_.get(), code] {
        impl->with_ws([impl, code](auto &stream) {
            if (!stream.is_open()) {
                return;
            }
            stream.async_close(websocket::close_reason(code), [impl, code](error_code ec) {
                // Without a read loop (silent), the close handshake is the only reader.
                impl->ended(CloseInfo{code, ec ? ec.message() : "closed by the client"});
            });
        });
    });
    return wait_closed();
}

bool OcppTestClient::is_open() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->open;
}

ocpp::Version OcppTestClient::version() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->version;
}

std::size_t OcppTestClient::pings_received() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->pings;
}

} // namespace manage::testing
