#pragma once
// A charger for tests: an OCPP-J WebSocket client with its own I/O thread. Every method blocks with
// a timeout, so that a GoogleTest body reads top to bottom:
//
//     OcppTestClient charger;
//     ASSERT_TRUE(charger.connect(port, "CP-1", {"ocpp2.0.1"}).upgraded);
//     auto answer = charger.call("Heartbeat", ocpp::Json::object());
//     ASSERT_TRUE(std::holds_alternative<ocpp::CallResult>(answer));
#include "manage/ocpp/rpc.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace manage::testing {

struct Handshake {
    bool upgraded = false;        // the server switched to WebSocket
    unsigned http_status = 0;     // 101 when upgraded; the refusal's status; 0 without an HTTP answer
    std::string subprotocol;      // the one the server chose ("" if none)
    std::string www_authenticate; // the WWW-Authenticate header of a refusal ("" if none)
    std::string retry_after;      // the Retry-After header of a refusal ("" if none)
    std::string error;            // why the handshake failed, for test messages
};

struct CloseInfo {
    std::uint16_t code = 0; // the server's close code; 1006 when the connection dropped without one
    std::string reason;
};

// The answer to the client's CALL.
using CallAnswer = std::variant<ocpp::CallResult, ocpp::CallError>;
// Answers a server-initiated CALL with a CALLRESULT payload or a CALLERROR (its message id is filled in).
using CallHandler = std::function<std::variant<ocpp::Json, ocpp::CallError>(const ocpp::Call &)>;

// Connect over TLS (wss://) instead of plain TCP.
struct TlsClientOptions {
    std::filesystem::path ca_certificate; // PEM: the CA the server's certificate must chain to
    // PEM: a client certificate and its key for mutual TLS (security profile 3); empty: none.
    std::filesystem::path certificate;
    std::filesystem::path private_key;
    std::string server_name = "localhost"; // sent as SNI; the server certificate must carry it
};

struct BasicAuth {
    std::string username;
    std::string password;
};

struct OcppTestClientOptions {
    // How long connect(), call(), next_frame() and wait_closed() wait by default.
    std::chrono::milliseconds timeout{5000};
    // Never read after the handshake: pings go unanswered and nothing is received, like a dead charger.
    bool silent = false;
    std::optional<TlsClientOptions> tls;
    // Sent as `Authorization: Basic base64(username:password)` with the upgrade request.
    std::optional<BasicAuth> basic_auth;
};

class OcppTestClient {
public:
    explicit OcppTestClient(OcppTestClientOptions options = {});
    // Drops the TCP connection (no close handshake) and stops the I/O thread.
    ~OcppTestClient();
    OcppTestClient(const OcppTestClient &) = delete;
    OcppTestClient &operator=(const OcppTestClient &) = delete;

    // Connects to ws://127.0.0.1:<port>/ocpp/<percent-encoded id> (wss:// with options.tls),
    // offering `subprotocols` in one Sec-WebSocket-Protocol header (none: no header). A failed TLS
    // handshake leaves http_status 0 with "tls: …" in error. Call once per client.
    Handshake connect(std::uint16_t port, const std::string &charge_point_id,
                      std::vector<std::string> subprotocols = {"ocpp1.6"});
    // The same with a raw request target, e.g. "/other" or "/ocpp/a%2Fb".
    Handshake connect_target(std::uint16_t port, const std::string &target, std::vector<std::string> subprotocols);

    // Sends a CALL and waits for its CALLRESULT or CALLERROR. Throws std::runtime_error when no
    // answer comes within the timeout or the connection ends first.
    CallAnswer call(const std::string &action, ocpp::Json payload);
    void send_text(std::string text);
    void send_binary(std::string data);
    // The next received text frame that call() and the call handler did not take; nullopt on timeout
    // or once the connection has ended and every frame was taken.
    std::optional<std::string> next_frame(std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    // From now on, answers the server's CALLs with `handler` (without one they go to next_frame()).
    void on_call(CallHandler handler);

    // Waits for the connection to end; nullopt on timeout.
    std::optional<CloseInfo> wait_closed(std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    // Starts a close handshake with `code` and waits for the connection to end.
    std::optional<CloseInfo> close(std::uint16_t code = 1000);
    bool is_open() const;

    // The version negotiated by connect() (1.6 until then).
    ocpp::Version version() const;
    // WebSocket pings received from the server so far.
    std::size_t pings_received() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace manage::testing
