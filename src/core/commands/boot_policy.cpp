// After a charger is accepted at boot, the central system sets its heartbeat and sampling intervals
// from its configuration and reads back what the charger holds: a 1.6 charger its configuration
// (ChangeConfiguration, GetConfiguration), a 2.0.1 station its device model (SetVariables,
// GetBaseReport FullInventory, B07). And when an operator accepts a pending charger that is
// connected, the central system asks it to boot again at once (TriggerMessage BootNotification,
// 2.0.1 B02 and F06; 1.6 §5.17) rather than leaving it to wait out its retry interval.
#include "manage/common/blocking.hpp"
#include "manage/common/logging.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/command_service.hpp"
#include "manage/core/event_dedup.hpp"
#include "manage/infra/bus.hpp"

#include <random>

namespace manage::core {

using Json = nlohmann::json;

namespace {

// A GetBaseReport's requestId: random, so that a report of an earlier boot is not taken for this one's.
int new_request_id() {
    static thread_local std::mt19937 generator{std::random_device{}()};
    return std::uniform_int_distribution<int>(1, 2'000'000'000)(generator);
}

bool connection_gone(const CommandReply &reply) {
    return reply.error && (reply.error->code == "not_connected" || reply.error->code == "connection_lost");
}

} // namespace

void CommandService::start_boot_policy() {
    if (boot_subscription_)
        return;
    {
        std::lock_guard lock(boot_mutex_);
        boot_stopped_ = false;
    }
    auto on_booted = [this](const infra::Message &message) {
        const auto event = Json::parse(message.payload, nullptr, false);
        if (!event.is_object() || event.value("registration", "") != "Accepted")
            return true;
        const auto charger_id = event.value("chargerId", "");
        if (charger_id.empty())
            return true;
        asio::co_spawn(workers_, apply_boot_policy(charger_id), asio::detached);
        return true;
    };
    auto on_registered = [this](const infra::Message &message) {
        const auto event = Json::parse(message.payload, nullptr, false);
        if (!event.is_object() || !event.contains("previousRegistration") || event["previousRegistration"] != "Pending")
            return true;
        const auto charger_id = event.value("chargerId", "");
        if (charger_id.empty())
            return true;
        {
            std::lock_guard lock(boot_mutex_);
            if (boot_stopped_)
                return true;
        }
        asio::co_spawn(workers_, trigger_boot(charger_id), asio::detached);
        return true;
    };
    boot_subscription_ =
        bus_.subscribe("core.commands.boot-policy", "charger.booted", consumer("core.commands.boot-policy", on_booted));
    registration_subscription_ = bus_.subscribe("core.commands.accept-pending", "charger.registered",
                                                consumer("core.commands.accept-pending", on_registered));
}

infra::MessageHandler CommandService::consumer(const std::string &queue, infra::MessageHandler handler) {
    if (handled_events_ == nullptr)
        return handler;
    return deduplicated(*handled_events_, queue, std::move(handler));
}

void CommandService::stop_boot_policy() {
    boot_subscription_.reset();
    registration_subscription_.reset();
    certificate_subscription_.reset();
    std::lock_guard lock(boot_mutex_);
    boot_stopped_ = true;
    for (auto *timer : boot_timers_)
        timer->cancel();
}

asio::awaitable<bool> CommandService::wait_before_sending() {
    if (options_.boot_commands_delay.count() <= 0)
        co_return true;
    asio::steady_timer timer(co_await asio::this_coro::executor, options_.boot_commands_delay);
    {
        std::lock_guard lock(boot_mutex_);
        if (boot_stopped_)
            co_return false;
        boot_timers_.insert(&timer);
    }
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    std::lock_guard lock(boot_mutex_);
    boot_timers_.erase(&timer);
    co_return !ec && !boot_stopped_;
}

asio::awaitable<void> CommandService::apply_boot_policy(std::string charger_id) {
    try {
        if (!co_await wait_before_sending())
            co_return;
        auto find = [this, &charger_id] { return chargers_.find(charger_id); };
        const auto view = co_await run_blocking(workers_, std::move(find));
        if (!view || view->charger.registration != Registration::Accepted)
            co_return;
        if (view->charger.ocpp_version == "1.6")
            co_await apply_boot_policy_v16(charger_id);
        else if (view->charger.ocpp_version == "2.0.1")
            co_await apply_boot_policy_v201(charger_id);
    } catch (const std::exception &e) {
        logger("core")->error("[charger={}] boot policy failed: {}", charger_id, e.what());
    }
}

asio::awaitable<void> CommandService::apply_boot_policy_v16(const std::string &charger_id) {
    const std::vector<std::pair<std::string, long long>> settings{
        {"HeartbeatInterval", options_.heartbeat_interval.count()},
        {"MeterValueSampleInterval", options_.meter_value_sample_interval.count()}};
    for (const auto &[key, value] : settings) {
        std::string action = "ChangeConfiguration";
        Json request{{"key", key}, {"value", std::to_string(value)}};
        auto actor = Actor::system();
        const auto reply = co_await execute(charger_id, std::move(action), std::move(request), std::move(actor));
        if (!reply.ok()) {
            logger("core")->warn("[charger={}] boot policy: setting {} failed: {}", charger_id, key,
                                 reply.error->message);
            if (connection_gone(reply))
                co_return;
        } else if (reply.response->value("status", "") != "Accepted") {
            logger("core")->info("[charger={}] boot policy: {} = {} answered {}", charger_id, key, value,
                                 reply.response->value("status", ""));
        }
    }
    std::string action = "GetConfiguration";
    auto request = Json::object();
    auto actor = Actor::system();
    const auto reply = co_await execute(charger_id, std::move(action), std::move(request), std::move(actor));
    if (!reply.ok())
        logger("core")->warn("[charger={}] boot policy: reading the configuration failed: {}", charger_id,
                             reply.error->message);
}

asio::awaitable<void> CommandService::apply_boot_policy_v201(const std::string &charger_id) {
    auto setting = [](const char *component, const char *variable, long long value) {
        return Json{{"component", {{"name", component}}},
                    {"variable", {{"name", variable}}},
                    {"attributeValue", std::to_string(value)}};
    };
    {
        std::string action = "SetVariables";
        Json request{
            {"setVariableData",
             {setting("OCPPCommCtrlr", "HeartbeatInterval", options_.heartbeat_interval.count()),
              setting("SampledDataCtrlr", "TxUpdatedInterval", options_.meter_value_sample_interval.count())}}};
        auto actor = Actor::system();
        const auto reply = co_await execute(charger_id, std::move(action), std::move(request), std::move(actor));
        if (!reply.ok()) {
            logger("core")->warn("[charger={}] boot policy: SetVariables failed: {}", charger_id, reply.error->message);
            if (connection_gone(reply))
                co_return;
        } else {
            for (const auto &result : reply.response->value("setVariableResult", Json::array()))
                if (result.value("attributeStatus", "") != "Accepted")
                    logger("core")->info("[charger={}] boot policy: {}.{} answered {}", charger_id,
                                         result.at("component").value("name", ""),
                                         result.at("variable").value("name", ""), result.value("attributeStatus", ""));
        }
    }
    std::string action = "GetBaseReport";
    Json request{{"requestId", new_request_id()}, {"reportBase", "FullInventory"}};
    auto actor = Actor::system();
    const auto reply = co_await execute(charger_id, std::move(action), std::move(request), std::move(actor));
    if (!reply.ok())
        logger("core")->warn("[charger={}] boot policy: GetBaseReport failed: {}", charger_id, reply.error->message);
    else if (reply.response->value("status", "") != "Accepted")
        logger("core")->info("[charger={}] boot policy: GetBaseReport answered {}", charger_id,
                             reply.response->value("status", ""));
}

asio::awaitable<void> CommandService::trigger_boot(std::string charger_id) {
    try {
        auto find = [this, &charger_id] { return chargers_.find(charger_id); };
        const auto view = co_await run_blocking(workers_, std::move(find));
        if (!view || !view->presence.connected)
            co_return;
        // The same payload in 1.6 (TriggerMessage.req) and 2.0.1 (TriggerMessageRequest).
        std::string action = "TriggerMessage";
        Json request{{"requestedMessage", "BootNotification"}};
        auto actor = Actor::system();
        const auto reply = co_await execute(charger_id, std::move(action), std::move(request), std::move(actor));
        if (!reply.ok())
            logger("core")->warn("[charger={}] accepted while pending: TriggerMessage failed: {}", charger_id,
                                 reply.error->message);
        else
            logger("core")->info("[charger={}] accepted while pending: TriggerMessage BootNotification answered {}",
                                 charger_id, reply.response->value("status", ""));
    } catch (const std::exception &e) {
        logger("core")->error("[charger={}] TriggerMessage after acceptance failed: {}", charger_id, e.what());
    }
}

} // namespace manage::core
