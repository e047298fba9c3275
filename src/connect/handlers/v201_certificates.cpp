#include "handlers/v201_certificates.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v201/messages/Get15118EVCertificate.hpp"
#include "manage/ocpp/v201/messages/GetCertificateStatus.hpp"

#include <nlohmann/json.hpp>

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

// Core gets the request as OCPP shapes it (the charger's customData left out), and the action.
template <class Request> Checked<Iso15118Request> to_iso15118_request(const Request &request) {
    ocpp::Json details = request;
    details.erase("customData");
    return Iso15118Request{.action = std::string(Request::kAction), .details = details.dump()};
}

// Core's reason, when it gives one. Too long a reason code (over 20 characters) is core's bug: the
// CiString throws and the charger gets InternalError.
std::optional<msg::StatusInfoType> status_info(const Iso15118Answer &answer) {
    if (answer.reason_code.empty())
        return std::nullopt;
    msg::StatusInfoType info{.custom_data = {}, .reason_code = answer.reason_code, .additional_info = {}};
    if (!answer.additional_info.empty())
        info.additional_info = answer.additional_info;
    return info;
}

template <class Request>
asio::awaitable<std::variant<Iso15118Answer, ocpp::CallError>> ask_core(HandlerContext context,
                                                                        const ocpp::Call &call) {
    auto request = read_request<Request>(call, &to_iso15118_request<Request>);
    if (!request)
        co_return violation_error(context.connection, call, request.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, request = std::move(request).value()] {
        return core.certificate_request_15118(id, request);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

} // namespace

// M02/M03: the EV asks, through the charger, for a contract certificate to be installed or updated.
// exiResponse is required even when there is none: it is then empty.
asio::awaitable<CallOutcome> get_15118_ev_certificate(HandlerContext context, ocpp::Call call) {
    auto asked = co_await ask_core<msg::Get15118EVCertificateRequest>(context, call);
    if (auto *error = std::get_if<ocpp::CallError>(&asked))
        co_return std::move(*error);
    const auto &answer = std::get<Iso15118Answer>(asked);
    const msg::Get15118EVCertificateResponse response{
        .custom_data = {},
        .status = answer.accepted ? msg::Iso15118EVCertificateStatusEnumType::Accepted
                                  : msg::Iso15118EVCertificateStatusEnumType::Failed,
        .status_info = status_info(answer),
        .exi_response = answer.accepted ? answer.response : std::string()};
    ocpp::Json payload = response;
    co_return payload;
}

// M06: the charger asks for the OCSP status of a certificate (e.g. the EV's contract certificate chain).
asio::awaitable<CallOutcome> get_certificate_status(HandlerContext context, ocpp::Call call) {
    auto asked = co_await ask_core<msg::GetCertificateStatusRequest>(context, call);
    if (auto *error = std::get_if<ocpp::CallError>(&asked))
        co_return std::move(*error);
    const auto &answer = std::get<Iso15118Answer>(asked);
    msg::GetCertificateStatusResponse response{.custom_data = {},
                                               .status = answer.accepted ? msg::GetCertificateStatusEnumType::Accepted
                                                                         : msg::GetCertificateStatusEnumType::Failed,
                                               .status_info = status_info(answer),
                                               .ocsp_result = {}};
    if (answer.accepted && !answer.response.empty())
        response.ocsp_result = answer.response;
    ocpp::Json payload = response;
    co_return payload;
}

} // namespace manage::connect::v201
