#include "handlers/v16_security.hpp"

#include "handlers/security_messages.hpp"
#include "handlers/v16_firmware.hpp"
#include "manage/common/blocking.hpp"
#include "manage/ocpp/v16/messages/LogStatusNotification.hpp"
#include "manage/ocpp/v16/messages/SecurityEventNotification.hpp"
#include "manage/ocpp/v16/messages/SignCertificate.hpp"
#include "manage/ocpp/v16/messages/SignedFirmwareStatusNotification.hpp"

namespace manage::connect::v16 {
namespace {

namespace msg = ocpp::v16;

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
    return answer_security_event<msg::SecurityEventNotificationRequest, msg::SecurityEventNotificationResponse>(
        context, std::move(call));
}

// Accepted when core's CA signed the certificate: CertificateSigned follows. 1.6 has no room for the
// reason of a rejection; it is in the certificate request core keeps.
asio::awaitable<CallOutcome> sign_certificate(HandlerContext context, ocpp::Call call) {
    auto translate = [](const msg::SignCertificateRequest &request) {
        return framed_signing_request(request.csr.str(), "ChargingStationCertificate");
    };
    auto answer = co_await ask_to_sign<msg::SignCertificateRequest>(context, call, translate);
    if (auto *error = std::get_if<ocpp::CallError>(&answer))
        co_return std::move(*error);
    const msg::SignCertificateResponse response{.status = std::get<SigningAnswer>(answer).accepted
                                                              ? msg::GenericStatusEnumType::Accepted
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
