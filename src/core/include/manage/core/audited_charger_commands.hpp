#pragma once
// ChargerCommands for core's own services (the local-list sync, …): every command still goes
// through CommandService, so it is validated, audited under `actor` and leaves its side effects,
// exactly like a command from the API.
#include "manage/core/charger_commands.hpp"
#include "manage/core/command_repository.hpp"

namespace manage::core {

class CommandService;

class AuditedChargerCommands final : public ChargerCommands {
public:
    AuditedChargerCommands(CommandService &commands, Actor actor) : commands_(commands), actor_(std::move(actor)) {}
    asio::awaitable<CommandResult> send(std::string charger_id, std::string action, nlohmann::json payload) override;

private:
    CommandService &commands_;
    Actor actor_;
};

} // namespace manage::core
