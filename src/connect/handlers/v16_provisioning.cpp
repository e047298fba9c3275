#include "handlers/v16_provisioning.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v16/messages/BootNotification.hpp"
#include "manage/ocpp/v16/messages/Heartbeat.hpp"

namespace manage::connect::v16 {
namespace {

namespace msg = ocpp::v16;

template <std::size_t N> std::string text(const std::optional<ocpp::CiString<N>> &value) {
    return value ? value->str() : std::string();
}

Checked<BootRequest> to_boot_request(const msg::BootNotificationRequest &boot) {
    BootRequest request;
    request.vendor = boot.charge_point_vendor.str();
    request.model = boot.charge_point_model.str();
    // chargeBoxSerialNumber is the deprecated spelling of chargePointSerialNumber.
    request.serial_number = text(boot.charge_point_serial_number.has_value() ? boot.charge_point_serial_number
                                                                             : boot.charge_box_serial_number);
    request.charge_box_serial_number = text(boot.charge_box_serial_number);
    request.firmware_version = text(boot.firmware_version);
    request.iccid = text(boot.iccid);
    request.imsi = text(boot.imsi);
    request.meter_type = text(boot.meter_type);
    request.meter_serial_number = text(boot.meter_serial_number);
    return request;
}

msg::BootNotificationResponseStatus to_status(BootStatus status) {
    switch (status) {
    case BootStatus::Accepted:
        return msg::BootNotificationResponseStatus::Accepted;
    case BootStatus::Pending:
        return msg::BootNotificationResponseStatus::Pending;
    case BootStatus::Rejected:
        break;
    }
    return msg::BootNotificationResponseStatus::Rejected;
}

} // namespace

asio::awaitable<CallOutcome> boot_notification(HandlerContext context, ocpp::Call call) {
    auto request = read_request<msg::BootNotificationRequest>(call, &to_boot_request);
    if (!request)
        co_return violation_error(context.connection, call, request.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, request = std::move(request).value()] {
        return core.boot(id, ocpp::Version::v16, request);
    };
    const auto answer = co_await run_blocking(context.workers, std::move(work));
    const msg::BootNotificationResponse response{.status = to_status(answer.status),
                                                 .current_time = ocpp::DateTime(answer.current_time),
                                                 .interval = static_cast<double>(answer.interval_s)};
    ocpp::Json payload = response;
    // The package's schema makes interval a number (a double here), OCPP 1.6 an integer: send 120, not 120.0.
    payload["interval"] = answer.interval_s;
    co_return payload;
}

asio::awaitable<CallOutcome> heartbeat(HandlerContext context, ocpp::Call call) {
    auto parsed = ocpp::parse<msg::HeartbeatRequest>(call.payload);
    if (const auto *violation = std::get_if<ocpp::Violation>(&parsed))
        co_return violation_error(context.connection, call, *violation);
    auto work = [&core = context.core, id = context.connection.charge_point_id] { return core.heartbeat(id); };
    const auto now = co_await run_blocking(context.workers, std::move(work));
    const msg::HeartbeatResponse response{.current_time = ocpp::DateTime(now)};
    ocpp::Json payload = response;
    co_return payload;
}

} // namespace manage::connect::v16
