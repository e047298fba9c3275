// After a 1.6 charger is accepted at boot, the central system sets HeartbeatInterval and
// MeterValueSampleInterval from its configuration and reads the charger's configuration back.
#include "manage/common/blocking.hpp"
#include "manage/common/logging.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/command_service.hpp"
#include "manage/infra/bus.hpp"

namespace manage::core {

using Json = nlohmann::json;

void CommandService::start_boot_policy() {
    if (boot_subscription_)
        return;
    {
        std::lock_guard lock(boot_mutex_);
        boot_stopped_ = false;
    }
    boot_subscription_ =
        bus_.subscribe("core.commands.boot-policy", "charger.booted", [this](const infra::Message &message) {
            const auto event = Json::parse(message.payload, nullptr, false);
            if (!event.is_object() || event.value("registration", "") != "Accepted")
                return true;
            const auto charger_id = event.value("chargerId", "");
            if (charger_id.empty())
                return true;
            asio::co_spawn(workers_, apply_boot_policy(charger_id), asio::detached);
            return true;
        });
}

void CommandService::stop_boot_policy() {
    boot_subscription_.reset();
    std::lock_guard lock(boot_mutex_);
    boot_stopped_ = true;
    for (auto *timer : boot_timers_)
        timer->cancel();
}

asio::awaitable<void> CommandService::apply_boot_policy(std::string charger_id) {
    try {
        if (options_.boot_commands_delay.count() > 0) {
            asio::steady_timer timer(co_await asio::this_coro::executor, options_.boot_commands_delay);
            {
                std::lock_guard lock(boot_mutex_);
                if (boot_stopped_)
                    co_return;
                boot_timers_.insert(&timer);
            }
            boost::system::error_code ec;
            co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            std::lock_guard lock(boot_mutex_);
            boot_timers_.erase(&timer);
            if (ec || boot_stopped_)
                co_return;
        }
        auto find = [this, &charger_id] { return chargers_.find(charger_id); };
        const auto view = co_await run_blocking(workers_, std::move(find));
        if (!view || view->charger.registration != Registration::Accepted || view->charger.ocpp_version != "1.6")
            co_return;
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
                if (reply.error->code == "not_connected" || reply.error->code == "connection_lost")
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
    } catch (const std::exception &e) {
        logger("core")->error("[charger={}] boot policy failed: {}", charger_id, e.what());
    }
}

} // namespace manage::core
