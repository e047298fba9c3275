#include "handlers/v201_security.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v201/messages/SecurityEventNotification.hpp"
#include "manage/ocpp/v201/messages/SignCertificate.hpp"

#include <string_view>

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

Checked<SecurityEvent> to_security_event(const msg::SecurityEventNotificationRequest &request) {
    return SecurityEvent{.type = request.type.str(),
                         .timestamp = request.timestamp.time_point(),
                         .tech_info = request.tech_info ? request.tech_info->str() : std::string()};
}

// The CSR is "a Certificate Signing Request (CSR) as described in RFC 2986 and then PEM encoded", as in
// the 1.6 security extension. certificateType defaults to ChargingStationCertificate.
Checked<CertificateSigningRequest> to_signing_request(const msg::SignCertificateRequest &request) {
    constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE REQUEST-----";
    constexpr std::string_view kEnd = "-----END CERTIFICATE REQUEST-----";
    const std::string_view csr = request.csr;
    const auto begin = csr.find(kBegin);
    if (begin == std::string_view::npos || csr.find(kEnd, begin + kBegin.size()) == std::string_view::npos)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/csr",
                      "csr must be a PEM-encoded certificate signing request (BEGIN/END CERTIFICATE REQUEST)");
    const auto type = request.certificate_type.value_or(msg::CertificateSigningUseEnumType::ChargingStationCertificate);
    return CertificateSigningRequest{.csr = request.csr.str(), .certificate_type = std::string(msg::to_string(type))};
}

} // namespace

asio::awaitable<CallOutcome> security_event_notification(HandlerContext context, ocpp::Call call) {
    auto event = read_request<msg::SecurityEventNotificationRequest>(call, &to_security_event);
    if (!event)
        co_return violation_error(context.connection, call, event.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, event = std::move(event).value()] {
        core.security_event(id, event);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    ocpp::Json payload = msg::SecurityEventNotificationResponse{};
    co_return payload;
}

// Accepted: core keeps the CSR for signing. Rejected: core found that the CSR, PEM-framed as checked here,
// does not parse or its signature does not verify; statusInfo says so.
asio::awaitable<CallOutcome> sign_certificate(HandlerContext context, ocpp::Call call) {
    auto request = read_request<msg::SignCertificateRequest>(call, &to_signing_request);
    if (!request)
        co_return violation_error(context.connection, call, request.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, request = std::move(request).value()] {
        return core.sign_certificate(id, request);
    };
    const bool accepted = co_await run_blocking(context.workers, std::move(work));
    msg::SignCertificateResponse response{.status = accepted ? msg::GenericStatusEnumType::Accepted
                                                             : msg::GenericStatusEnumType::Rejected};
    if (!accepted)
        response.status_info = msg::StatusInfoType{
            .reason_code = "InvalidCSR",
            .additional_info = "the CSR is not a PKCS#10 certificate signing request with a valid signature"};
    ocpp::Json payload = response;
    co_return payload;
}

} // namespace manage::connect::v201
