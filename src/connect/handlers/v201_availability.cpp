#include "handlers/v201_availability.hpp"

#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> status_notification(HandlerContext context, ocpp::Call call) {
    const auto &p = call.payload;
    StatusUpdate update;
    update.evse_id = p.at("evseId").get<int>();
    update.connector_id = p.at("connectorId").get<int>();
    update.status = p.at("connectorStatus").get<std::string>();
    update.timestamp = parse_time(p.at("timestamp").get<std::string>());
    auto work = [&core = context.core, id = context.connection.charge_point_id, update] {
        core.status(id, update);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    co_return ocpp::Json::object();
}

asio::awaitable<CallOutcome> heartbeat(HandlerContext context, ocpp::Call) {
    auto work = [&core = context.core, id = context.connection.charge_point_id] { return core.heartbeat(id); };
    const auto now = co_await run_blocking(context.workers, std::move(work));
    co_return ocpp::Json{{"currentTime", format_time(now)}};
}

} // namespace manage::connect::v201
