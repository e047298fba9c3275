#include "handlers/v16_provisioning.hpp"

#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> boot_notification(HandlerContext context, ocpp::Call call) {
    const auto &p = call.payload;
    BootRequest request;
    request.vendor = p.at("chargePointVendor").get<std::string>();
    request.model = p.at("chargePointModel").get<std::string>();
    // chargeBoxSerialNumber is the deprecated spelling of chargePointSerialNumber.
    request.serial_number = p.value("chargePointSerialNumber", p.value("chargeBoxSerialNumber", ""));
    request.firmware_version = p.value("firmwareVersion", "");
    const auto &id = context.connection.charge_point_id;
    auto work = [&core = context.core, id, request] { return core.boot(id, ocpp::Version::v16, request); };
    const auto answer = co_await run_blocking(context.workers, std::move(work));
    co_return ocpp::Json{{"status", boot_status_text(answer.status)},
                         {"currentTime", format_time(answer.current_time)},
                         {"interval", answer.interval_s}};
}

asio::awaitable<CallOutcome> heartbeat(HandlerContext context, ocpp::Call) {
    auto work = [&core = context.core, id = context.connection.charge_point_id] { return core.heartbeat(id); };
    const auto now = co_await run_blocking(context.workers, std::move(work));
    co_return ocpp::Json{{"currentTime", format_time(now)}};
}

} // namespace manage::connect::v16
