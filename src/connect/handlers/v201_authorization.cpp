#include "handlers/v201_authorization.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v201/messages/Authorize.hpp"

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

msg::AuthorizationStatusEnumType to_status(AuthorizationStatus status) {
    switch (status) {
    case AuthorizationStatus::Accepted:
        return msg::AuthorizationStatusEnumType::Accepted;
    case AuthorizationStatus::Blocked:
        return msg::AuthorizationStatusEnumType::Blocked;
    case AuthorizationStatus::Expired:
        return msg::AuthorizationStatusEnumType::Expired;
    case AuthorizationStatus::ConcurrentTx:
        return msg::AuthorizationStatusEnumType::ConcurrentTx;
    case AuthorizationStatus::Invalid:
        break;
    }
    return msg::AuthorizationStatusEnumType::Invalid;
}

Checked<IdToken> to_authorize_token(const msg::AuthorizeRequest &request) {
    return to_id_token(request.id_token, "/idToken");
}

} // namespace

msg::IdTokenInfoType to_id_token_info(const IdTagAnswer &answer) {
    msg::IdTokenInfoType info;
    // AuthorizationStatusEnumType has Unknown ("the identifier is unknown"): a token the platform has never
    // heard of is that, not Invalid as 1.6 must say.
    info.status = answer.unknown ? msg::AuthorizationStatusEnumType::Unknown : to_status(answer.status);
    if (answer.expiry)
        info.cache_expiry_date_time = ocpp::DateTime(*answer.expiry);
    if (!answer.parent_id_tag.empty()) {
        msg::IdTokenType group;
        group.id_token = ocpp::CiString<36>(answer.parent_id_tag);
        group.type = msg::IdTokenEnumType::Central;
        info.group_id_token = group;
    }
    return info;
}

Checked<IdToken> to_id_token(const msg::IdTokenType &token, const std::string &path) {
    const auto type = std::string(msg::to_string(token.type));
    if (token.id_token.empty() && token.type != msg::IdTokenEnumType::NoAuthorization)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, path + "/idToken",
                      "idToken must not be empty unless its type is NoAuthorization");
    return IdToken{token.id_token.str(), type};
}

asio::awaitable<CallOutcome> authorize(HandlerContext context, ocpp::Call call) {
    auto token = read_request<msg::AuthorizeRequest>(call, &to_authorize_token);
    if (!token)
        co_return violation_error(context.connection, call, token.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, token = std::move(token).value()] {
        return core.authorize_token(id, token);
    };
    const auto answer = co_await run_blocking(context.workers, std::move(work));
    // No certificateStatus: Manage has no ISO 15118 PKI to check a contract certificate against.
    const msg::AuthorizeResponse response{.id_token_info = to_id_token_info(answer)};
    ocpp::Json payload = response;
    co_return payload;
}

} // namespace manage::connect::v201
