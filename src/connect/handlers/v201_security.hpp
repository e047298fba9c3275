#pragma once
// OCPP 2.0.1 functional block A, Security: SecurityEventNotification (A04) and SignCertificate (A02, A03).
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> security_event_notification(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> sign_certificate(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
