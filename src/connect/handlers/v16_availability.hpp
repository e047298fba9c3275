#pragma once
// OCPP 1.6 Core profile: StatusNotification (OCPP 1.6 §4.9).
#include "handlers/handler_context.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> status_notification(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v16
