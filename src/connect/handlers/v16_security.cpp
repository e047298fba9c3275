#include "handlers/v16_security.hpp"

#include "handlers/v16_firmware.hpp"
#include "manage/common/blocking.hpp"
#include "manage/ocpp/v16/messages/LogStatusNotification.hpp"
#include "manage/ocpp/v16/messages/SecurityEventNotification.hpp"
#include "manage/ocpp/v16/messages/SignCertificate.hpp"
#include "manage/ocpp/v16/messages/SignedFirmwareStatusNotification.hpp"

#include <string_view>

namespace manage::connect::v16 {
namespace {

namespace msg = ocpp::v16;

Checked<SecurityEvent> to_security_event(const msg::SecurityEventNotificationRequest &request) {
    return SecurityEvent{.type = request.type.str(),
                         .timestamp = request.timestamp.time_point(),
                         .tech_info = request.tech_info ? request.tech_info->str() : std::string()};
}

// The CSR is "a Certificate Signing Request (CSR) as described in RFC 2986 and then PEM encoded".
Checked<CertificateSigningRequest> to_signing_request(const msg::SignCertificateRequest &request) {
    constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE REQUEST-----";
    constexpr std::string_view kEnd = "-----END CERTIFICATE REQUEST-----";
    const std::string_view csr = request.csr;
    const auto begin = csr.find(kBegin);
    if (begin == std::string_view::npos || csr.find(kEnd, begin + kBegin.size()) == std::string_view::npos)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/csr",
                      "csr must be a PEM-encoded certificate signing request (BEGIN/END CERTIFICATE REQUEST)");
    return CertificateSigningRequest{.csr = request.csr.str()};
}

// requestId "is mandatory, unless the message was triggered by a TriggerMessage.req or the
// ExtendedTriggerMessage.req AND there is no [firmware update | log upload] ongoing", and a charger
// with nothing ongoing reports Idle. So every status but Idle needs the requestId.
template <JobKind kKind, class Request> Checked<JobStatus> to_job_status(const Request &request) {
    const auto status = msg::to_string(request.status);
    if (!request.request_id && status != "Idle")
        return refuse(ocpp::RpcError::OccurrenceConstraintViolation, "",
                      "requestId is required with status " + std::string(status) + " (only Idle may omit it)");
    return JobStatus{.kind = kKind, .status = std::string(status), .request_id = request.request_id};
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

asio::awaitable<CallOutcome> sign_certificate(HandlerContext context, ocpp::Call call) {
    auto request = read_request<msg::SignCertificateRequest>(call, &to_signing_request);
    if (!request)
        co_return violation_error(context.connection, call, request.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, request = std::move(request).value()] {
        return core.sign_certificate(id, request);
    };
    const bool accepted = co_await run_blocking(context.workers, std::move(work));
    const msg::SignCertificateResponse response{.status = accepted ? msg::GenericStatusEnumType::Accepted
                                                                   : msg::GenericStatusEnumType::Rejected};
    ocpp::Json payload = response;
    co_return payload;
}

asio::awaitable<CallOutcome> signed_firmware_status_notification(HandlerContext context, ocpp::Call call) {
    using Request = msg::SignedFirmwareStatusNotificationRequest;
    return answer_job_status<Request, msg::SignedFirmwareStatusNotificationResponse>(
        context, std::move(call), &to_job_status<JobKind::SignedFirmware, Request>);
}

asio::awaitable<CallOutcome> log_status_notification(HandlerContext context, ocpp::Call call) {
    using Request = msg::LogStatusNotificationRequest;
    return answer_job_status<Request, msg::LogStatusNotificationResponse>(context, std::move(call),
                                                                          &to_job_status<JobKind::Log, Request>);
}

} // namespace manage::connect::v16
