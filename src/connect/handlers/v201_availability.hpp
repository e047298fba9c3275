#pragma once
// OCPP 2.0.1 functional block G, Availability: StatusNotification (G01) and Heartbeat (G02).
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> status_notification(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> heartbeat(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
