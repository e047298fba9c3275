#pragma once
// What every version handler gets, and the helpers they share to read a request and refuse it.
#include "manage/common/result.hpp"
#include "manage/connect/core_link.hpp"
#include "manage/connect/ocpp_server.hpp"
#include "manage/ocpp/message.hpp"

#include <utility>
#include <variant>

namespace manage::connect {

struct HandlerContext {
    CoreLink &core;
    asio::thread_pool &workers;
    const ConnectionInfo &connection;
};

ocpp::CallError call_error(const ConnectionInfo &connection, const ocpp::Call &call, ocpp::RpcError error,
                           std::string description);

// A schema or semantic violation as a CALLERROR, with details {"path": <JSON pointer>} as the server
// gives for schema violations.
ocpp::CallError violation_error(const ConnectionInfo &connection, const ocpp::Call &call,
                                const ocpp::Violation &violation);

// A request translated for core, or the first way in which it breaks a rule the schema cannot express.
template <class T> using Checked = outcome::result<T, ocpp::Violation, outcome::policy::terminate>;

inline auto refuse(ocpp::RpcError error, std::string path, std::string description) {
    return outcome::failure(ocpp::Violation{error, std::move(path), std::move(description)});
}

// Reads `call`'s payload as the generated `Request` and translates it with `translate`
// (const Request & → Checked<T>). The server validated the payload against the schema already;
// parsing again reports the same violation should a caller not have.
template <class Request, class Translate>
auto read_request(const ocpp::Call &call, Translate translate) -> decltype(translate(std::declval<const Request &>())) {
    auto parsed = ocpp::parse<Request>(call.payload);
    if (auto *violation = std::get_if<ocpp::Violation>(&parsed))
        return outcome::failure(std::move(*violation));
    return translate(std::get<Request>(parsed));
}

std::string boot_status_text(BootStatus status);

} // namespace manage::connect
