#pragma once
// Commands from the central system to chargers (OCPP's central-system-initiated CALLs): validation
// against the charger's OCPP version, sending through the ChargerCommands port, the audit of every
// command, and what a successful command leaves behind (configuration, the 2.0.1 device model,
// charging profiles, reservations). Also the boot policy: what the platform sets on every charger it
// accepts, and the TriggerMessage that makes a connected pending charger boot again once accepted.
#include "manage/common/asio.hpp"
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/charger_commands.hpp"
#include "manage/core/command_repository.hpp"
#include "manage/infra/bus.hpp"
#include "manage/ocpp/version.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace manage::infra {
class Cache;
} // namespace manage::infra

namespace manage::core {

class ChargerReports;
class ChargerService;
class DeviceModel;
class StationReports;

// The actions the API may send to a charger of `version`, sorted.
const std::vector<std::string> &command_actions(ocpp::Version version);

// What became of a command. On failure `error.code` is one of: charger_not_found, unknown_action,
// invalid_payload (error.field: the JSON pointer of the offending value), not_connected, timeout,
// charger_error (the charger's CALLERROR: charger_error_code and charger_error_description),
// invalid_response, connection_lost.
struct CommandReply {
    std::string command_id; // the audit record; empty when the command was refused before sending
    std::optional<nlohmann::json> response;
    std::optional<Error> error;
    std::string charger_error_code;
    std::string charger_error_description;

    bool ok() const { return response.has_value(); }
};

struct CommandServiceOptions {
    // The boot policy's values for HeartbeatInterval and MeterValueSampleInterval (1.6), and for
    // OCPPCommCtrlr.HeartbeatInterval and SampledDataCtrlr.TxUpdatedInterval (2.0.1).
    std::chrono::seconds heartbeat_interval{300};
    std::chrono::seconds meter_value_sample_interval{60};
    // How long after the boot event the policy's commands go out, so that the charger has its
    // BootNotification answer first (and after a SignCertificate, before CertificateSigned goes out).
    std::chrono::milliseconds boot_commands_delay{1000};
};

class CommandService {
public:
    // Blocking Store calls run on `workers`; every reference must outlive the service. Without a
    // device model, what 2.0.1 GetVariables and SetVariables leave behind is not kept.
    CommandService(ChargerService &chargers, ChargerCommands &commands, CommandRepository &repository, infra::Bus &bus,
                   const Clock &clock, asio::thread_pool &workers, CommandServiceOptions options = {},
                   DeviceModel *device_model = nullptr);
    ~CommandService();

    // Where GetMonitoringReport, CustomerInformation and GetDisplayMessages start a new request (what was kept
    // under its requestId is forgotten). Without it, a reused requestId's answer may be taken for a resend.
    void set_station_reports(StationReports *reports) { station_reports_ = reports; }
    // With it, the boot policy and certificate delivery handle each event id once (event_dedup.hpp): an
    // event published twice does not send a charger its commands twice.
    void set_handled_events(infra::Cache *cache) { handled_events_ = cache; }

    // Subscribes to charger.booted: each 1.6 charger accepted at boot gets ChangeConfiguration of
    // HeartbeatInterval and MeterValueSampleInterval, then GetConfiguration; each 2.0.1 one gets
    // SetVariables of OCPPCommCtrlr.HeartbeatInterval and SampledDataCtrlr.TxUpdatedInterval, then
    // GetBaseReport FullInventory. And to charger.registered: a charger that was Pending, is accepted
    // and is connected gets TriggerMessage BootNotification. All audited as "system".
    void start_boot_policy();
    // Subscribes to certificate.requested: each certificate `reports` signed goes to its station in
    // CertificateSigned (audited as "system"), and the station's answer is recorded through `reports`
    // (Installed, RejectedByCharger, NotDelivered). `reports` must outlive the subscription.
    void start_certificate_delivery(ChargerReports &reports);
    // Unsubscribes (boot policy and certificate delivery) and cancels what is still waiting out
    // boot_commands_delay, so that the worker pool can drain at once.
    void stop_boot_policy();

    // Sends `action` with `payload` to the charger and waits for its answer; audited as `actor`.
    asio::awaitable<CommandReply> execute(std::string charger_id, std::string action, nlohmann::json payload,
                                          Actor actor);
    // The boot policy for one charger (what a charger.booted event starts).
    asio::awaitable<void> apply_boot_policy(std::string charger_id);
    // TriggerMessage BootNotification to a connected charger (what accepting a pending one starts).
    asio::awaitable<void> trigger_boot(std::string charger_id);
    // CertificateSigned with the chain of a signed certificate request (what certificate.requested starts).
    asio::awaitable<void> deliver_certificate(ChargerReports &reports, std::string charger_id, std::string request_id);

    // Reading; these block on the Store: call them from a worker thread.
    std::vector<CommandRecord> history(const std::string &charger_id, std::size_t limit);
    ChargerConfiguration configuration(const std::string &charger_id);
    std::vector<StoredChargingProfile> charging_profiles(const std::string &charger_id);
    // Active reservations whose expiry has passed read as "expired".
    std::vector<Reservation> reservations(const std::string &charger_id);

private:
    void apply_side_effects(const std::string &charger_id, const std::string &action, const nlohmann::json &request,
                            const nlohmann::json &response);
    void apply_side_effects_v201(const std::string &charger_id, const std::string &action,
                                 const nlohmann::json &request, const nlohmann::json &response);
    // Before a 2.0.1 command goes out: a GetBaseReport or GetReport starts a new report with its requestId, and
    // so do GetMonitoringReport, CustomerInformation and GetDisplayMessages.
    void before_sending_v201(const std::string &charger_id, const std::string &action, const nlohmann::json &request);
    // Waits out boot_commands_delay (so that the charger has its own answer first); false when stopped.
    asio::awaitable<bool> wait_before_sending();
    asio::awaitable<void> apply_boot_policy_v16(const std::string &charger_id);
    asio::awaitable<void> apply_boot_policy_v201(const std::string &charger_id);

    ChargerService &chargers_;
    ChargerCommands &commands_;
    CommandRepository &repository_;
    infra::Bus &bus_;
    const Clock &clock_;
    asio::thread_pool &workers_;
    CommandServiceOptions options_;
    DeviceModel *device_model_;
    StationReports *station_reports_ = nullptr;
    std::unique_ptr<infra::Subscription> boot_subscription_;
    std::unique_ptr<infra::Subscription> registration_subscription_;
    std::unique_ptr<infra::Subscription> certificate_subscription_;
    infra::Cache *handled_events_ = nullptr;
    // `handler`, deduplicated by event id for the consumer group `queue` when handled_events_ is set.
    infra::MessageHandler consumer(const std::string &queue, infra::MessageHandler handler);
    std::mutex boot_mutex_;
    bool boot_stopped_ = false;
    std::set<asio::steady_timer *> boot_timers_; // waiting out boot_commands_delay
};

} // namespace manage::core
