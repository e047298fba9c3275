#include "handlers/v201_provisioning.hpp"

#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> boot_notification(HandlerContext context, ocpp::Call call) {
    const auto &station = call.payload.at("chargingStation");
    BootRequest request;
    request.vendor = station.at("vendorName").get<std::string>();
    request.model = station.at("model").get<std::string>();
    request.serial_number = station.value("serialNumber", "");
    request.firmware_version = station.value("firmwareVersion", "");
    request.reason = call.payload.at("reason").get<std::string>();
    const auto &id = context.connection.charge_point_id;
    auto work = [&core = context.core, id, request] { return core.boot(id, ocpp::Version::v201, request); };
    const auto answer = co_await run_blocking(context.workers, std::move(work));
    co_return ocpp::Json{{"status", boot_status_text(answer.status)},
                         {"currentTime", format_time(answer.current_time)},
                         {"interval", answer.interval_s}};
}

} // namespace manage::connect::v201
