#include "handlers/v201_security.hpp"

#include "handlers/security_messages.hpp"
#include "manage/ocpp/v201/messages/SecurityEventNotification.hpp"
#include "manage/ocpp/v201/messages/SignCertificate.hpp"

namespace manage::connect::v201 {

namespace msg = ocpp::v201;

asio::awaitable<CallOutcome> security_event_notification(HandlerContext context, ocpp::Call call) {
    return answer_security_event<msg::SecurityEventNotificationRequest, msg::SecurityEventNotificationResponse>(
        context, std::move(call));
}

// A02/A03: Accepted when core's CA signed the certificate (CertificateSigned follows); Rejected with
// core's reason otherwise (no CA configured, an invalid CSR, …). certificateType defaults to
// ChargingStationCertificate.
asio::awaitable<CallOutcome> sign_certificate(HandlerContext context, ocpp::Call call) {
    auto translate = [](const msg::SignCertificateRequest &request) {
        const auto type =
            request.certificate_type.value_or(msg::CertificateSigningUseEnumType::ChargingStationCertificate);
        return framed_signing_request(request.csr.str(), std::string(msg::to_string(type)));
    };
    auto asked = co_await ask_to_sign<msg::SignCertificateRequest>(context, call, translate);
    if (auto *error = std::get_if<ocpp::CallError>(&asked))
        co_return std::move(*error);
    const auto &answer = std::get<SigningAnswer>(asked);
    msg::SignCertificateResponse response{.status = answer.accepted ? msg::GenericStatusEnumType::Accepted
                                                                    : msg::GenericStatusEnumType::Rejected};
    if (!answer.accepted && !answer.reason_code.empty())
        response.status_info = msg::StatusInfoType{.custom_data = {},
                                                   .reason_code = cut_to(answer.reason_code, 20),
                                                   .additional_info = cut_to(answer.additional_info, 512)};
    ocpp::Json payload = response;
    co_return payload;
}

} // namespace manage::connect::v201
