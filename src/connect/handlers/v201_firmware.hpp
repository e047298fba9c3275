#pragma once
// OCPP 2.0.1 functional block L, Firmware Management: FirmwareStatusNotification (L01) and
// PublishFirmwareStatusNotification (L03); with block N's LogStatusNotification (N01), the same kind of
// job report.
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> firmware_status_notification(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> publish_firmware_status_notification(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> log_status_notification(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
