#include "handlers/handler_context.hpp"

namespace manage::connect {

ocpp::CallError call_error(const ConnectionInfo &connection, const ocpp::Call &call, ocpp::RpcError error,
                           std::string description) {
    return ocpp::CallError{call.message_id, std::string(ocpp::error_code_name(error, connection.version)),
                           std::move(description), ocpp::Json::object()};
}

ocpp::CallError violation_error(const ConnectionInfo &connection, const ocpp::Call &call,
                                const ocpp::Violation &violation) {
    return ocpp::CallError{call.message_id, std::string(ocpp::error_code_name(violation.error, connection.version)),
                           violation.description, ocpp::Json{{"path", violation.path}}};
}

std::string boot_status_text(BootStatus status) {
    switch (status) {
    case BootStatus::Accepted:
        return "Accepted";
    case BootStatus::Pending:
        return "Pending";
    case BootStatus::Rejected:
        return "Rejected";
    }
    return "Rejected";
}

} // namespace manage::connect
