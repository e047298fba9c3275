#include "node_command_consumer.hpp"

#include "charger_registry.hpp"
#include "command_route.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/ids.hpp"
#include "manage/common/logging.hpp"
#include "manage/connect/ocpp_server.hpp"
#include "manage/infra/bus.hpp"
#include "manage/infra/cache.hpp"
#include "ocpp_charger_commands.hpp"

namespace manage::platform {
namespace {

std::shared_ptr<spdlog::logger> log() {
    return logger("connect");
}

} // namespace

struct NodeCommandConsumer::State : std::enable_shared_from_this<State> {
    explicit State(NodeCommandContext context) : c(context) {}
    NodeCommandContext c;

    // Keeps the state alive while the command is handled.
    static asio::awaitable<void> run(std::shared_ptr<State> self, route::RoutedCommand command) {
        co_await self->handle(std::move(command));
    }

    // Whether this node still holds the charger under `epoch`: its own connection took that epoch and
    // the registry still names this node with it (a charger that reconnected elsewhere is never
    // commanded through a stale connection here).
    asio::awaitable<bool> holds(const std::string &charger_id, std::int64_t epoch) {
        if (!c.server.is_connected(charger_id) || c.registry.local_epoch(charger_id) != epoch)
            co_return false;
        auto read = [&cache = c.cache, key = route::node_key(charger_id)] { return cache.get(key); };
        const auto value = co_await run_blocking(c.workers, std::move(read));
        co_return value &&route::parse_claim(*value) == route::Claim{c.registry.node(), epoch};
    }

    asio::awaitable<void> handle(route::RoutedCommand command) {
        route::RoutedReply reply;
        reply.request_id = command.request_id;
        try {
            const bool here = co_await holds(command.charger_id, command.epoch);
            if (here) {
                // Named before the co_await: GCC 12 destroys some temporaries of a co_await expression twice.
                auto call = c.local.send(command.charger_id, command.action, std::move(command.payload));
                reply.result = co_await std::move(call);
            } else {
                reply.not_here = true;
                log()->info("[charger={}] command {} (epoch {}) refused: node {} does not hold that connection",
                            command.charger_id, command.request_id, command.epoch, c.registry.node());
            }
        } catch (const std::exception &error) {
            reply.not_here = true; // the sender re-reads the registry and decides
            log()->warn("[charger={}] command {}: {}", command.charger_id, command.request_id, error.what());
        }
        infra::Message message{new_short_id(), command.reply_topic, route::encode_reply(reply), c.clock.now()};
        auto publish = [&bus = c.bus, message = std::move(message)]() mutable {
            try {
                bus.publish(std::move(message));
                return true;
            } catch (const std::exception &error) {
                log()->warn("cannot publish a command's reply: {}", error.what());
                return false;
            }
        };
        co_await run_blocking(c.workers, std::move(publish));
    }

    bool on_message(const infra::Message &message) {
        auto command = route::decode_command(message.payload);
        if (!command) {
            log()->warn("dropped a malformed routed command {}", message.id);
            return true;
        }
        if (c.clock.now() >= command->expires_at) {
            log()->info("[charger={}] dropped expired command {} ({})", command->charger_id, command->request_id,
                        command->action);
            return true;
        }
        // Taken off the queue now: a command is performed at most once, never again on redelivery.
        auto task = run(shared_from_this(), std::move(*command));
        asio::co_spawn(c.io, std::move(task), asio::detached);
        return true;
    }
};

NodeCommandConsumer::NodeCommandConsumer(NodeCommandContext context) : state_(std::make_shared<State>(context)) {}

NodeCommandConsumer::~NodeCommandConsumer() {
    stop();
}

void NodeCommandConsumer::start() {
    const auto &node = state_->c.registry.node();
    subscription_ =
        state_->c.bus.subscribe(route::command_queue(node), route::command_topic(node),
                                [state = state_](const infra::Message &message) { return state->on_message(message); });
}

void NodeCommandConsumer::stop() {
    subscription_.reset(); // waits for a delivery in progress
}

} // namespace manage::platform
