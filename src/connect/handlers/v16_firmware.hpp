#pragma once
// OCPP 1.6 Firmware Management profile: DiagnosticsStatusNotification (OCPP 1.6 §4.4) and
// FirmwareStatusNotification (§4.5).
#include "handlers/handler_context.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> diagnostics_status_notification(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> firmware_status_notification(HandlerContext context, ocpp::Call call);

// Tells core how a job on the charger (diagnostics, firmware, log) is going.
asio::awaitable<void> report_job(HandlerContext context, JobStatus status);

} // namespace manage::connect::v16
