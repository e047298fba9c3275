#include "manage/connect/ocpp_dispatcher.hpp"

#include "handlers/v16_availability.hpp"
#include "handlers/v16_provisioning.hpp"
#include "handlers/v201_availability.hpp"
#include "handlers/v201_provisioning.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/logging.hpp"

#include <map>

namespace manage::connect {
namespace {

using Handler = asio::awaitable<CallOutcome> (*)(HandlerContext, ocpp::Call);

const std::map<std::string, Handler, std::less<>> kV16Handlers{
    {"BootNotification", &v16::boot_notification},
    {"Heartbeat", &v16::heartbeat},
    {"StatusNotification", &v16::status_notification},
};

const std::map<std::string, Handler, std::less<>> kV201Handlers{
    {"BootNotification", &v201::boot_notification},
    {"Heartbeat", &v201::heartbeat},
    {"StatusNotification", &v201::status_notification},
};

} // namespace

std::vector<std::string> OcppDispatcher::handled_actions(ocpp::Version version) {
    std::vector<std::string> actions;
    for (const auto &[action, handler] : version == ocpp::Version::v16 ? kV16Handlers : kV201Handlers)
        actions.push_back(action);
    return actions;
}

void OcppDispatcher::on_connected(const ConnectionInfo &connection) {
    core_.connected(connection.charge_point_id, connection.version);
}

void OcppDispatcher::on_disconnected(const ConnectionInfo &connection, const std::string &) {
    core_.disconnected(connection.charge_point_id);
}

asio::awaitable<CallOutcome> OcppDispatcher::on_call(const ConnectionInfo &connection, const ocpp::Call &call) {
    const auto &handlers = connection.version == ocpp::Version::v16 ? kV16Handlers : kV201Handlers;
    const auto handler = handlers.find(call.action);
    if (handler == handlers.end())
        co_return call_error(connection, call, ocpp::RpcError::NotSupported,
                             call.action + " is not supported by this central system yet");
    // Until a charger is accepted it may only boot (OCPP 1.6 §4.2; 2.0.1 B02.FR.09, B03.FR.08).
    if (call.action != "BootNotification") {
        auto work = [&core = core_, id = connection.charge_point_id] { return core.accepts(id); };
        const bool accepted = co_await run_blocking(workers_, std::move(work));
        if (!accepted)
            co_return call_error(connection, call, ocpp::RpcError::SecurityError,
                                 "the charger is not accepted: send BootNotification and wait for Accepted");
    }
    co_return co_await handler->second(HandlerContext{core_, workers_, connection}, call);
}

} // namespace manage::connect
