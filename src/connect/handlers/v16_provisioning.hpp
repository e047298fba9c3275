#pragma once
// OCPP 1.6 Core profile: BootNotification and Heartbeat (OCPP 1.6 §4.2, §4.6).
#include "handlers/handler_context.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> boot_notification(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> heartbeat(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v16
