#pragma once
// The OCPP-J WebSocket ingress: ws://<listen>/ocpp/{chargePointId} with subprotocol ocpp1.6 or
// ocpp2.0.1. It frames, validates and dispatches CALLs to a CallDispatcher, and sends commands to
// chargers one at a time per charger. With TLS options it also listens for wss:// (security profiles
// 2 and 3), and with a ChargerAuthenticator it checks each charger's credentials before the upgrade.
#include "manage/common/asio.hpp"
#include "manage/common/listen_address.hpp"
#include "manage/common/result.hpp"
#include "manage/connect/frame_observer.hpp"
#include "manage/ocpp/rpc.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace manage::infra {
class Metrics;
}

namespace manage::connect {

struct ConnectionInfo {
    std::string charge_point_id; // URL-decoded
    ocpp::Version version;
    std::string remote_address;
    std::uint64_t connection_id; // distinguishes a reconnect from the connection it replaces
};

// The charger's CALL answered with a CALLRESULT payload or a CALLERROR.
using CallOutcome = std::variant<ocpp::Json, ocpp::CallError>;

// Implemented by the version handlers. Every method runs on the connection's strand; a handler
// that must wait on I/O awaits (it never blocks the strand).
class CallDispatcher {
public:
    virtual ~CallDispatcher() = default;
    virtual void on_connected(const ConnectionInfo &connection) = 0;
    virtual void on_disconnected(const ConnectionInfo &connection, const std::string &reason) = 0;
    // `call.payload` has passed schema validation for `call.action`.
    virtual asio::awaitable<CallOutcome> on_call(const ConnectionInfo &connection, const ocpp::Call &call) = 0;
};

class ChargerAuthenticator;

// A second listener for wss://<listen>/ocpp/{chargePointId}: TLS 1.2 or newer through OpenSSL.
struct TlsListenerOptions {
    ListenAddress listen;
    std::string certificate_chain_file; // PEM: the server certificate, then its intermediates
    std::string private_key_file;       // PEM
    // PEM: the CAs that sign client certificates (security profile 3). When set, the server asks
    // for a client certificate but does not require one (profile 2 chargers use the same port),
    // and a certificate that does not verify fails the TLS handshake. Empty: none is asked for.
    std::string client_ca_file;
};

struct OcppServerOptions {
    ListenAddress listen;
    std::size_t max_frame_bytes = 64 * 1024;
    std::chrono::seconds call_timeout{30};
    std::chrono::seconds ping_interval{30}; // 0: no keep-alive pings
    // How long a client may take over the TLS handshake, the HTTP upgrade and the WebSocket
    // handshakes (opening and closing).
    std::chrono::seconds handshake_timeout{10};
    std::optional<TlsListenerOptions> tls;   // unset: no TLS listener
    FrameObserver *frame_observer = nullptr; // sees every frame both ways (the message log); may be null
};

// Why a server-initiated call did not produce a CALLRESULT.
enum class CallFailure { NotConnected, Timeout, CallError, InvalidResponse, ConnectionLost };

struct CallResponse {
    std::optional<ocpp::Json> payload; // set on success
    std::optional<CallFailure> failure;
    std::optional<ocpp::CallError> call_error; // set when failure == CallError
    std::string description;                   // for people
};

class OcppServer {
public:
    // Without an authenticator every charger may connect (the upgrade checks only path, id and
    // subprotocol). The authenticator, like the dispatcher, must outlive the io_context's work.
    OcppServer(asio::io_context &io, OcppServerOptions options, CallDispatcher &dispatcher, infra::Metrics &metrics,
               ChargerAuthenticator *authenticator = nullptr);
    ~OcppServer();

    // Binds and starts accepting (on the TLS listener too, when configured); returns the plain
    // listener's bound port. Fails when a listener cannot bind or the TLS files do not load.
    Result<std::uint16_t> start();
    // The TLS listener's bound port once started; 0 without one.
    std::uint16_t tls_port() const;
    // Stops accepting and closes every charger connection with 1001 (going away).
    void stop();

    // Sends a CALL to a connected charger and waits for its answer. At most one call is outstanding
    // per charger; later ones queue behind it, and a timeout never blocks the queue.
    asio::awaitable<CallResponse> call(std::string charge_point_id, std::string action, ocpp::Json payload);

    bool is_connected(const std::string &charge_point_id) const;
    std::vector<std::string> connected_chargers() const;
    std::size_t connection_count() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace manage::connect
