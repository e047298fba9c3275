#include "handlers/v16_availability.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v16/messages/StatusNotification.hpp"

namespace manage::connect::v16 {
namespace {

namespace msg = ocpp::v16;

Checked<StatusUpdate> to_status_update(const msg::StatusNotificationRequest &notification) {
    // Connector 0 is the charge point as a whole (OCPP 1.6 §4.9); there is no negative connector.
    if (notification.connector_id < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/connectorId", "connectorId must be 0 or more");
    StatusUpdate update;
    // A 1.6 connector is a 2.0.1 EVSE with one connector.
    update.connector_id = notification.connector_id;
    update.evse_id = notification.connector_id;
    update.status = std::string(msg::to_string(notification.status));
    update.error_code = std::string(msg::to_string(notification.error_code));
    update.info = notification.info ? notification.info->str() : std::string();
    update.vendor_id = notification.vendor_id ? notification.vendor_id->str() : std::string();
    update.vendor_error_code = notification.vendor_error_code ? notification.vendor_error_code->str() : std::string();
    if (notification.timestamp)
        update.timestamp = notification.timestamp->time_point();
    return update;
}

} // namespace

asio::awaitable<CallOutcome> status_notification(HandlerContext context, ocpp::Call call) {
    auto update = read_request<msg::StatusNotificationRequest>(call, &to_status_update);
    if (!update)
        co_return violation_error(context.connection, call, update.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, update = std::move(update).value()] {
        core.status(id, update);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    ocpp::Json payload = msg::StatusNotificationResponse{};
    co_return payload;
}

} // namespace manage::connect::v16
