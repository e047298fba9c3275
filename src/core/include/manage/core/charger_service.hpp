#pragma once
// What core does with charger traffic and what the API asks of chargers. Pure of I/O: it talks to
// the Store, Cache and events only through their ports.
#include "manage/common/clock.hpp"
#include "manage/common/config.hpp"
#include "manage/common/result.hpp"
#include "manage/core/charger.hpp"
#include "manage/core/charger_repository.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace manage::infra {
class Cache;
} // namespace manage::infra

namespace manage::core {

class Events;

struct BootDecision {
    Registration status;
    std::chrono::seconds interval; // heartbeat interval when Accepted, retry interval otherwise
    TimePoint current_time;
};

struct ChargerView {
    Charger charger;
    ChargerPresence presence;
};

struct ChargerServiceOptions {
    BootPolicy boot_policy = BootPolicy::reject;
    std::chrono::seconds heartbeat_interval{300};
    std::chrono::seconds retry_interval{60}; // asked of Pending and Rejected chargers
    std::string organisation_id = "default"; // the organisation unknown chargers join when they boot
};

class ChargerService {
public:
    ChargerService(ChargerRepository &repository, infra::Cache &cache, Events &events, const Clock &clock,
                   ChargerServiceOptions options);

    // Registers (accepts) a charger in `organisation_id` (the configured one when empty); an existing
    // pending or rejected one becomes accepted. charger_id_taken (409) when another organisation has it:
    // charger ids are global, since a charger connects by its id alone.
    Result<bool> register_charger(const std::string &id, const std::string &organisation_id = {});

    // OCPP traffic.
    void on_connected(const std::string &id, const std::string &ocpp_version);
    void on_disconnected(const std::string &id);
    BootDecision on_boot(const std::string &id, const std::string &ocpp_version, const BootInfo &boot);
    // False when the charger is not accepted: its messages other than BootNotification are refused.
    bool accepts_messages_from(const std::string &id);
    TimePoint on_heartbeat(const std::string &id);
    void on_status(const std::string &id, const StatusReport &report);

    // Reading.
    std::optional<ChargerView> find(const std::string &id);
    // Every organisation's chargers when `organisation_id` is empty.
    std::vector<ChargerView> list(const std::string &organisation_id = {});

private:
    void touch(const std::string &id, const std::optional<std::string> &ocpp_version, std::optional<bool> connected);
    ChargerPresence presence_of(const std::string &id);
    void publish(std::string_view topic, const nlohmann::json &payload);
    Registration record_boot(const std::string &id, const std::string &ocpp_version, const BootInfo &boot,
                             TimePoint now);
    void record_status(const std::string &id, const StatusReport &report, TimePoint now);

    ChargerRepository &repository_;
    infra::Cache &cache_;
    Events &events_;
    const Clock &clock_;
    ChargerServiceOptions options_;
};

} // namespace manage::core
