#pragma once
// The security messages as both versions read them (1.6 security extension, 2.0.1 A02–A04):
// SecurityEventNotification, and SignCertificate with the CSR's PEM framing checked here and the rest
// decided by core.
#include "handlers/handler_context.hpp"
#include "manage/common/blocking.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace manage::connect {

// "a Certificate Signing Request (CSR) as described in RFC 2986 and then PEM encoded": refused with
// PropertyConstraintViolation at /csr when the BEGIN/END CERTIFICATE REQUEST lines are missing.
Checked<CertificateSigningRequest> framed_signing_request(const std::string &csr, std::string certificate_type);

// At most `code_points` UTF-8 code points of `text` (OCPP string lengths count characters).
std::string cut_to(std::string_view text, std::size_t code_points);

// Reads `call` as `Request` with `translate` (const Request & → Checked<CertificateSigningRequest>) and
// asks core on a worker: core's answer, or the CALLERROR of a malformed request.
template <class Request, class Translate>
asio::awaitable<std::variant<SigningAnswer, ocpp::CallError>> ask_to_sign(HandlerContext context,
                                                                          const ocpp::Call &call, Translate translate) {
    auto request = read_request<Request>(call, translate);
    if (!request)
        co_return violation_error(context.connection, call, request.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, request = std::move(request).value()] {
        return core.sign_certificate(id, request);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

// SecurityEventNotification (1.6 security extension, 2.0.1 A04): the same members in both versions.
template <class Request, class Response>
asio::awaitable<CallOutcome> answer_security_event(HandlerContext context, ocpp::Call call) {
    auto translate = [](const Request &request) -> Checked<SecurityEvent> {
        return SecurityEvent{.type = request.type.str(),
                             .timestamp = request.timestamp.time_point(),
                             .tech_info = request.tech_info ? request.tech_info->str() : std::string()};
    };
    auto event = read_request<Request>(call, translate);
    if (!event)
        co_return violation_error(context.connection, call, event.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, event = std::move(event).value()] {
        core.security_event(id, event);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    ocpp::Json payload = Response{};
    co_return payload;
}

} // namespace manage::connect
