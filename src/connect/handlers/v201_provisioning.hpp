#pragma once
// OCPP 2.0.1 functional block B, Provisioning: BootNotification (B01–B04).
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> boot_notification(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
