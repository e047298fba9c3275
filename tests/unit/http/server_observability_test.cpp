#include "unit/http/exposition_parser.hpp"
#include "unit/http/http_client.hpp"
#include "unit/http/test_server.hpp"

#include <gtest/gtest.h>

namespace manage::test {
namespace {

std::shared_ptr<infra::http::Router> router_with_metrics(const infra::Metrics &metrics) {
    auto router = example_router();
    router->add("GET", "/metrics", infra::http::metrics_handler(metrics));
    return router;
}

TEST(ServerMetrics, CountsAndTimesRequestsByRoutePattern) {
    infra::Metrics metrics;
    auto router = router_with_metrics(metrics);
    infra::http::ServerOptions options;
    options.listen = ListenAddress{"127.0.0.1", 0};
    asio::io_context io;
    infra::http::Server server(io, options, router, metrics);
    const auto port = server.start();
    ASSERT_TRUE(port);
    std::thread runner([&io] { io.run(); });
    {
        HttpClient client(port.value());
        client.request("GET", "/items/1");
        client.request("GET", "/items/2");
        client.request("GET", "/nowhere/at/all");
        client.request("DELETE", "/items/1");
        client.request("BREW", "/items/1");
    }
    const auto counted = [&](const std::string &method, const std::string &route, const std::string &status) {
        return metrics.value("manage_http_requests_total", {{"method", method}, {"route", route}, {"status", status}});
    };
    EXPECT_EQ(counted("GET", "/items/{id}", "200"), 2);
    EXPECT_EQ(counted("GET", "unmatched", "404"), 1);
    EXPECT_EQ(counted("DELETE", "unmatched", "405"), 1);
    EXPECT_EQ(counted("other", "unmatched", "405"), 1);
    EXPECT_EQ(metrics.value("manage_http_request_duration_seconds", {{"method", "GET"}, {"route", "/items/{id}"}}), 2);

    HttpClient client(port.value());
    const auto response = client.request("GET", "/metrics");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const auto exposition = parse_exposition(response.body);
    EXPECT_EQ(exposition.types.at("manage_http_requests_total"), "counter");
    EXPECT_EQ(exposition.types.at("manage_http_request_duration_seconds"), "histogram");
    EXPECT_FALSE(exposition.help.at("manage_http_requests_total").empty());
    const infra::Labels items{{"method", "GET"}, {"route", "/items/{id}"}};
    EXPECT_EQ(exposition.value("manage_http_requests_total",
                               {{"method", "GET"}, {"route", "/items/{id}"}, {"status", "200"}}),
              2);
    auto inf = items;
    inf["le"] = "+Inf";
    EXPECT_EQ(exposition.value("manage_http_request_duration_seconds_bucket", inf), 2);
    EXPECT_EQ(exposition.value("manage_http_request_duration_seconds_count", items), 2);
    EXPECT_GE(exposition.value("manage_http_request_duration_seconds_sum", items), 0);
    double previous = 0;
    for (const auto &sample : exposition.samples)
        if (sample.name == "manage_http_request_duration_seconds_bucket" &&
            sample.labels.at("route") == "/items/{id}") {
            EXPECT_GE(sample.value, previous) << "buckets are cumulative";
            previous = sample.value;
        }

    server.stop();
    runner.join();
}

TEST(AccessLog, WritesOneLinePerRequestWithoutSecrets) {
    LogCapture log;
    {
        TestServer server(example_router());
        HttpClient client(server.port());
        client.request(
            "POST", "/echo?token=query-secret", R"({"password": "body-secret"})",
            {{"X-Request-Id", "log-1"}, {"Authorization", "Bearer auth-secret"}, {"Cookie", "s=cookie-secret"}});
    }
    const auto text = log.text();
    EXPECT_NE(text.find("POST /echo route=/echo status=201 bytes="), std::string::npos) << text;
    EXPECT_NE(text.find("request_id=log-1 remote=127.0.0.1"), std::string::npos) << text;
    EXPECT_NE(text.find("duration_ms="), std::string::npos) << text;
    for (const auto *secret : {"query-secret", "body-secret", "auth-secret", "cookie-secret"})
        EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in " << text;
}

TEST(AccessLog, LogsRefusedRequests) {
    LogCapture log;
    {
        TestServer server(example_router());
        HttpClient client(server.port());
        client.send_raw("NOT HTTP\r\n\r\n");
        client.receive();
    }
    EXPECT_NE(log.text().find("- - route=unmatched status=400"), std::string::npos) << log.text();
}

} // namespace
} // namespace manage::test
