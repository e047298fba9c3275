#pragma once
// core's ChargerCommands port across nodes: a charger connected to this process is called directly;
// any other is found in the charger → node registry (Cache) and its command goes through the owning
// node's queue on the Bus, the answer coming back on this node's reply queue. An attempt that finds
// the charger gone ("not here") or gets no answer re-reads the registry and follows a charger that
// reconnected elsewhere (a newer epoch), a bounded number of times.
#include "manage/common/asio.hpp"
#include "manage/common/clock.hpp"
#include "manage/core/charger_commands.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace manage::infra {
class Bus;
class Cache;
class Subscription;
} // namespace manage::infra

namespace manage::platform {

class OcppChargerCommands;

struct RoutedCommandsOptions {
    std::string node;                                    // names this node's reply queue
    Duration call_timeout = std::chrono::seconds(30);    // the charger's time to answer (ocpp.call_timeout_s)
    Duration delivery_window = std::chrono::seconds(10); // a command not taken by its node within it is dropped
    Duration reply_margin = std::chrono::seconds(2);     // on top of both, for the reply's way back
    int max_attempts = 3;                                // sends of one command, following the charger
};

class RoutedChargerCommands final : public core::ChargerCommands {
public:
    RoutedChargerCommands(OcppChargerCommands &local, infra::Cache &cache, infra::Bus &bus, asio::thread_pool &workers,
                          const Clock &clock, RoutedCommandsOptions options);
    ~RoutedChargerCommands() override;

    // Subscribes this node's reply queue; until then every routed command times out.
    void start();
    void stop();

    asio::awaitable<core::CommandResult> send(std::string charger_id, std::string action,
                                              nlohmann::json payload) override;

private:
    struct State;
    std::shared_ptr<State> state_;
    std::unique_ptr<infra::Subscription> subscription_;
};

} // namespace manage::platform
