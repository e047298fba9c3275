// The one executable: parses the command line and hands over to the platform wiring.
#include "commands.hpp"
#include "sim_commands.hpp"

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

    auto *sim = app.add_subcommand("sim", "Simulate a depot: chargers, fleet, schedule, limits, tariffs");
    sim->require_subcommand(1);
    app::SimRunOptions sim_run;
    auto *sim_run_command = sim->add_subcommand("run", "Run one scenario and write its KPIs, time series and plot");
    sim_run_command->add_option("scenario", sim_run.scenario, "Scenario file (YAML, see docs/simulator.md)")
        ->required()
        ->check(CLI::ExistingFile);
    sim_run_command->add_option("--out", sim_run.out_dir, "Directory for kpis.json, series.csv, series.json, plot.svg")
        ->required();
    sim_run_command->add_option("--strategy", sim_run.strategy,
                                "uncontrolled, balanced, edf or llf (default: the scenario's)");
    sim_run_command->add_flag("--quiet", sim_run.quiet, "No progress bar");
    app::SimCompareOptions sim_compare;
    auto *sim_compare_command =
        sim->add_subcommand("compare", "Run one scenario under several strategies and print their KPIs side by side");
    sim_compare_command->add_option("scenario", sim_compare.scenario, "Scenario file (YAML)")
        ->required()
        ->check(CLI::ExistingFile);
    sim_compare_command->add_option("--strategies", sim_compare.strategies, "Comma-separated (default: all)")
        ->delimiter(',');

    CLI11_PARSE(app, argc, argv);

    if (version->parsed()) {
        std::cout << "manage " << MANAGE_VERSION << '\n';
        return 0;
    }
    if (sim_run_command->parsed())
        return app::run_sim(sim_run);
    if (sim_compare_command->parsed())
        return app::compare_sims(sim_compare);
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
