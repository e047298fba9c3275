// A certificate Manage's CA signed for a station goes back to it in CertificateSigned (1.6 security
// extension; 2.0.1 A02/A03), after the station has had its SignCertificate answer, and the station's
// answer becomes the request's status.
#include "manage/common/blocking.hpp"
#include "manage/common/logging.hpp"
#include "manage/core/charger_reports.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/command_service.hpp"
#include "manage/core/event_topics.hpp"
#include "manage/infra/bus.hpp"

namespace manage::core {

using Json = nlohmann::json;

namespace {

struct Delivery {
    std::string status;
    std::string reason;
};

Delivery delivery_of(const CommandReply &reply) {
    if (!reply.ok())
        return {"NotDelivered", reply.error->message};
    if (reply.response->value("status", "") == "Accepted")
        return {"Installed", {}};
    std::string reason = reply.response->value("status", "");
    if (const auto info = reply.response->find("statusInfo"); info != reply.response->end() && info->is_object())
        reason += ": " + info->value("reasonCode", "") + " " + info->value("additionalInfo", "");
    return {"RejectedByCharger", reason};
}

} // namespace

void CommandService::start_certificate_delivery(ChargerReports &reports) {
    if (certificate_subscription_)
        return;
    certificate_subscription_ = bus_.subscribe(
        "core.commands.certificate-delivery", std::string(topics::kCertificateRequested),
        consumer("core.commands.certificate-delivery", [this, &reports](const infra::Message &message) {
            const auto event = Json::parse(message.payload, nullptr, false);
            if (!event.is_object() || event.value("status", "") != "Signed")
                return true;
            {
                std::lock_guard lock(boot_mutex_);
                if (boot_stopped_)
                    return true;
            }
            asio::co_spawn(workers_,
                           deliver_certificate(reports, event.value("chargerId", ""), event.value("requestId", "")),
                           asio::detached);
            return true;
        }));
}

asio::awaitable<void> CommandService::deliver_certificate(ChargerReports &reports, std::string charger_id,
                                                          std::string request_id) {
    try {
        if (!co_await wait_before_sending())
            co_return;
        auto read = [&reports, &charger_id, &request_id] {
            return reports.certificate_request(charger_id, request_id);
        };
        const auto record = co_await run_blocking(workers_, std::move(read));
        auto find = [this, &charger_id] { return chargers_.find(charger_id); };
        const auto view = co_await run_blocking(workers_, std::move(find));
        if (!record || record->status != "Signed" || !view)
            co_return;
        Json request{{"certificateChain", record->certificate}};
        if (view->charger.ocpp_version == "2.0.1")
            request["certificateType"] = record->certificate_type;
        std::string action = "CertificateSigned";
        auto actor = Actor::system();
        const auto reply = co_await execute(charger_id, std::move(action), std::move(request), std::move(actor));
        const auto delivery = delivery_of(reply);
        logger("core")->info("[charger={}] certificate {} (serial {}): {} {}", charger_id, request_id,
                             record->serial_number, delivery.status, delivery.reason);
        auto keep = [&reports, &charger_id, &request_id, &delivery] {
            return reports.on_certificate_delivered(charger_id, request_id, delivery.status, delivery.reason);
        };
        co_await run_blocking(workers_, std::move(keep));
    } catch (const std::exception &e) {
        logger("core")->error("[charger={}] delivering certificate {} failed: {}", charger_id, request_id, e.what());
    }
}

} // namespace manage::core
