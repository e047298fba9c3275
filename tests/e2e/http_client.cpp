#include "http_client.hpp"

#include "manage/common/asio.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace manage::testing {

HttpReply http_request(std::uint16_t port, const std::string &method, const std::string &target,
                       const std::map<std::string, std::string> &headers, const std::string &body) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, "127.0.0.1");
    for (const auto &[name, value] : headers)
        request.set(name, value);
    if (!body.empty()) {
        request.body() = body;
        if (!headers.count("Content-Type"))
            request.set(http::field::content_type, "application/json");
    }
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    HttpReply reply;
    reply.status = static_cast<int>(response.result_int());
    for (const auto &field : response) {
        std::string name(field.name_string());
        for (auto &c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers[name] = std::string(field.value());
    }
    reply.body = response.body();
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    return reply;
}

} // namespace manage::testing
