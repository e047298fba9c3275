#pragma once
// OCPP 2.0.1 functional block H, Reservation: ReservationStatusUpdate (H05).
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> reservation_status_update(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
