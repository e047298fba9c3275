#pragma once
// What the server and the registry see of one charger connection; the Beast session implements it.
#include "manage/connect/ocpp_server.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace manage::connect {

// WebSocket close codes (RFC 6455 §7.4.1) that connect sends.
enum class CloseCode : std::uint16_t {
    Normal = 1000,
    GoingAway = 1001,
    UnsupportedData = 1003,
    PolicyViolation = 1008,
    TooBig = 1009,
    InternalError = 1011,
};

// Completes a server-initiated call exactly once; callable from the connection's strand.
using CallCompletion = std::function<void(CallResponse)>;

class Connection {
public:
    virtual ~Connection() = default;
    // Set once before the connection is registered; constant afterwards.
    virtual const ConnectionInfo &info() const = 0;
    // Thread-safe: queue a CALL to the charger; `done` runs once with its outcome.
    virtual void send_call(ocpp::Call call, CallCompletion done) = 0;
    // Thread-safe: close with `code` (or drop the socket while still in the HTTP handshake).
    virtual void close(CloseCode code, std::string reason) = 0;
};

} // namespace manage::connect
