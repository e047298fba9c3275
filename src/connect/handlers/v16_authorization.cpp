#include "handlers/v16_authorization.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v16/messages/Authorize.hpp"

namespace manage::connect::v16 {
namespace {

namespace msg = ocpp::v16;

msg::IdTagInfoStatus to_status(AuthorizationStatus status) {
    switch (status) {
    case AuthorizationStatus::Accepted:
        return msg::IdTagInfoStatus::Accepted;
    case AuthorizationStatus::Blocked:
        return msg::IdTagInfoStatus::Blocked;
    case AuthorizationStatus::Expired:
        return msg::IdTagInfoStatus::Expired;
    case AuthorizationStatus::ConcurrentTx:
        return msg::IdTagInfoStatus::ConcurrentTx;
    case AuthorizationStatus::Invalid:
        break;
    }
    return msg::IdTagInfoStatus::Invalid;
}

Checked<std::string> to_id_tag(const msg::AuthorizeRequest &request) {
    if (auto violation = check_id_tag(request.id_tag, "/idTag"))
        return outcome::failure(std::move(*violation));
    return request.id_tag.str();
}

} // namespace

msg::IdTagInfo to_id_tag_info(const IdTagAnswer &answer) {
    msg::IdTagInfo info;
    info.status = to_status(answer.status);
    if (answer.expiry)
        info.expiry_date = ocpp::DateTime(*answer.expiry);
    // Core's tags are up to 36 characters (2.0.1); a parent a 1.6 charger cannot carry is left out.
    if (!answer.parent_id_tag.empty() && answer.parent_id_tag.size() <= 20)
        info.parent_id_tag = ocpp::CiString<20>(answer.parent_id_tag);
    return info;
}

std::optional<ocpp::Violation> check_id_tag(const ocpp::CiString<20> &id_tag, std::string path) {
    if (id_tag.empty())
        return ocpp::Violation{ocpp::RpcError::PropertyConstraintViolation, std::move(path), "idTag must not be empty"};
    return std::nullopt;
}

asio::awaitable<CallOutcome> authorize(HandlerContext context, ocpp::Call call) {
    auto id_tag = read_request<msg::AuthorizeRequest>(call, &to_id_tag);
    if (!id_tag)
        co_return violation_error(context.connection, call, id_tag.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, id_tag = std::move(id_tag).value()] {
        return core.authorize(id, id_tag);
    };
    const auto answer = co_await run_blocking(context.workers, std::move(work));
    const msg::AuthorizeResponse response{.id_tag_info = to_id_tag_info(answer)};
    ocpp::Json payload = response;
    co_return payload;
}

} // namespace manage::connect::v16
