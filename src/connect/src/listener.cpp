#include "listener.hpp"

#include "session.hpp"

namespace manage::connect {
namespace {

using tcp = asio::ip::tcp;
using boost::system::error_code;

Result<tcp::endpoint> resolve(asio::io_context &io, const ListenAddress &address, const std::string &config_key) {
    error_code ec;
    const auto ip = asio::ip::make_address(address.host, ec);
    if (!ec) {
        return tcp::endpoint(ip, address.port);
    }
    tcp::resolver resolver(io);
    const auto results = resolver.resolve(address.host, std::to_string(address.port), ec);
    if (ec || results.empty()) {
        return fail("listen_failed", "cannot resolve " + address.host + ": " + ec.message(), config_key);
    }
    return results.begin()->endpoint();
}

} // namespace

Listener::Listener(asio::io_context &io, std::shared_ptr<ServerContext> context,
                   std::shared_ptr<asio::ssl::context> tls)
    : io_(io), context_(std::move(context)), tls_(std::move(tls)), strand_(asio::make_strand(io)), acceptor_(strand_) {}

Result<std::uint16_t> Listener::open(const ListenAddress &address, const std::string &config_key) {
    BOOST_OUTCOME_TRY(endpoint, resolve(io_, address, config_key));
    error_code ec;
    const auto failed = [&](const char *step) {
        return fail("listen_failed", "cannot " + std::string(step) + " " + address.to_string() + ": " + ec.message(),
                    config_key);
    };
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) {
        return failed("open");
    }
    acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) {
        return failed("configure");
    }
    acceptor_.bind(endpoint, ec);
    if (ec) {
        return failed("bind");
    }
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return failed("listen on");
    }
    return acceptor_.local_endpoint().port();
}

void Listener::start() {
    asio::co_spawn(strand_, accept_loop(shared_from_this()), asio::detached);
}

void Listener::stop() {
    asio::post(strand_, [self = shared_from_this()] {
        error_code ec;
        self->acceptor_.close(ec);
    });
}

asio::awaitable<void> Listener::accept_loop([[maybe_unused]] std::shared_ptr<Listener> self) {
    auto &log = *context_->log;
    asio::steady_timer backoff(strand_);
    while (acceptor_.is_open()) {
        tcp::socket socket(asio::make_strand(io_));
        error_code ec;
        co_await acceptor_.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor_.is_open() || context_->stopping) {
            break;
        }
        if (ec) {
            // E.g. out of file descriptors: wait a little rather than spin.
            log.warn("accepting an OCPP connection failed: {}", ec.message());
            backoff.expires_after(std::chrono::milliseconds(100));
            co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        try {
            if (tls_) {
                start_tls_session(std::move(socket), tls_, context_);
            } else {
                start_session(std::move(socket), context_);
            }
        } catch (const std::exception &e) {
            log.error("starting an OCPP session failed: {}", e.what());
        }
    }
    log.info("stopped accepting OCPP connections{}", tls_ ? " over TLS" : "");
}

} // namespace manage::connect
