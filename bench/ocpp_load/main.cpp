// manage-ocpp-load: opens N concurrent OCPP 1.6 chargers against a central system, holds them
// idle, then sends Heartbeat or MeterValues at a set aggregate rate, and reports connections
// held, answers per second, CALL→CALLRESULT latency and (given the server's pid) the server's
// resident memory per connection and CPU time per answered message. See docs/performance.md.
#include "load_options.hpp"
#include "load_worker.hpp"
#include "report.hpp"
#include "server_probe.hpp"
#include "shared_state.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>
#include <new>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace manage::bench;

namespace {

struct Mapping {
    SharedState *shared;
    WorkerStats *workers;
};

Mapping map_shared(int processes) {
    const auto bytes = sizeof(SharedState) + sizeof(WorkerStats) * static_cast<std::size_t>(processes);
    void *memory = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        throw std::runtime_error("mmap of the shared counters failed");
    auto *shared = new (memory) SharedState();
    auto *workers = reinterpret_cast<WorkerStats *>(static_cast<char *>(memory) + sizeof(SharedState));
    for (int i = 0; i < processes; ++i)
        new (&workers[i]) WorkerStats();
    return {shared, workers};
}

} // namespace

int main(int argc, char **argv) {
    LoadOptions options;
    int server_pid = 0;
    std::string json_out;
    int connect_timeout_s = 600, settle_s = 3, warmup_s = 3, duration_s = 10;
    CLI::App app{"manage-ocpp-load: concurrent OCPP 1.6 or 2.0.1 chargers against a central system on loopback.\n"
                 "Connects --chargers chargers (booting each), holds them idle, then sends --message at --rate\n"
                 "CALLs per second in all, and reports latency, throughput and the server's memory and CPU."};
    app.add_option("--host", options.host, "Central system address (loopback only)")->capture_default_str();
    app.add_option("--port", options.port, "Central system OCPP port")->capture_default_str();
    app.add_option("-n,--chargers", options.chargers, "Chargers to simulate")
        ->check(CLI::Range(1, 1'000'000))
        ->capture_default_str();
    app.add_option("-p,--processes", options.processes, "Worker processes (each below 20,000 open files)")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    app.add_option("--sources", options.source_addresses, "Loopback source addresses 127.0.0.2 …")
        ->check(CLI::Range(1, 250))
        ->capture_default_str();
    app.add_option("--id-prefix", options.id_prefix, "Charge point id prefix")->capture_default_str();
    app.add_option("-r,--rate", options.rate, "Aggregate CALLs per second in the load phase; 0: idle only")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--ocpp", options.version, "OCPP version the chargers speak")
        ->check(CLI::IsMember({"1.6", "2.0.1"}))
        ->capture_default_str();
    app.add_option("-m,--message", options.message,
                   "CALL to send; TransactionEvent (2.0.1 only) is Started once per charger, then Updated")
        ->check(CLI::IsMember({"Heartbeat", "MeterValues", "TransactionEvent"}))
        ->capture_default_str();
    app.add_option("--connect-concurrency", options.connect_concurrency, "Handshakes in flight per process")
        ->check(CLI::Range(1, 10'000))
        ->capture_default_str();
    app.add_option("--connect-timeout", connect_timeout_s, "Seconds to wait for every charger to boot")
        ->capture_default_str();
    app.add_option("--settle", settle_s, "Idle seconds before the memory sample")->capture_default_str();
    app.add_option("--warmup", warmup_s, "Seconds of load before measuring")->capture_default_str();
    app.add_option("-d,--duration", duration_s, "Seconds of measured load")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--server-pid", server_pid, "The central system's pid, for its memory and CPU time");
    app.add_option("--json", json_out, "Also write the report as JSON to this file");
    CLI11_PARSE(app, argc, argv);
    if (options.host.rfind("127.", 0) != 0) {
        fmt::print(stderr, "--host must be a loopback address (127.0.0.0/8): load tests stay on this machine\n");
        return 2;
    }
    if (options.message == "TransactionEvent" && options.version != "2.0.1") {
        fmt::print(stderr, "--message TransactionEvent needs --ocpp 2.0.1: OCPP 1.6 has no such message\n");
        return 2;
    }
    options.connect_timeout = std::chrono::seconds(connect_timeout_s);
    options.settle = std::chrono::seconds(settle_s);
    options.warmup = std::chrono::seconds(warmup_s);
    options.duration = std::chrono::seconds(duration_s);
    options.processes = std::min(options.processes, options.chargers);

    auto mapping = map_shared(options.processes);
    const auto server_before = server_pid ? sample_process(server_pid) : std::nullopt;
    std::vector<pid_t> children;
    for (int i = 0; i < options.processes; ++i) {
        const pid_t child = ::fork();
        if (child == 0)
            ::_exit(run_worker(options, i, *mapping.shared, mapping.workers[i]));
        if (child < 0) {
            fmt::print(stderr, "fork failed\n");
            return 1;
        }
        children.push_back(child);
    }
    Run run{options, *mapping.shared, std::span(mapping.workers, static_cast<std::size_t>(options.processes)),
            server_pid, server_before};
    const auto report = run.measure();
    for (const auto child : children)
        ::waitpid(child, nullptr, 0);
    print_report(report, options);
    if (!json_out.empty())
        write_json_report(report, options, json_out);
    return report.connected == static_cast<std::uint64_t>(options.chargers) && report.failed_calls() == 0 ? 0 : 1;
}
