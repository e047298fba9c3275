#pragma once
// OCPP 2.0.1 functional block K, Smart charging, the station → CSMS messages: NotifyEVChargingNeeds and
// NotifyEVChargingSchedule (K15–K17), NotifyChargingLimit (K12), ClearedChargingLimit (K13),
// ReportChargingProfiles (K09).
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> notify_ev_charging_needs(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> notify_ev_charging_schedule(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> notify_charging_limit(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> cleared_charging_limit(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> report_charging_profiles(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
