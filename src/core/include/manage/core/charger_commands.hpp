#pragma once
// The port through which core sends a command (a central-system-initiated OCPP CALL) to a charger
// and waits for its answer. In one process the platform implements it over connect's OcppServer.
#include "manage/common/asio.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace manage::core {

// Why a command did not produce the charger's response.
enum class CommandFailure {
    NotConnected,    // the charger has no open connection
    Timeout,         // no answer within the call timeout
    CallError,       // the charger answered with a CALLERROR
    InvalidResponse, // the charger's answer violates the response schema
    ConnectionLost,  // the connection ended before the answer
};

struct CommandResult {
    std::optional<nlohmann::json> response; // the CALLRESULT payload on success
    std::optional<CommandFailure> failure;
    std::string error_code;        // the charger's CALLERROR code when failure == CallError
    std::string error_description; // its description
    std::string description;       // for people: what went wrong

    bool ok() const { return response.has_value(); }
};

class ChargerCommands {
public:
    virtual ~ChargerCommands() = default;
    // `payload` must already be valid for `action`'s request schema in the charger's version.
    virtual asio::awaitable<CommandResult> send(std::string charger_id, std::string action, nlohmann::json payload) = 0;
};

} // namespace manage::core
