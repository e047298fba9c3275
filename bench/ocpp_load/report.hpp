#pragma once
// The parent's side of a run: drives the phases, samples the server, and reports.
#include "load_options.hpp"
#include "server_probe.hpp"
#include "shared_state.hpp"

#include <optional>
#include <span>
#include <string>

namespace manage::bench {

struct Report {
    std::uint64_t connected = 0; // chargers up when the idle sample was taken
    std::uint64_t connect_failures = 0;
    double connect_seconds = 0; // until every charger was up (or the timeout)
    std::optional<double> rss_per_connection_bytes;
    std::optional<std::uint64_t> server_rss_idle_bytes;
    // Load phase (measured window only).
    double measured_seconds = 0;
    std::uint64_t sent = 0, answered = 0, call_errors = 0, skipped = 0, disconnects = 0;
    double answered_per_second = 0;
    std::uint64_t p50_us = 0, p99_us = 0, p999_us = 0, max_bucket_us = 0;
    std::optional<double> server_cpu_us_per_message;
    std::optional<std::uint64_t> server_rss_loaded_bytes;

    // CALLs sent in the window that were answered with an error or not at all (beyond those in flight).
    std::uint64_t failed_calls() const { return call_errors; }
};

class Run {
public:
    Run(const LoadOptions &options, SharedState &shared, std::span<WorkerStats> workers, int server_pid,
        std::optional<ProcessSample> server_before)
        : options_(options), shared_(shared), workers_(workers), server_pid_(server_pid),
          server_before_(server_before) {}

    // Waits for the connections, samples idle memory, runs the load phase, then stops the workers.
    Report measure();

private:
    struct Totals {
        std::uint64_t connected = 0, connect_failures = 0, sent = 0, answered = 0, call_errors = 0, skipped = 0,
                      disconnects = 0;
        std::vector<std::uint64_t> latency;
    };
    Totals totals() const;
    void wait_for_connections(Report &report);
    void sample_idle(Report &report);
    void run_load(Report &report);
    void set_phase(Phase phase);

    const LoadOptions &options_;
    SharedState &shared_;
    std::span<WorkerStats> workers_;
    int server_pid_;
    std::optional<ProcessSample> server_before_;
};

void print_report(const Report &report, const LoadOptions &options);
void write_json_report(const Report &report, const LoadOptions &options, const std::string &path);

} // namespace manage::bench
