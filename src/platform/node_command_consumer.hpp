#pragma once
// The connect node's end of routed commands: consumes its queue (connect.commands.<node>), drops
// expired commands, refuses ("not here") one whose charger it does not hold under the epoch the
// sender saw, and otherwise calls the charger and publishes its answer on the command's reply topic.
#include "manage/common/asio.hpp"
#include "manage/common/clock.hpp"

#include <memory>

namespace manage::infra {
class Bus;
class Cache;
class Subscription;
} // namespace manage::infra

namespace manage::connect {
class OcppServer;
}

namespace manage::platform {

class ChargerRegistry;
class OcppChargerCommands;

struct NodeCommandContext {
    infra::Bus &bus;
    infra::Cache &cache;
    ChargerRegistry &registry;
    OcppChargerCommands &local; // calls the chargers connected to this process's OcppServer
    connect::OcppServer &server;
    asio::io_context &io;
    asio::thread_pool &workers;
    const Clock &clock;
};

class NodeCommandConsumer {
public:
    explicit NodeCommandConsumer(NodeCommandContext context);
    ~NodeCommandConsumer();

    void start();
    void stop();

private:
    struct State;
    std::shared_ptr<State> state_;
    std::unique_ptr<infra::Subscription> subscription_;
};

} // namespace manage::platform
