#pragma once
// OCPP 1.6 security extension ("Improved security for OCPP 1.6-J"): SecurityEventNotification,
// SignCertificate, SignedFirmwareStatusNotification and LogStatusNotification.
#include "handlers/handler_context.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> security_event_notification(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> sign_certificate(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> signed_firmware_status_notification(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> log_status_notification(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v16
