#pragma once
// OCPP 2.0.1 functional block B, Provisioning: the device model's reports, NotifyReport (B07 Get Base
// Report, B08 Get Custom Report). BootNotification is in v201_provisioning.
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> notify_report(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
