#pragma once
// OCPP 1.6 Core profile, transactions: StartTransaction (OCPP 1.6 §4.8) and StopTransaction (§4.10).
#include "handlers/handler_context.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> start_transaction(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> stop_transaction(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v16
