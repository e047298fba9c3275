#pragma once
// OCPP 2.0.1 functional block P, DataTransfer: a charger's DataTransfer (P02).
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> data_transfer(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
