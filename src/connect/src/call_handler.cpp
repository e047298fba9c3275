#include "call_handler.hpp"

#include "manage/ocpp/validation.hpp"

#include <exception>

namespace manage::connect {
namespace {

CallAnswer error_answer(ocpp::CallError error, std::optional<FrameError> frame_error = std::nullopt) {
    return CallAnswer{ocpp::serialize(error), MessageType::Error, frame_error};
}

} // namespace

ocpp::CallError make_call_error(const std::string &message_id, ocpp::RpcError error, ocpp::Version version,
                                std::string description, ocpp::Json details) {
    return ocpp::CallError{message_id, std::string(ocpp::error_code_name(error, version)), std::move(description),
                           std::move(details)};
}

asio::awaitable<CallAnswer> answer_call(CallDispatcher &dispatcher, const ConnectionInfo &connection,
                                        const ocpp::Call &call, spdlog::logger &log) {
    const auto version = connection.version;
    if (!ocpp::is_known_action(version, call.action)) {
        co_return error_answer(make_call_error(call.message_id, ocpp::RpcError::NotImplemented, version,
                                               "unknown action for OCPP " + std::string(ocpp::version_label(version))),
                               FrameError::UnknownAction);
    }
    if (auto violation = ocpp::validate(version, call.action, ocpp::Direction::Request, call.payload)) {
        co_return error_answer(make_call_error(call.message_id, violation->error, version, violation->description,
                                               ocpp::Json{{"path", violation->path}}),
                               FrameError::InvalidPayload);
    }

    std::optional<CallOutcome> outcome;
    std::string failure;
    try {
        outcome = co_await dispatcher.on_call(connection, call);
    } catch (const std::exception &e) {
        failure = e.what();
    } catch (...) {
        failure = "unknown exception";
    }
    if (!outcome) {
        log.error("[charger={}] the {} handler failed: {}", connection.charge_point_id, call.action, failure);
        co_return error_answer(
            make_call_error(call.message_id, ocpp::RpcError::InternalError, version, "internal error"));
    }

    if (auto *error = std::get_if<ocpp::CallError>(&*outcome)) {
        error->message_id = call.message_id;
        co_return error_answer(std::move(*error));
    }
    auto &payload = std::get<ocpp::Json>(*outcome);
    if (auto violation = ocpp::validate(version, call.action, ocpp::Direction::Response, payload)) {
        // A bug in the handler: never send a charger a response that breaks the schema.
        log.error("[charger={}] the {} handler's response breaks the schema at '{}': {}", connection.charge_point_id,
                  call.action, violation->path, violation->description);
        co_return error_answer(make_call_error(call.message_id, ocpp::RpcError::InternalError, version,
                                               "internal error: invalid response"));
    }
    co_return CallAnswer{ocpp::serialize(ocpp::CallResult{call.message_id, std::move(payload)}), MessageType::Result,
                         std::nullopt};
}

} // namespace manage::connect
