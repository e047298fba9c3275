#pragma once
// OCPP-J RPC framing (OCPP-J 1.6 §4, OCPP 2.0.1 Part 4 §4): CALL [2,id,action,payload],
// CALLRESULT [3,id,payload], CALLERROR [4,id,code,description,details].
#include "manage/ocpp/error_code.hpp"
#include "manage/ocpp/version.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace manage::ocpp {

using Json = nlohmann::json;

// RpcError, error_code_name() and parse_error_code() live in error_code.hpp.

struct Call {
    std::string message_id;
    std::string action;
    Json payload;
};

struct CallResult {
    std::string message_id;
    Json payload;
};

struct CallError {
    std::string message_id;
    std::string error_code; // as received or to be sent, in the version's spelling
    std::string description;
    Json details = Json::object();
};

using Frame = std::variant<Call, CallResult, CallError>;

// Why a text frame could not be read as an RPC message. When message_id is set the peer gets a
// CALLERROR with `error`; when it is not (no id could be read) the frame is logged and dropped.
struct FrameProblem {
    std::optional<std::string> message_id;
    RpcError error;
    std::string description;
};

// Parses one WebSocket text message. Never throws.
std::variant<Frame, FrameProblem> parse_frame(std::string_view text, Version version);

std::string serialize(const Call &call);
std::string serialize(const CallResult &result);
std::string serialize(const CallError &error);

} // namespace manage::ocpp
