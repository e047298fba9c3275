#include "unit/http/http_client.hpp"
#include "unit/http/test_server.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <thread>
#include <vector>

namespace manage::test {
namespace {

using infra::http::Json;

// [A-Za-z0-9._-]{1,64}
bool is_request_id(const std::string &id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '_' || c == '-';
    });
}

TEST(Server, RoundTripsJson) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto response = client.request("POST", "/echo", R"({"power_kw": 11.5, "name": "Dépôt"})");
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.header("content-type"), "application/json");
    const auto body = response.json();
    EXPECT_EQ(body["received"], (Json{{"power_kw", 11.5}, {"name", "Dépôt"}}));
    EXPECT_EQ(body["remote_address"], "127.0.0.1");
}

TEST(Server, ParsesTheQueryString) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto body = client.request("GET", "/search?q=depot+north&site=%41%2F1&flag&q2=").json();
    EXPECT_EQ(body["query"], (Json{{"q", "depot north"}, {"site", "A/1"}, {"flag", ""}, {"q2", ""}}));
    EXPECT_EQ(body["path"], "/search");
}

TEST(Server, EchoesASaneRequestId) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto response = client.request("POST", "/echo", "{}", {{"X-Request-Id", "web-1.2_3"}});
    EXPECT_EQ(response.header("x-request-id"), "web-1.2_3");
    EXPECT_EQ(response.json()["request_id"], "web-1.2_3");
}

TEST(Server, GeneratesARequestIdOtherwise) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto none = client.request("GET", "/items/1");
    const auto insane = client.request("GET", "/items/1", {}, {{"X-Request-Id", "no spaces; please"}});
    const auto too_long = client.request("GET", "/items/1", {}, {{"X-Request-Id", std::string(65, 'a')}});
    for (const auto *response : {&none, &insane, &too_long})
        EXPECT_TRUE(is_request_id(response->header("x-request-id"))) << response->header("x-request-id");
    EXPECT_NE(none.header("x-request-id"), insane.header("x-request-id"));
    EXPECT_NE(too_long.header("x-request-id"), std::string(65, 'a'));
}

TEST(Server, PutsTheRequestIdOnErrorsToo) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto response = client.request("GET", "/nowhere", {}, {{"X-Request-Id", "abc"}});
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.header("x-request-id"), "abc");
    EXPECT_EQ(response.json()["error"]["code"], "not_found");
}

TEST(Server, KeepsTheConnectionAlive) {
    TestServer server(example_router());
    HttpClient client(server.port());
    for (int i = 0; i < 5; ++i) {
        const auto response = client.request("GET", "/items/" + std::to_string(i));
        ASSERT_EQ(response.status, 200);
        EXPECT_TRUE(response.keep_alive);
        EXPECT_EQ(response.json()["id"], std::to_string(i));
    }
}

TEST(Server, ServesManyClientsAtOnce) {
    TestServer server(example_router());
    std::vector<std::thread> clients;
    std::atomic<int> answered{0};
    for (int c = 0; c < 8; ++c)
        clients.emplace_back([&server, &answered, c] {
            HttpClient client(server.port());
            for (int i = 0; i < 20; ++i) {
                const auto id = std::to_string(c) + "-" + std::to_string(i);
                if (client.request("GET", "/items/" + id).json()["id"] == id)
                    ++answered;
            }
        });
    for (auto &client : clients)
        client.join();
    EXPECT_EQ(answered, 160);
    EXPECT_EQ(server.metrics().value("manage_http_requests_total",
                                     {{"method", "GET"}, {"route", "/items/{id}"}, {"status", "200"}}),
              160);
}

TEST(Server, AnswersPipelinedRequestsInOrder) {
    TestServer server(example_router());
    HttpClient client(server.port());
    client.send_raw("GET /items/a HTTP/1.1\r\nHost: x\r\n\r\nGET /items/b HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(client.receive().json()["id"], "a");
    EXPECT_EQ(client.receive().json()["id"], "b");
}

TEST(Server, ClosesWhenTheClientAsksTo) {
    TestServer server(example_router());
    HttpClient client(server.port());
    const auto response = client.request("GET", "/items/1", {}, {{"Connection", "close"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_FALSE(response.keep_alive);
    EXPECT_TRUE(client.closed_by_server());
}

TEST(Server, SendsContinueBeforeReadingTheBody) {
    TestServer server(example_router());
    HttpClient client(server.port());
    client.send_raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n"
                    "Expect: 100-continue\r\n\r\n");
    EXPECT_EQ(client.receive().status, 100);
    client.send_raw(R"({"a":1})");
    const auto response = client.receive();
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.json()["received"]["a"], 1);
}

} // namespace
} // namespace manage::test
