#include "unit/http/http_client.hpp"
#include "unit/http/test_server.hpp"

#include <gtest/gtest.h>

#include <random>

namespace manage::test {
namespace {

std::string error_code_of(const ClientResponse &response) {
    return response.json()["error"]["code"];
}

infra::http::ServerOptions small_limits() {
    infra::http::ServerOptions options;
    options.max_body_bytes = 1024;
    options.max_header_bytes = 2048;
    return options;
}

TEST(ServerErrors, RefusesABodyLargerThanTheLimitByItsLength) {
    TestServer server(example_router(), small_limits());
    HttpClient client(server.port());
    client.send_raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1025\r\n\r\n");
    const auto response = client.receive();
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(error_code_of(response), "payload_too_large");
    EXPECT_FALSE(response.header("x-request-id").empty());
    EXPECT_TRUE(client.closed_by_server());
}

TEST(ServerErrors, RefusesALargeBodySentInFull) {
    TestServer server(example_router(), small_limits());
    HttpClient client(server.port());
    const auto response = client.request("POST", "/echo", "[\"" + std::string(5000, 'x') + "\"]");
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(error_code_of(response), "payload_too_large");
}

TEST(ServerErrors, RefusesAChunkedBodyOverTheLimit) {
    TestServer server(example_router(), small_limits());
    HttpClient client(server.port());
    const std::string chunk(1500, 'x');
    client.send_raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n5dc\r\n" +
                    chunk + "\r\n0\r\n\r\n");
    const auto response = client.receive();
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(error_code_of(response), "payload_too_large");
}

TEST(ServerErrors, AcceptsABodyAtTheLimit) {
    TestServer server(example_router(), small_limits());
    HttpClient client(server.port());
    const auto response = client.request("POST", "/echo", "\"" + std::string(1022, 'x') + "\"");
    EXPECT_EQ(response.status, 201);
}

TEST(ServerErrors, RefusesHugeHeaders) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto response = client.request("GET", "/items/1", {}, {{"X-Filler", std::string(20 * 1024, 'h')}});
    EXPECT_EQ(response.status, 431);
    EXPECT_EQ(error_code_of(response), "headers_too_large");
    EXPECT_TRUE(client.closed_by_server());
}

TEST(ServerErrors, RefusesANonJsonBody) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto response = client.request("POST", "/echo", "a=1", {{"Content-Type", "text/plain"}});
    EXPECT_EQ(response.status, 415);
    EXPECT_EQ(error_code_of(response), "unsupported_media_type");
    EXPECT_TRUE(response.keep_alive);
}

TEST(ServerErrors, RefusesMalformedJsonWithAMessage) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto response = client.request("POST", "/echo", R"({"power_kw": })");
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(error_code_of(response), "invalid_json");
    const auto message = response.json()["error"]["message"].get<std::string>();
    EXPECT_NE(message.find("column"), std::string::npos) << message;
}

TEST(ServerErrors, HidesWhatAThrowingHandlerSaid) {
    LogCapture log;
    {
        TestServer server(example_router());
        HttpClient client(server.port());
        const auto response = client.request("GET", "/boom", {}, {{"X-Request-Id", "boom-1"}});
        EXPECT_EQ(response.status, 500);
        EXPECT_EQ(error_code_of(response), "internal_error");
        EXPECT_EQ(response.body.find("secret detail"), std::string::npos) << response.body;
        EXPECT_EQ(client.request("GET", "/items/1").status, 200) << "the connection survives";
    }
    const auto text = log.text();
    EXPECT_NE(text.find("secret detail 42 [request_id=boom-1]"), std::string::npos) << text;
}

TEST(ServerErrors, RefusesABadlyEncodedPathOrQuery) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto path = client.request("GET", "/items/%zz");
    EXPECT_EQ(path.status, 400);
    EXPECT_EQ(error_code_of(path), "invalid_path");
    const auto query = client.request("GET", "/search?q=%G1");
    EXPECT_EQ(query.status, 400);
    EXPECT_EQ(error_code_of(query), "invalid_query");
}

TEST(ServerErrors, AnswersMethodNotAllowed) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto response = client.request("DELETE", "/items/1");
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.header("allow"), "GET");
    EXPECT_EQ(error_code_of(response), "method_not_allowed");
}

TEST(ServerErrors, SurvivesGarbage) {
    using namespace std::literals;
    TestServer server(example_router());
    for (const std::string &garbage :
         {std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n"sv), std::string("HELLO\r\n\r\n"),
          std::string("GET /items/1 HTTP/9.9\r\n\r\n"), std::string("GET /items/1 HTTP/1.1\r\nBad Header\r\n\r\n"),
          std::string("GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n")}) {
        HttpClient client(server.port());
        client.send_raw(garbage);
        const auto response = client.receive();
        EXPECT_EQ(response.status, 400);
        EXPECT_EQ(error_code_of(response), "bad_request");
        EXPECT_TRUE(client.closed_by_server());
    }
    HttpClient client(server.port());
    EXPECT_EQ(client.request("GET", "/items/1").status, 200);
}

TEST(ServerErrors, SurvivesRandomBytes) {
    TestServer server(example_router());
    std::mt19937 random(20261126);
    for (int i = 0; i < 100; ++i) {
        std::string bytes(std::uniform_int_distribution<std::size_t>(1, 4096)(random), '\0');
        for (auto &byte : bytes)
            byte = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(random));
        if (i % 2 == 0)
            bytes = "POST /echo HTTP/1.1\r\n" + bytes; // get past the request line now and then
        HttpClient client(server.port());
        client.send_raw(bytes);
    }
    HttpClient client(server.port());
    EXPECT_EQ(client.request("GET", "/items/1").status, 200);
}

TEST(ServerErrors, ClosesAConnectionThatStopsSendingItsHeader) {
    infra::http::ServerOptions options;
    options.idle_timeout_s = 1;
    TestServer server(example_router(), options);
    HttpClient client(server.port());
    client.send_raw("GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Slow");
    EXPECT_TRUE(client.closed_by_server());
    HttpClient next(server.port());
    EXPECT_EQ(next.request("GET", "/items/1").status, 200);
}

} // namespace
} // namespace manage::test
