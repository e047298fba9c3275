#include "handlers/v201_smart_charging.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v201/messages/ClearedChargingLimit.hpp"
#include "manage/ocpp/v201/messages/NotifyChargingLimit.hpp"
#include "manage/ocpp/v201/messages/NotifyEVChargingNeeds.hpp"
#include "manage/ocpp/v201/messages/NotifyEVChargingSchedule.hpp"
#include "manage/ocpp/v201/messages/ReportChargingProfiles.hpp"

#include <nlohmann/json.hpp>

#include <type_traits>

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

// Core gets the request as OCPP shapes it (the charger's customData left out), its action and EVSE.
// `min_evse`: 1 where the message is about an EV (it is on an EVSE), 0 where 0 means the whole station.
template <class Request> Checked<SmartChargingReport> to_report(const Request &request, int evse_id, int min_evse) {
    if (evse_id < min_evse)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/evseId",
                      "evseId must be at least " + std::to_string(min_evse));
    ocpp::Json details = request;
    details.erase("customData");
    return SmartChargingReport{.action = std::string(Request::kAction), .evse_id = evse_id, .details = details.dump()};
}

template <class Request, class Response>
asio::awaitable<CallOutcome> report(HandlerContext context, ocpp::Call call, Response response) {
    auto translate = [](const Request &request) -> Checked<SmartChargingReport> {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(request.evse_id)>, std::optional<std::int32_t>>)
            return to_report(request, request.evse_id.value_or(0), 0);
        else
            return to_report(request, request.evse_id, Request::kAction.starts_with("NotifyEV") ? 1 : 0);
    };
    auto reported = read_request<Request>(call, translate);
    if (!reported)
        co_return violation_error(context.connection, call, reported.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, r = std::move(reported).value()] {
        core.smart_charging_report(id, r);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    ocpp::Json payload = response;
    co_return payload;
}

} // namespace

// K15–K17: the EV's charging needs (ISO 15118), kept as the planner's input. The CSMS answers Accepted: a
// schedule follows later through SetChargingProfile.
asio::awaitable<CallOutcome> notify_ev_charging_needs(HandlerContext context, ocpp::Call call) {
    return report<msg::NotifyEVChargingNeedsRequest>(
        context, std::move(call),
        msg::NotifyEVChargingNeedsResponse{
            .custom_data = {}, .status = msg::NotifyEVChargingNeedsStatusEnumType::Accepted, .status_info = {}});
}

// K15–K17: the schedule the EV chose within the station's limits.
asio::awaitable<CallOutcome> notify_ev_charging_schedule(HandlerContext context, ocpp::Call call) {
    return report<msg::NotifyEVChargingScheduleRequest>(
        context, std::move(call),
        msg::NotifyEVChargingScheduleResponse{
            .custom_data = {}, .status = msg::GenericStatusEnumType::Accepted, .status_info = {}});
}

// K12: an external system (EMS, SO, other) set a limit on the station; evseId left out is the station (0).
asio::awaitable<CallOutcome> notify_charging_limit(HandlerContext context, ocpp::Call call) {
    return report<msg::NotifyChargingLimitRequest>(context, std::move(call), msg::NotifyChargingLimitResponse{});
}

// K13: the external limit is gone.
asio::awaitable<CallOutcome> cleared_charging_limit(HandlerContext context, ocpp::Call call) {
    return report<msg::ClearedChargingLimitRequest>(context, std::move(call), msg::ClearedChargingLimitResponse{});
}

// K09: one part (tbc) of the station's answer to GetChargingProfiles.
asio::awaitable<CallOutcome> report_charging_profiles(HandlerContext context, ocpp::Call call) {
    return report<msg::ReportChargingProfilesRequest>(context, std::move(call), msg::ReportChargingProfilesResponse{});
}

} // namespace manage::connect::v201
