#pragma once
// core's ChargerCommands port over connect's OcppServer, for one process running both.
#include "manage/core/charger_commands.hpp"

#include <atomic>
#include <string>

namespace manage::connect {
class OcppServer;
}

namespace manage::platform {

class OcppChargerCommands final : public core::ChargerCommands {
public:
    // Until a server is attached (a process without the OCPP ingress, e.g. `manage core`), every
    // command fails with NotConnected. The server must outlive the calls made through it.
    void attach(connect::OcppServer *server) { server_.store(server); }

    // Whether the charger is connected to this process's server.
    bool is_local(const std::string &charger_id) const;

    asio::awaitable<core::CommandResult> send(std::string charger_id, std::string action,
                                              nlohmann::json payload) override;

private:
    std::atomic<connect::OcppServer *> server_{nullptr};
};

} // namespace manage::platform
