#include "manage/core/charger_service.hpp"
#include "manage/core/events.hpp"

#include "manage/common/ids.hpp"
#include "manage/common/logging.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/event_topics.hpp"
#include "manage/infra/bus.hpp"
#include "manage/infra/cache.hpp"

#include <nlohmann/json.hpp>

namespace manage::core {
namespace {

using Json = nlohmann::json;

std::string presence_key(const std::string &id) {
    return "charger:presence:" + id;
}

Registration decide_unknown(BootPolicy policy) {
    switch (policy) {
    case BootPolicy::accept:
        return Registration::Accepted;
    case BootPolicy::pending:
        return Registration::Pending;
    case BootPolicy::reject:
        return Registration::Rejected;
    }
    return Registration::Rejected;
}

} // namespace

ChargerService::ChargerService(ChargerRepository &repository, infra::Cache &cache, Events &events, const Clock &clock,
                               ChargerServiceOptions options)
    : repository_(repository), cache_(cache), events_(events), clock_(clock), options_(options) {}

Result<bool> ChargerService::register_charger(const std::string &id, const std::string &organisation_id) {
    if (!is_valid_charger_id(id))
        return fail("invalid_charger_id", "a charger id is 1 to 48 printable ASCII characters without '/'", "id");
    const auto organisation = organisation_id.empty() ? options_.organisation_id : organisation_id;
    const auto before = repository_.find(id);
    if (before && before->organisation_id != organisation)
        return fail("charger_id_taken",
                    "the charger id '" + id +
                        "' is in use; chargers connect by id alone, so "
                        "ids are unique across organisations",
                    "id");
    bool created = false;
    events_.atomically([&] {
        created = repository_.save_registration(id, Registration::Accepted, clock_.now(), organisation);
        publish(topics::kChargerRegistered,
                Json{{"chargerId", id},
                     {"previousRegistration", before ? Json(to_string(before->registration)) : Json(nullptr)}});
    });
    return created;
}

void ChargerService::on_connected(const std::string &id, const std::string &ocpp_version) {
    touch(id, ocpp_version, true);
    publish(topics::kChargerConnected, Json{{"chargerId", id}, {"ocppVersion", ocpp_version}});
}

void ChargerService::on_disconnected(const std::string &id) {
    touch(id, std::nullopt, false);
    publish(topics::kChargerDisconnected, Json{{"chargerId", id}});
}

BootDecision ChargerService::on_boot(const std::string &id, const std::string &ocpp_version, const BootInfo &boot) {
    const auto now = clock_.now();
    Registration registration;
    // The registration, the boot and charger.booted commit as one.
    events_.atomically([&] { registration = record_boot(id, ocpp_version, boot, now); });
    const auto interval =
        registration == Registration::Accepted ? options_.heartbeat_interval : options_.retry_interval;
    return BootDecision{registration, interval, now};
}

Registration ChargerService::record_boot(const std::string &id, const std::string &ocpp_version, const BootInfo &boot,
                                         TimePoint now) {
    auto existing = repository_.find(id);
    Registration registration;
    if (existing) {
        registration = existing->registration;
    } else {
        registration = decide_unknown(options_.boot_policy);
        repository_.save_registration(id, registration, now, options_.organisation_id);
        logger("core")->info("[charger={}] unknown charger booted; boot policy answers {}", id,
                             to_string(registration));
    }
    repository_.save_boot(id, ocpp_version, boot, now);
    touch(id, ocpp_version, true);
    publish(topics::kChargerBooted, Json{{"chargerId", id},
                                         {"registration", to_string(registration)},
                                         {"vendor", boot.vendor},
                                         {"model", boot.model},
                                         {"firmwareVersion", boot.firmware_version}});
    return registration;
}

bool ChargerService::accepts_messages_from(const std::string &id) {
    auto charger = repository_.find(id);
    return charger && charger->registration == Registration::Accepted;
}

TimePoint ChargerService::on_heartbeat(const std::string &id) {
    touch(id, std::nullopt, std::nullopt);
    return clock_.now();
}

void ChargerService::on_status(const std::string &id, const StatusReport &report) {
    const auto now = clock_.now();
    touch(id, std::nullopt, std::nullopt);
    // The status history and charger.status (and charger.fault) commit as one.
    events_.atomically([&] { record_status(id, report, now); });
}

void ChargerService::record_status(const std::string &id, const StatusReport &report, TimePoint now) {
    repository_.save_status(id, report, now);
    publish(topics::kChargerStatus, Json{{"chargerId", id},
                                         {"evseId", report.evse_id},
                                         {"connectorId", report.connector_id},
                                         {"status", report.status},
                                         {"errorCode", report.error_code},
                                         {"info", report.info},
                                         {"vendorErrorCode", report.vendor_error_code},
                                         {"timestamp", format_time(report.timestamp.value_or(now))}});
    // A fault: the Faulted status, or any error code but NoError (1.6 reports errors with other statuses too).
    const bool faulted = report.status == "Faulted" || (!report.error_code.empty() && report.error_code != "NoError");
    if (faulted)
        publish(topics::kChargerFault, Json{{"chargerId", id},
                                            {"evseId", report.evse_id},
                                            {"connectorId", report.connector_id},
                                            {"status", report.status},
                                            {"errorCode", report.error_code},
                                            {"info", report.info},
                                            {"vendorErrorCode", report.vendor_error_code},
                                            {"timestamp", format_time(report.timestamp.value_or(now))}});
}

std::optional<ChargerView> ChargerService::find(const std::string &id) {
    auto charger = repository_.find(id);
    if (!charger)
        return std::nullopt;
    return ChargerView{std::move(*charger), presence_of(id)};
}

std::vector<ChargerView> ChargerService::list(const std::string &organisation_id) {
    std::vector<ChargerView> views;
    for (auto &charger : repository_.list(organisation_id)) {
        auto presence = presence_of(charger.id);
        views.push_back(ChargerView{std::move(charger), std::move(presence)});
    }
    return views;
}

// Presence lives in the Cache: it changes with every frame and needs no history.
void ChargerService::touch(const std::string &id, const std::optional<std::string> &ocpp_version,
                           std::optional<bool> connected) {
    auto presence = presence_of(id);
    presence.last_seen = clock_.now();
    if (ocpp_version)
        presence.ocpp_version = *ocpp_version;
    if (connected)
        presence.connected = *connected;
    cache_.set(presence_key(id), Json{{"connected", presence.connected},
                                      {"lastSeen", format_time(*presence.last_seen)},
                                      {"ocppVersion", presence.ocpp_version}}
                                     .dump());
}

ChargerPresence ChargerService::presence_of(const std::string &id) {
    ChargerPresence presence;
    const auto text = cache_.get(presence_key(id));
    if (!text)
        return presence;
    const auto json = Json::parse(*text, nullptr, false);
    if (!json.is_object())
        return presence;
    presence.connected = json.value("connected", false);
    presence.last_seen = parse_time(json.value("lastSeen", ""));
    presence.ocpp_version = json.value("ocppVersion", "");
    return presence;
}

void ChargerService::publish(std::string_view topic, const nlohmann::json &payload) {
    events_.publish(topic, payload);
}

} // namespace manage::core
