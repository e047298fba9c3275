#include "unit/http/http_client.hpp"

#include "manage/common/asio.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <stdexcept>

namespace manage::test {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using boost::system::error_code;

constexpr auto kTimeout = std::chrono::seconds(10);

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

} // namespace

std::string ClientResponse::header(const std::string &lower_case_name) const {
    const auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
}

nlohmann::json ClientResponse::json() const {
    return nlohmann::json::parse(body);
}

struct HttpClient::Impl {
    asio::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;

    // Runs the operation started by `start` to completion or timeout.
    template <class Start> error_code run(Start start) {
        error_code result = asio::error::would_block;
        stream.expires_after(kTimeout);
        start([&result](error_code ec, std::size_t = 0) { result = ec; });
        io.restart();
        io.run();
        return result;
    }
};

HttpClient::HttpClient(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
    const auto ec = impl_->run([&](auto done) { impl_->stream.async_connect(endpoint, done); });
    if (ec)
        throw std::runtime_error("connect failed: " + ec.message());
}

HttpClient::~HttpClient() = default;

ClientResponse HttpClient::request(const std::string &method, const std::string &target, const std::string &body,
                                   const Headers &headers) {
    send(method, target, body, headers);
    return receive();
}

void HttpClient::send(const std::string &method, const std::string &target, const std::string &body,
                      const Headers &headers) {
    bhttp::request<bhttp::string_body> message;
    message.method_string(method);
    message.target(target);
    message.version(11);
    message.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty())
        message.set(bhttp::field::content_type, "application/json");
    for (const auto &[name, value] : headers)
        message.set(name, value);
    for (const auto &[name, value] : headers)
        if (value.empty())
            message.erase(name);
    message.body() = body;
    message.prepare_payload();
    const auto ec = impl_->run([&](auto done) { bhttp::async_write(impl_->stream, message, done); });
    if (ec)
        throw std::runtime_error("write failed: " + ec.message());
}

void HttpClient::send_raw(const std::string &bytes) {
    const auto ec = impl_->run([&](auto done) { asio::async_write(impl_->stream, asio::buffer(bytes), done); });
    if (ec)
        throw std::runtime_error("write failed: " + ec.message());
}

ClientResponse HttpClient::receive() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    const auto ec = impl_->run([&](auto done) { bhttp::async_read(impl_->stream, impl_->buffer, parser, done); });
    if (ec)
        throw std::runtime_error("read failed: " + ec.message());
    auto &message = parser.get();
    ClientResponse response{static_cast<int>(message.result_int()), {}, message.body(), message.keep_alive()};
    for (const auto &field : message)
        response.headers[lower(std::string(field.name_string()))] = std::string(field.value());
    return response;
}

bool HttpClient::closed_by_server() {
    std::array<char, 1024> scratch{};
    const auto ec = impl_->run([&](auto done) { impl_->stream.async_read_some(asio::buffer(scratch), done); });
    if (ec == beast::error::timeout)
        throw std::runtime_error("the server neither closed the connection nor sent anything");
    if (!ec)
        return false;
    return ec == asio::error::eof || ec == asio::error::connection_reset;
}

bool can_connect(std::uint16_t port) {
    asio::io_context io;
    tcp::socket socket(io);
    error_code ec;
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    return !ec;
}

} // namespace manage::test
