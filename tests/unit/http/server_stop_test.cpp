#include "unit/http/http_client.hpp"
#include "unit/http/test_server.hpp"

#include <gtest/gtest.h>

#include <future>

namespace manage::test {
namespace {

using namespace infra::http;

// A handler that waits on a timer until the test releases it.
struct Gate {
    std::promise<void> entered;
    asio::any_io_executor executor;
    asio::steady_timer *timer = nullptr;

    void release() {
        asio::post(executor, [this] { timer->cancel(); });
    }
};

asio::awaitable<Response> wait_at(Gate *gate) {
    asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::hours(1));
    gate->executor = timer.get_executor();
    gate->timer = &timer;
    gate->entered.set_value();
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_return json_response(200, {{"finished", true}});
}

TEST(ServerStop, FinishesTheRequestInFlightAndClosesIdleConnections) {
    Gate gate;
    auto router = example_router();
    router->add("GET", "/slow", [&gate](Request &) { return wait_at(&gate); });
    TestServer server(router);

    HttpClient idle(server.port());
    ASSERT_EQ(idle.request("GET", "/items/1").status, 200);
    HttpClient busy(server.port());
    busy.send("GET", "/slow");
    ASSERT_EQ(gate.entered.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);

    server.stop();
    EXPECT_TRUE(idle.closed_by_server());
    EXPECT_FALSE(can_connect(server.port()));

    gate.release();
    const auto response = busy.receive();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.json()["finished"], true);
    EXPECT_FALSE(response.keep_alive);
    EXPECT_TRUE(busy.closed_by_server());
    EXPECT_TRUE(server.joined()) << "the io_context should run out of work";
    gate.executor = {}; // the strand must not outlive its io_context
}

TEST(ServerStop, StopsAnIdleServer) {
    TestServer server(example_router());
    server.stop();
    server.stop();
    EXPECT_TRUE(server.joined());
}

TEST(ServerStop, CannotStartTwice) {
    asio::io_context io;
    infra::Metrics metrics;
    Server server(io, ServerOptions{ListenAddress{"127.0.0.1", 0}}, example_router(), metrics);
    ASSERT_TRUE(server.start());
    EXPECT_FALSE(server.start());
}

TEST(ServerStop, ReportsAPortInUse) {
    TestServer first(example_router());
    asio::io_context io;
    infra::Metrics metrics;
    Server second(io, ServerOptions{ListenAddress{"127.0.0.1", first.port()}}, example_router(), metrics);
    const auto started = second.start();
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error().code, "listen_failed");
    EXPECT_EQ(started.error().field, "http.listen");
}

} // namespace
} // namespace manage::test
