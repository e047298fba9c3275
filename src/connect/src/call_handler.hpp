#pragma once
// Answers one CALL from a charger (OCPP-J 1.6 §4.2, OCPP 2.0.1 Part 4 §4.2): an unknown action gets
// NotImplemented, a payload failing its schema the violation's error, anything else goes to the
// dispatcher, whose exceptions become InternalError. Beast-free.
#include "connect_metrics.hpp"

#include "manage/connect/ocpp_server.hpp"

#include <spdlog/logger.h>

#include <string>

namespace manage::connect {

struct CallAnswer {
    std::string frame;                     // the serialized CALLRESULT or CALLERROR
    MessageType type;                      // Result or Error
    std::optional<FrameError> frame_error; // set when the CALL itself was refused
};

asio::awaitable<CallAnswer> answer_call(CallDispatcher &dispatcher, const ConnectionInfo &connection,
                                        const ocpp::Call &call, spdlog::logger &log);

// A CALLERROR in the connection's version spelling.
ocpp::CallError make_call_error(const std::string &message_id, ocpp::RpcError error, ocpp::Version version,
                                std::string description, ocpp::Json details = ocpp::Json::object());

} // namespace manage::connect
