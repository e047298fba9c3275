#pragma once
// A real server on 127.0.0.1, port 0, run by two threads, for the server tests.
#include "manage/infra/http.hpp"
#include "manage/infra/metrics.hpp"

#include <spdlog/sinks/ostream_sink.h>

#include <memory>
#include <sstream>
#include <thread>
#include <vector>

namespace manage::test {

class TestServer {
public:
    explicit TestServer(std::shared_ptr<infra::http::Router> router, infra::http::ServerOptions options = {});
    ~TestServer();

    std::uint16_t port() const { return port_; }
    infra::Metrics &metrics() { return metrics_; }
    void stop() { server_->stop(); }
    // Whether the io_context ran out of work, i.e. every thread returned, within ten seconds.
    bool joined();

private:
    asio::io_context io_;
    infra::Metrics metrics_;
    std::unique_ptr<infra::http::Server> server_;
    std::uint16_t port_ = 0;
    std::vector<std::thread> threads_;
};

// Copies what the "http" logger writes while it lives. Read it only when the server is idle.
class LogCapture {
public:
    LogCapture();
    ~LogCapture();
    std::string text() const { return out_.str(); }

private:
    std::ostringstream out_;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
};

// POST /echo (JSON in, 201 with what it got), GET /items/{id}, GET /search (the query back),
// GET /boom (throws "secret detail 42").
std::shared_ptr<infra::http::Router> example_router();

// Runs an awaitable to completion on a fresh io_context.
template <class T> T run_awaitable(asio::awaitable<T> awaitable) {
    asio::io_context io;
    std::optional<T> result;
    std::exception_ptr failure;
    asio::co_spawn(io, std::move(awaitable), [&](std::exception_ptr e, T value) {
        failure = e;
        if (!e)
            result = std::move(value);
    });
    io.run();
    if (failure)
        std::rethrow_exception(failure);
    return std::move(*result);
}

} // namespace manage::test
