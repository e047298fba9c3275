#pragma once
// Accepts TCP connections on an OCPP listen address and hands each to a session on its own strand:
// a plain one, or a TLS one when the listener has a TLS context.
#include "server_context.hpp"

#include "manage/common/asio.hpp"
#include "manage/common/listen_address.hpp"
#include "manage/common/result.hpp"

#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace manage::connect {

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(asio::io_context &io, std::shared_ptr<ServerContext> context,
             std::shared_ptr<asio::ssl::context> tls = nullptr);

    // Binds and listens; returns the bound port. Call once, before start(). `config_key` names the
    // address in errors.
    Result<std::uint16_t> open(const ListenAddress &address, const std::string &config_key);
    // Starts the accept loop on the listener's strand.
    void start();
    // Thread-safe: closes the acceptor; the accept loop ends.
    void stop();

private:
    asio::awaitable<void> accept_loop(std::shared_ptr<Listener> self);

    asio::io_context &io_;
    std::shared_ptr<ServerContext> context_;
    std::shared_ptr<asio::ssl::context> tls_;
    asio::strand<asio::io_context::executor_type> strand_;
    asio::ip::tcp::acceptor acceptor_;
};

} // namespace manage::connect
