#include "handlers/v201_display_messages.hpp"

#include "handlers/v201_components.hpp"
#include "manage/common/blocking.hpp"
#include "manage/ocpp/v201/messages/NotifyDisplayMessages.hpp"

#include <set>

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

// A message id is "a positive Integer value (greater or equal to zero)", and identifies one message on the
// station: a report names it once.
Checked<DisplayMessagesPart> to_display_part(const msg::NotifyDisplayMessagesRequest &request) {
    DisplayMessagesPart part{.request_id = request.request_id, .tbc = request.tbc.value_or(false), .messages = {}};
    if (!request.message_info)
        return part;
    std::set<int> ids;
    for (std::size_t i = 0; i < request.message_info->size(); ++i) {
        const auto &info = (*request.message_info)[i];
        const auto path = "/messageInfo/" + std::to_string(i);
        if (info.id < 0)
            return refuse(ocpp::RpcError::PropertyConstraintViolation, path + "/id",
                          "a message id is greater than or equal to 0");
        if (!ids.insert(info.id).second)
            return refuse(ocpp::RpcError::OccurrenceConstraintViolation, path + "/id",
                          "message " + std::to_string(info.id) + " appears more than once");
        DisplayMessage message{
            .id = info.id,
            .priority = std::string(msg::to_string(info.priority)),
            .state = info.state ? std::string(msg::to_string(*info.state)) : std::string(),
            .start_date_time = info.start_date_time ? std::optional(info.start_date_time->time_point()) : std::nullopt,
            .end_date_time = info.end_date_time ? std::optional(info.end_date_time->time_point()) : std::nullopt,
            .transaction_id = text_or_empty(info.transaction_id),
            .format = std::string(msg::to_string(info.message.format)),
            .language = text_or_empty(info.message.language),
            .content = info.message.content.str(),
            .display = std::nullopt};
        if (info.display) {
            auto display = to_component(*info.display, path + "/display");
            if (!display)
                return outcome::failure(std::move(display).error());
            message.display = std::move(display).value();
        }
        part.messages.push_back(std::move(message));
    }
    return part;
}

} // namespace

// O04: a part of the answer to GetDisplayMessages; the complete report replaces the known display messages.
asio::awaitable<CallOutcome> notify_display_messages(HandlerContext context, ocpp::Call call) {
    auto part = read_request<msg::NotifyDisplayMessagesRequest>(call, &to_display_part);
    if (!part)
        co_return violation_error(context.connection, call, part.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, part = std::move(part).value()] {
        core.display_messages(id, part);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    ocpp::Json payload = msg::NotifyDisplayMessagesResponse{};
    co_return payload;
}

} // namespace manage::connect::v201
