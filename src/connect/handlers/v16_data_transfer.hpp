#pragma once
// OCPP 1.6 Core profile: DataTransfer from the charger (OCPP 1.6 §4.3).
#include "handlers/handler_context.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> data_transfer(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v16
