#include "manage/core/audited_charger_commands.hpp"

#include "manage/core/command_service.hpp"

namespace manage::core {
namespace {

// CommandReply's error codes (command_service.hpp) back to the port's failures.
CommandFailure failure_of(const std::string &code) {
    if (code == "not_connected" || code == "charger_not_found")
        return CommandFailure::NotConnected;
    if (code == "timeout")
        return CommandFailure::Timeout;
    if (code == "charger_error")
        return CommandFailure::CallError;
    if (code == "connection_lost")
        return CommandFailure::ConnectionLost;
    return CommandFailure::InvalidResponse; // invalid_response, and refusals a caller's payload earned
}

} // namespace

asio::awaitable<CommandResult> AuditedChargerCommands::send(std::string charger_id, std::string action,
                                                            nlohmann::json payload) {
    auto actor = actor_; // named: GCC 12 double-destroys temporaries passed in a co_await
    auto reply =
        co_await commands_.execute(std::move(charger_id), std::move(action), std::move(payload), std::move(actor));
    CommandResult result;
    if (reply.ok()) {
        result.response = std::move(reply.response);
        co_return result;
    }
    const auto code = reply.error ? reply.error->code : std::string("invalid_response");
    result.failure = failure_of(code);
    result.error_code = reply.charger_error_code;
    result.error_description = reply.charger_error_description;
    result.description = reply.error ? reply.error->message : "the command failed";
    co_return result;
}

} // namespace manage::core
