#include "handlers/v16_availability.hpp"

#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> status_notification(HandlerContext context, ocpp::Call call) {
    const auto &p = call.payload;
    StatusUpdate update;
    // A 1.6 connector is a 2.0.1 EVSE with one connector; connector 0 is the charge point itself.
    update.connector_id = p.at("connectorId").get<int>();
    update.evse_id = update.connector_id;
    if (update.connector_id < 0)
        co_return call_error(context.connection, call, ocpp::RpcError::PropertyConstraintViolation,
                             "connectorId must be 0 or more");
    update.status = p.at("status").get<std::string>();
    update.error_code = p.at("errorCode").get<std::string>();
    update.info = p.value("info", "");
    update.vendor_error_code = p.value("vendorErrorCode", "");
    if (p.contains("timestamp"))
        update.timestamp = parse_time(p.at("timestamp").get<std::string>());
    auto work = [&core = context.core, id = context.connection.charge_point_id, update] {
        core.status(id, update);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    co_return ocpp::Json::object();
}

} // namespace manage::connect::v16
