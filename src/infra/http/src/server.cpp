#include "manage/common/logging.hpp"
#include "server_core.hpp"

#include <chrono>

namespace manage::infra::http {
namespace {

using asio::ip::tcp;

Result<tcp::endpoint> resolve(asio::io_context &io, const ListenAddress &listen) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(listen.host, ec);
    if (!ec)
        return tcp::endpoint(address, listen.port);
    tcp::resolver resolver(io);
    const auto results = resolver.resolve(listen.host, std::to_string(listen.port), ec);
    if (ec || results.empty())
        return fail("listen_failed", "cannot resolve " + listen.host + ": " + ec.message(), "http.listen");
    return results.begin()->endpoint();
}

Result<void> listen_on(tcp::acceptor &acceptor, const tcp::endpoint &endpoint) {
    boost::system::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        boost::system::error_code ignored;
        acceptor.close(ignored);
        return fail("listen_failed",
                    "cannot listen on " + endpoint.address().to_string() + ":" + std::to_string(endpoint.port()) +
                        ": " + ec.message(),
                    "http.listen");
    }
    return ok();
}

asio::awaitable<void> accept_loop(std::shared_ptr<ServerCore> core) {
    for (;;) {
        tcp::socket socket(asio::make_strand(core->io));
        boost::system::error_code ec;
        co_await core->acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
        if (!core->acceptor.is_open())
            co_return;
        if (!ec) {
            serve_connection(core, std::move(socket));
            continue;
        }
        // Out of descriptors, most likely: give connections a moment to close rather than spin.
        core->log->warn("accepting a connection failed: {}", ec.message());
        asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(100));
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

} // namespace

void log_exception(spdlog::logger &log, const std::exception_ptr &exception, const char *what) {
    if (!exception)
        return;
    try {
        std::rethrow_exception(exception);
    } catch (const std::exception &e) {
        log.error("{} ended by an exception: {}", what, e.what());
    } catch (...) {
        log.error("{} ended by an exception of unknown type", what);
    }
}

ServerCore::ServerCore(asio::io_context &io_context, ServerOptions server_options, std::shared_ptr<const Router> routes,
                       Metrics &registry)
    : io(io_context), options(std::move(server_options)), router(std::move(routes)), metrics(registry),
      log(manage::logger("http")), acceptor(asio::make_strand(io_context)) {
    metrics.describe("manage_http_requests_total", "counter",
                     "HTTP requests answered, by method, route pattern and status.");
    metrics.describe("manage_http_request_duration_seconds", "histogram",
                     "Time from a request's header being read to its response being ready, by method and route "
                     "pattern.");
}

std::optional<std::uint64_t> ServerCore::add(std::weak_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    if (stopping_)
        return std::nullopt;
    const auto id = next_id_++;
    connections_.emplace(id, std::move(connection));
    return id;
}

void ServerCore::remove(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    connections_.erase(id);
}

bool ServerCore::stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
}

void ServerCore::stop() {
    std::map<std::uint64_t, std::weak_ptr<Connection>> connections;
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return;
        stopping_ = true;
        connections = connections_;
    }
    // The acceptor closes before the connections are told, so once stop() has closed one, no new one comes in.
    asio::post(acceptor.get_executor(), [self = shared_from_this(), connections = std::move(connections)] {
        boost::system::error_code ec;
        self->acceptor.close(ec);
        for (const auto &[id, weak] : connections)
            if (const auto connection = weak.lock())
                connection->shutdown();
    });
}

struct Server::Impl {
    std::shared_ptr<ServerCore> core;
    bool started = false;
};

Server::Server(asio::io_context &io, ServerOptions options, std::shared_ptr<const Router> router, Metrics &metrics)
    : impl_(std::make_unique<Impl>()) {
    impl_->core = std::make_shared<ServerCore>(io, std::move(options), std::move(router), metrics);
}

Server::~Server() {
    stop();
}

Result<std::uint16_t> Server::start() {
    auto &core = *impl_->core;
    if (impl_->started || core.stopping())
        return fail("invalid_state", "the server has already been started");
    auto endpoint = resolve(core.io, core.options.listen);
    if (!endpoint)
        return endpoint.error();
    if (auto listening = listen_on(core.acceptor, endpoint.value()); !listening)
        return listening.error();
    impl_->started = true;
    const auto port = core.acceptor.local_endpoint().port();
    asio::co_spawn(core.acceptor.get_executor(), accept_loop(impl_->core),
                   [log = core.log](std::exception_ptr e) { log_exception(*log, e, "the HTTP accept loop"); });
    core.log->info("listening on {}", ListenAddress{core.options.listen.host, port}.to_string());
    return port;
}

void Server::stop() {
    impl_->core->stop();
}

} // namespace manage::infra::http
