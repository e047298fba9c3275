#pragma once
// OCPP 2.0.1 functional block O, Display message, the station → CSMS message: NotifyDisplayMessages (O04,
// the answer to GetDisplayMessages).
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> notify_display_messages(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
