#include "ocpp_charger_commands.hpp"

#include "manage/connect/ocpp_server.hpp"

namespace manage::platform {
namespace {

core::CommandFailure to_core(connect::CallFailure failure) {
    switch (failure) {
    case connect::CallFailure::NotConnected:
        return core::CommandFailure::NotConnected;
    case connect::CallFailure::Timeout:
        return core::CommandFailure::Timeout;
    case connect::CallFailure::CallError:
        return core::CommandFailure::CallError;
    case connect::CallFailure::InvalidResponse:
        return core::CommandFailure::InvalidResponse;
    case connect::CallFailure::ConnectionLost:
        return core::CommandFailure::ConnectionLost;
    }
    return core::CommandFailure::ConnectionLost;
}

} // namespace

bool OcppChargerCommands::is_local(const std::string &charger_id) const {
    const auto *server = server_.load();
    return server != nullptr && server->is_connected(charger_id);
}

asio::awaitable<core::CommandResult> OcppChargerCommands::send(std::string charger_id, std::string action,
                                                               nlohmann::json payload) {
    core::CommandResult result;
    auto *server = server_.load();
    if (server == nullptr) {
        result.failure = core::CommandFailure::NotConnected;
        result.description = "this process runs no OCPP server";
        co_return result;
    }
    const auto response = co_await server->call(std::move(charger_id), std::move(action), std::move(payload));
    if (response.payload) {
        result.response = *response.payload;
        co_return result;
    }
    result.failure = to_core(response.failure.value_or(connect::CallFailure::ConnectionLost));
    result.description = response.description;
    if (response.call_error) {
        result.error_code = response.call_error->error_code;
        result.error_description = response.call_error->description;
    }
    co_return result;
}

} // namespace manage::platform
