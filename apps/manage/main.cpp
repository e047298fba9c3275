// The one executable: parses the command line and hands over to the platform wiring.
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char **argv) {
    using namespace manage;
    CLI::App app{
        "Manage: charging of electric fleets at their depots.\n"
        "Configuration: --config FILE (YAML) and MANAGE_<SECTION>_<KEY> variables; see docs/configuration.md."};
    app.require_subcommand(1);
    std::optional<std::string> config_file;
    int threads = 2;

    auto add_config_option = [&](CLI::App *command) {
        command->add_option("-c,--config", config_file, "YAML configuration file")->check(CLI::ExistingFile);
    };
    auto *up = app.add_subcommand("up", "Run every service in one process on the embedded defaults");
    auto *core = app.add_subcommand("core", "Run manage core: the HTTP API, health and metrics");
    auto *connect = app.add_subcommand("connect", "Run connect: the OCPP-J WebSocket endpoint for chargers");
    auto *migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");
    auto *version = app.add_subcommand("version", "Print the version and exit");
    for (auto *command : {up, core, connect}) {
        add_config_option(command);
        command->add_option("--threads", threads, "I/O threads")->check(CLI::Range(1, 64))->capture_default_str();
    }
    add_config_option(migrate);

    CLI11_PARSE(app, argc, argv);

    if (version->parsed()) {
        std::cout << "manage " << MANAGE_VERSION << '\n';
        return 0;
    }
    const auto config = app::load_or_report(config_file);
    if (!config)
        return 2;
    if (migrate->parsed())
        return app::run_migrate(*config);
    platform::Services services;
    if (core->parsed())
        services.ocpp = false;
    if (connect->parsed())
        services.api = false;
    return app::run_services(*config, services, threads);
}
