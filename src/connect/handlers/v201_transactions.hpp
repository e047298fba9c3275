#pragma once
// OCPP 2.0.1 functional blocks E, Transactions (TransactionEvent: E01–E15) and J, Meter values
// (MeterValues: J01).
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> transaction_event(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> meter_values(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
