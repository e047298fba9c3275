#include "routed_charger_commands.hpp"

#include "command_route.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/completion.hpp"
#include "manage/common/ids.hpp"
#include "manage/common/logging.hpp"
#include "manage/infra/bus.hpp"
#include "manage/infra/cache.hpp"
#include "ocpp_charger_commands.hpp"

#include <functional>
#include <map>
#include <mutex>

namespace manage::platform {
namespace {

std::shared_ptr<spdlog::logger> log() {
    return logger("core");
}

using Answer = std::optional<route::RoutedReply>; // nullopt: no answer in time

// Attempts waiting for their reply, by request id. The first of the reply and the deadline completes
// an attempt; whatever comes later finds nothing.
class PendingReplies {
public:
    void add(const std::string &id, std::function<void(Answer)> completion) {
        std::lock_guard lock(mutex_);
        pending_[id] = std::move(completion);
    }
    bool complete(const std::string &id, Answer answer) {
        std::function<void(Answer)> completion;
        {
            std::lock_guard lock(mutex_);
            const auto found = pending_.find(id);
            if (found == pending_.end())
                return false;
            completion = std::move(found->second);
            pending_.erase(found);
        }
        completion(std::move(answer));
        return true;
    }

private:
    std::mutex mutex_;
    std::map<std::string, std::function<void(Answer)>, std::less<>> pending_;
};

// Registers the attempt, arms its deadline and publishes the command from the worker pool (the Bus may
// block). A named type, not a lambda: see the note on GCC 12 in manage/common/blocking.hpp.
struct SendAndWait {
    std::shared_ptr<PendingReplies> pending;
    asio::steady_timer *deadline;
    asio::thread_pool *workers;
    infra::Bus *bus;
    infra::Message message;
    std::string request_id;

    template <class Handler> void operator()(Handler handler) {
        pending->add(request_id, cross_thread_completion<Answer>(std::move(handler)));
        deadline->async_wait([pending = pending, id = request_id](const boost::system::error_code &ec) {
            if (!ec)
                pending->complete(id, std::nullopt);
        });
        asio::post(*workers, [pending = pending, bus = bus, message = std::move(message), id = request_id]() mutable {
            try {
                bus->publish(std::move(message));
            } catch (const std::exception &error) {
                log()->warn("cannot publish routed command {}: {}", id, error.what());
                pending->complete(id, std::nullopt);
            }
        });
    }
};

asio::awaitable<Answer> send_and_wait(SendAndWait initiation) {
    return asio::async_initiate<decltype(asio::use_awaitable), void(Answer)>(std::move(initiation),
                                                                             asio::use_awaitable);
}

core::CommandResult not_connected(std::string description) {
    core::CommandResult result;
    result.failure = core::CommandFailure::NotConnected;
    result.description = std::move(description);
    return result;
}

} // namespace

struct RoutedChargerCommands::State {
    State(OcppChargerCommands &local_commands, infra::Cache &cache_port, infra::Bus &bus_port, asio::thread_pool &pool,
          const Clock &time, RoutedCommandsOptions opts)
        : local(local_commands), cache(cache_port), bus(bus_port), workers(pool), clock(time),
          options(std::move(opts)) {}

    OcppChargerCommands &local;
    infra::Cache &cache;
    infra::Bus &bus;
    asio::thread_pool &workers;
    const Clock &clock;
    RoutedCommandsOptions options;
    std::shared_ptr<PendingReplies> pending = std::make_shared<PendingReplies>();

    asio::awaitable<std::optional<route::Claim>> read_claim(const std::string &charger_id) {
        auto read = [&cache = cache, key = route::node_key(charger_id)] { return cache.get(key); };
        const auto value = co_await run_blocking(workers, std::move(read));
        if (!value)
            co_return std::nullopt;
        auto claim = route::parse_claim(*value);
        if (!claim)
            log()->warn("[charger={}] ignoring a malformed registry entry '{}'", charger_id, *value);
        co_return claim;
    }

    asio::awaitable<Answer> attempt(const route::Claim &claim, const std::string &charger_id, const std::string &action,
                                    const nlohmann::json &payload) {
        route::RoutedCommand command{new_short_id(),
                                     charger_id,
                                     claim.epoch,
                                     action,
                                     payload,
                                     route::reply_topic(options.node),
                                     clock.now() + options.delivery_window};
        infra::Message message{command.request_id, route::command_topic(claim.node), route::encode_command(command),
                               clock.now()};
        const auto executor = co_await asio::this_coro::executor;
        asio::steady_timer deadline(executor, options.delivery_window + options.call_timeout + options.reply_margin);
        auto answer =
            send_and_wait(SendAndWait{pending, &deadline, &workers, &bus, std::move(message), command.request_id});
        auto result = co_await std::move(answer);
        deadline.cancel();
        co_return result;
    }

    asio::awaitable<core::CommandResult> route_command(std::string charger_id, std::string action,
                                                       nlohmann::json payload) {
        auto claim = co_await read_claim(charger_id);
        if (!claim)
            co_return not_connected("charger " + charger_id + " is not connected");
        for (int attempts = 1;; ++attempts) {
            auto answer = co_await attempt(*claim, charger_id, action, payload);
            if (answer && !answer->not_here)
                co_return std::move(answer->result);
            auto now = co_await read_claim(charger_id);
            route::Miss miss{!answer.has_value(), *claim, std::move(now), attempts};
            auto next = route::after_miss(miss, options.max_attempts, charger_id);
            if (!next.resend_to)
                co_return std::move(next.failure);
            log()->info("[charger={}] reconnected to node {} (epoch {}); sending {} there", charger_id,
                        next.resend_to->node, next.resend_to->epoch, action);
            claim = next.resend_to;
        }
    }

    bool on_reply(const infra::Message &message) {
        auto reply = route::decode_reply(message.payload);
        if (!reply) {
            log()->warn("dropped a malformed command reply {}", message.id);
            return true;
        }
        const auto id = reply->request_id;
        if (!pending->complete(id, std::move(reply)))
            log()->debug("a reply to command {} came after its caller stopped waiting", id);
        return true;
    }
};

RoutedChargerCommands::RoutedChargerCommands(OcppChargerCommands &local, infra::Cache &cache, infra::Bus &bus,
                                             asio::thread_pool &workers, const Clock &clock,
                                             RoutedCommandsOptions options)
    : state_(std::make_shared<State>(local, cache, bus, workers, clock, std::move(options))) {}

RoutedChargerCommands::~RoutedChargerCommands() {
    stop();
}

void RoutedChargerCommands::start() {
    subscription_ =
        state_->bus.subscribe(route::reply_queue(state_->options.node), route::reply_topic(state_->options.node),
                              [state = state_](const infra::Message &message) { return state->on_reply(message); });
}

void RoutedChargerCommands::stop() {
    subscription_.reset();
}

asio::awaitable<core::CommandResult> RoutedChargerCommands::send(std::string charger_id, std::string action,
                                                                 nlohmann::json payload) {
    // Connected here (`manage up`, or an API node that also runs the ingress): no round trip.
    if (state_->local.is_local(charger_id)) {
        auto direct = state_->local.send(std::move(charger_id), std::move(action), std::move(payload));
        co_return co_await std::move(direct);
    }
    auto state = state_; // outlives this object while the command is on its way
    auto routed = state->route_command(std::move(charger_id), std::move(action), std::move(payload));
    std::optional<core::CommandResult> result;
    std::string failure;
    try {
        result = co_await std::move(routed);
    } catch (const std::exception &error) {
        failure = error.what();
    }
    if (!result)
        co_return not_connected("the charger registry cannot be read: " + failure);
    co_return std::move(*result);
}

} // namespace manage::platform
