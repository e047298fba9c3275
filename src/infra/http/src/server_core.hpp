#pragma once
// What the acceptor and every connection of one Server share.
#include "manage/infra/http.hpp"
#include "manage/infra/metrics.hpp"

#include <spdlog/logger.h>

#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace manage::infra::http {

// A connection as the server sees it: something to wind down on stop().
class Connection {
public:
    virtual ~Connection() = default;
    // Thread-safe: closes the connection now when it is idle, after its response when busy.
    virtual void shutdown() = 0;
};

class ServerCore : public std::enable_shared_from_this<ServerCore> {
public:
    ServerCore(asio::io_context &io, ServerOptions options, std::shared_ptr<const Router> router, Metrics &metrics);

    asio::io_context &io;
    const ServerOptions options;
    const std::shared_ptr<const Router> router;
    Metrics &metrics;
    const std::shared_ptr<spdlog::logger> log;
    asio::ip::tcp::acceptor acceptor; // on a strand of its own

    // An id for the connection, or nullopt once stopping (the caller then closes it).
    std::optional<std::uint64_t> add(std::weak_ptr<Connection> connection);
    void remove(std::uint64_t id);
    bool stopping() const;
    // Thread-safe: closes the acceptor and shuts every connection down.
    void stop();

private:
    mutable std::mutex mutex_;
    bool stopping_ = false;
    std::uint64_t next_id_ = 1;
    std::map<std::uint64_t, std::weak_ptr<Connection>> connections_;
};

// Logs what ended a coroutine of the server, if anything did.
void log_exception(spdlog::logger &log, const std::exception_ptr &exception, const char *what);

// Serves one accepted socket (whose executor is a strand of its own) until it closes.
void serve_connection(const std::shared_ptr<ServerCore> &core, asio::ip::tcp::socket socket);

} // namespace manage::infra::http
