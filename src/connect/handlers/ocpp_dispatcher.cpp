#include "manage/connect/ocpp_dispatcher.hpp"

#include "handlers/v16_authorization.hpp"
#include "handlers/v16_availability.hpp"
#include "handlers/v16_data_transfer.hpp"
#include "handlers/v16_firmware.hpp"
#include "handlers/v16_meter_values.hpp"
#include "handlers/v16_provisioning.hpp"
#include "handlers/v16_security.hpp"
#include "handlers/v16_transactions.hpp"
#include "handlers/v201_authorization.hpp"
#include "handlers/v201_availability.hpp"
#include "handlers/v201_certificates.hpp"
#include "handlers/v201_data_transfer.hpp"
#include "handlers/v201_device_model.hpp"
#include "handlers/v201_diagnostics.hpp"
#include "handlers/v201_display_messages.hpp"
#include "handlers/v201_firmware.hpp"
#include "handlers/v201_provisioning.hpp"
#include "handlers/v201_reservation.hpp"
#include "handlers/v201_security.hpp"
#include "handlers/v201_smart_charging.hpp"
#include "handlers/v201_transactions.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/logging.hpp"

#include <map>

namespace manage::connect {
namespace {

using Handler = asio::awaitable<CallOutcome> (*)(HandlerContext, ocpp::Call);

// Every charger → central system message of OCPP 1.6 and its security extension.
const std::map<std::string, Handler, std::less<>> kV16Handlers{
    {"Authorize", &v16::authorize},
    {"BootNotification", &v16::boot_notification},
    {"DataTransfer", &v16::data_transfer},
    {"DiagnosticsStatusNotification", &v16::diagnostics_status_notification},
    {"FirmwareStatusNotification", &v16::firmware_status_notification},
    {"Heartbeat", &v16::heartbeat},
    {"LogStatusNotification", &v16::log_status_notification},
    {"MeterValues", &v16::meter_values},
    {"SecurityEventNotification", &v16::security_event_notification},
    {"SignCertificate", &v16::sign_certificate},
    {"SignedFirmwareStatusNotification", &v16::signed_firmware_status_notification},
    {"StartTransaction", &v16::start_transaction},
    {"StatusNotification", &v16::status_notification},
    {"StopTransaction", &v16::stop_transaction},
};

// Every charger → CSMS message of OCPP 2.0.1.
const std::map<std::string, Handler, std::less<>> kV201Handlers{
    {"Authorize", &v201::authorize},
    {"BootNotification", &v201::boot_notification},
    {"DataTransfer", &v201::data_transfer},
    {"FirmwareStatusNotification", &v201::firmware_status_notification},
    {"Get15118EVCertificate", &v201::get_15118_ev_certificate},
    {"GetCertificateStatus", &v201::get_certificate_status},
    {"Heartbeat", &v201::heartbeat},
    {"LogStatusNotification", &v201::log_status_notification},
    {"MeterValues", &v201::meter_values},
    {"NotifyReport", &v201::notify_report},
    {"NotifyEvent", &v201::notify_event},
    {"NotifyMonitoringReport", &v201::notify_monitoring_report},
    {"NotifyCustomerInformation", &v201::notify_customer_information},
    {"NotifyDisplayMessages", &v201::notify_display_messages},
    {"PublishFirmwareStatusNotification", &v201::publish_firmware_status_notification},
    {"ReservationStatusUpdate", &v201::reservation_status_update},
    {"NotifyEVChargingNeeds", &v201::notify_ev_charging_needs},
    {"NotifyEVChargingSchedule", &v201::notify_ev_charging_schedule},
    {"NotifyChargingLimit", &v201::notify_charging_limit},
    {"ClearedChargingLimit", &v201::cleared_charging_limit},
    {"ReportChargingProfiles", &v201::report_charging_profiles},
    {"SecurityEventNotification", &v201::security_event_notification},
    {"SignCertificate", &v201::sign_certificate},
    {"TransactionEvent", &v201::transaction_event},
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
    std::lock_guard lock(connections_mutex_);
    current_connection_[connection.charge_point_id] = Current{connection.connection_id, false};
    core_.connected(connection.charge_point_id, connection.version);
}

void OcppDispatcher::on_disconnected(const ConnectionInfo &connection, const std::string &) {
    std::lock_guard lock(connections_mutex_);
    const auto current = current_connection_.find(connection.charge_point_id);
    if (current == current_connection_.end() || current->second.connection_id != connection.connection_id)
        return; // replaced: the charger is still connected, over the newer connection
    current_connection_.erase(current);
    core_.disconnected(connection.charge_point_id);
}

bool OcppDispatcher::known_accepted(const ConnectionInfo &connection) {
    std::lock_guard lock(connections_mutex_);
    const auto current = current_connection_.find(connection.charge_point_id);
    return current != current_connection_.end() && current->second.connection_id == connection.connection_id &&
           current->second.accepted;
}

void OcppDispatcher::remember_accepted(const ConnectionInfo &connection) {
    std::lock_guard lock(connections_mutex_);
    const auto current = current_connection_.find(connection.charge_point_id);
    if (current != current_connection_.end() && current->second.connection_id == connection.connection_id)
        current->second.accepted = true;
}

asio::awaitable<CallOutcome> OcppDispatcher::on_call(const ConnectionInfo &connection, const ocpp::Call &call) {
    const auto &handlers = connection.version == ocpp::Version::v16 ? kV16Handlers : kV201Handlers;
    const auto handler = handlers.find(call.action);
    // Every message a charger sends has its handler: what is left are the central system's own messages
    // (the server answered an action the version does not define with NotImplemented already).
    if (handler == handlers.end())
        co_return call_error(connection, call, ocpp::RpcError::NotSupported,
                             call.action + " is a message the central system sends, not one it receives");
    // Until a charger is accepted it may only boot (OCPP 1.6 §4.2; 2.0.1 B02.FR.09, B03.FR.08).
    if (call.action != "BootNotification" && !known_accepted(connection)) {
        auto work = [&core = core_, id = connection.charge_point_id] { return core.accepts(id); };
        const bool accepted = co_await run_blocking(workers_, std::move(work));
        if (!accepted)
            co_return call_error(connection, call, ocpp::RpcError::SecurityError,
                                 "the charger is not accepted: send BootNotification and wait for Accepted");
        remember_accepted(connection);
    }
    co_return co_await handler->second(HandlerContext{core_, workers_, connection}, call);
}

} // namespace manage::connect
