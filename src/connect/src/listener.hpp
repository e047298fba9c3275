#pragma once
// Accepts TCP connections on the OCPP listen address and hands each to a session on its own strand.
#include "server_context.hpp"

#include "manage/common/asio.hpp"
#include "manage/common/listen_address.hpp"
#include "manage/common/result.hpp"

#include <memory>

namespace manage::connect {

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(asio::io_context &io, std::shared_ptr<ServerContext> context);

    // Binds and listens; returns the bound port. Call once, before start().
    Result<std::uint16_t> open(const ListenAddress &address);
    // Starts the accept loop on the listener's strand.
    void start();
    // Thread-safe: closes the acceptor; the accept loop ends.
    void stop();

private:
    asio::awaitable<void> accept_loop(std::shared_ptr<Listener> self);

    asio::io_context &io_;
    std::shared_ptr<ServerContext> context_;
    asio::strand<asio::io_context::executor_type> strand_;
    asio::ip::tcp::acceptor acceptor_;
};

} // namespace manage::connect
