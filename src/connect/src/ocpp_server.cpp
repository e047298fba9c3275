#include "manage/connect/ocpp_server.hpp"

#include "completion.hpp"
#include "listener.hpp"
#include "server_context.hpp"
#include "tls_context.hpp"

#include "manage/common/ids.hpp"
#include "manage/common/logging.hpp"

namespace manage::connect {

struct OcppServer::Impl {
    asio::io_context &io;
    std::shared_ptr<ServerContext> context;
    std::shared_ptr<Listener> listener;
    std::shared_ptr<Listener> tls_listener;
    std::uint16_t tls_port = 0;
};

OcppServer::OcppServer(asio::io_context &io, OcppServerOptions options, CallDispatcher &dispatcher,
                       infra::Metrics &metrics, ChargerAuthenticator *authenticator)
    : impl_(std::make_shared<Impl>(Impl{io,
                                        std::make_shared<ServerContext>(std::move(options), dispatcher, metrics,
                                                                        manage::logger("connect"), authenticator),
                                        nullptr, nullptr, 0})) {}

OcppServer::~OcppServer() {
    stop();
}

Result<std::uint16_t> OcppServer::start() {
    if (impl_->listener) {
        return fail("already_started", "the OCPP server is already started");
    }
    const auto &options = impl_->context->options;
    auto listener = std::make_shared<Listener>(impl_->io, impl_->context);
    BOOST_OUTCOME_TRY(port, listener->open(options.listen, "ocpp.listen"));
    std::shared_ptr<Listener> tls_listener;
    std::uint16_t tls_port = 0;
    if (options.tls) {
        BOOST_OUTCOME_TRY(tls, make_tls_context(*options.tls));
        tls_listener = std::make_shared<Listener>(impl_->io, impl_->context, std::move(tls));
        BOOST_OUTCOME_TRY(bound, tls_listener->open(options.tls->listen, "ocpp.tls_listen"));
        tls_port = bound;
    }
    listener->start();
    impl_->listener = std::move(listener);
    impl_->context->log->info("accepting OCPP connections on ws://{}:{}/ocpp/{{chargePointId}}{}", options.listen.host,
                              port, impl_->context->authenticator ? " (credentials checked)" : "");
    if (tls_listener) {
        tls_listener->start();
        impl_->tls_listener = std::move(tls_listener);
        impl_->tls_port = tls_port;
        impl_->context->log->info(
            "accepting OCPP connections on wss://{}:{}/ocpp/{{chargePointId}} ({})", options.tls->listen.host, tls_port,
            options.tls->client_ca_file.empty() ? "no client certificates" : "client certificates verified");
    }
    return port;
}

void OcppServer::stop() {
    auto &context = *impl_->context;
    if (context.stopping.exchange(true)) {
        return;
    }
    if (impl_->listener) {
        impl_->listener->stop();
    }
    if (impl_->tls_listener) {
        impl_->tls_listener->stop();
    }
    const auto connections = context.registry.all();
    if (impl_->listener) {
        context.log->info("stopping: closing {} OCPP connection(s)", connections.size());
    }
    for (const auto &connection : connections) {
        connection->close(CloseCode::GoingAway, "server stopping");
    }
}

namespace {

// Queues the call on the connection and completes on the awaiting coroutine's executor.
struct SendCall {
    std::shared_ptr<Connection> connection;
    ocpp::Call call;

    template <class Handler> void operator()(Handler handler) {
        connection->send_call(std::move(call), make_call_completion(std::move(handler)));
    }
};

// A plain function, not a coroutine, and a named initiation type, not a lambda: GCC 12 destroys a
// closure with by-value captures twice when it is a temporary inside a co_await expression (a bad
// free here when the initiation was a lambda built inside OcppServer::call).
asio::awaitable<CallResponse> send_call(std::shared_ptr<Connection> connection, ocpp::Call call) {
    return asio::async_initiate<decltype(asio::use_awaitable), void(CallResponse)>(
        SendCall{std::move(connection), std::move(call)}, asio::use_awaitable);
}

} // namespace

asio::awaitable<CallResponse> OcppServer::call(std::string charge_point_id, std::string action, ocpp::Json payload) {
    auto context = impl_->context; // the server may go away while the call waits
    auto connection = context->stopping ? nullptr : context->registry.find(charge_point_id);
    if (!connection) {
        CallResponse response;
        response.failure = CallFailure::NotConnected;
        response.description = "charger " + charge_point_id + " is not connected";
        co_return response;
    }
    auto answer = send_call(std::move(connection), ocpp::Call{new_short_id(), std::move(action), std::move(payload)});
    co_return co_await std::move(answer);
}

std::uint16_t OcppServer::tls_port() const {
    return impl_->tls_port;
}

bool OcppServer::is_connected(const std::string &charge_point_id) const {
    return impl_->context->registry.find(charge_point_id) != nullptr;
}

std::vector<std::string> OcppServer::connected_chargers() const {
    return impl_->context->registry.charge_point_ids();
}

std::size_t OcppServer::connection_count() const {
    return impl_->context->registry.size();
}

} // namespace manage::connect
