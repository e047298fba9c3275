#pragma once
// OCPP 2.0.1 functional block N, Diagnostics, the station → CSMS messages besides LogStatusNotification (in
// v201_firmware): NotifyEvent (N07 alerts, N08 periodic events), NotifyMonitoringReport (N02) and
// NotifyCustomerInformation (N09, N10).
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> notify_event(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> notify_monitoring_report(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> notify_customer_information(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
