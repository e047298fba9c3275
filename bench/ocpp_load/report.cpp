#include "report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <thread>

namespace manage::bench {

using Clock = std::chrono::steady_clock;

Run::Totals Run::totals() const {
    Totals t;
    t.latency.assign(LatencyHistogram::kBuckets, 0);
    for (const auto &w : workers_) {
        t.connected += w.connected.load();
        t.connect_failures += w.connect_failures.load();
        t.sent += w.sent.load();
        t.answered += w.answered.load();
        t.call_errors += w.call_errors.load();
        t.skipped += w.skipped.load();
        t.disconnects += w.disconnects.load();
        add_counts(t.latency, w.latency.snapshot());
    }
    return t;
}

void Run::set_phase(Phase phase) {
    shared_.phase.store(static_cast<int>(phase), std::memory_order_release);
}

void Run::wait_for_connections(Report &report) {
    const auto start = Clock::now();
    const auto wanted = static_cast<std::uint64_t>(options_.chargers);
    auto last_print = start;
    while (true) {
        const auto t = totals();
        const auto now = Clock::now();
        const bool all = t.connected + t.connect_failures >= wanted;
        if (all || now - start > options_.connect_timeout || now - last_print >= std::chrono::seconds(1)) {
            fmt::print(stderr, "connecting: {}/{} up, {} failed ({:.0f} s)\n", t.connected, wanted, t.connect_failures,
                       std::chrono::duration<double>(now - start).count());
            last_print = now;
        }
        if (all || now - start > options_.connect_timeout) {
            report.connect_seconds = std::chrono::duration<double>(now - start).count();
            report.connect_failures = t.connect_failures;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

void Run::sample_idle(Report &report) {
    std::this_thread::sleep_for(options_.settle);
    report.connected = totals().connected;
    if (!server_pid_)
        return;
    const auto idle = sample_process(server_pid_);
    if (!idle)
        return;
    report.server_rss_idle_bytes = idle->resident_bytes;
    if (server_before_ && report.connected > 0)
        report.rss_per_connection_bytes =
            (static_cast<double>(idle->resident_bytes) - static_cast<double>(server_before_->resident_bytes)) /
            static_cast<double>(report.connected);
}

void Run::run_load(Report &report) {
    set_phase(Phase::Load);
    std::this_thread::sleep_for(options_.warmup);
    const auto before = totals();
    const auto server_start = server_pid_ ? sample_process(server_pid_) : std::nullopt;
    const auto start = Clock::now();
    for (auto elapsed = std::chrono::seconds(0); elapsed < options_.duration; elapsed += std::chrono::seconds(1)) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        const auto t = totals();
        fmt::print(stderr, "load: {} answered, {} errors, {} up ({} s of {})\n", t.answered - before.answered,
                   t.call_errors - before.call_errors, t.connected, elapsed.count() + 1, options_.duration.count());
    }
    const auto after = totals();
    const auto server_end = server_pid_ ? sample_process(server_pid_) : std::nullopt;
    report.measured_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report.sent = after.sent - before.sent;
    report.answered = after.answered - before.answered;
    report.call_errors = after.call_errors - before.call_errors;
    report.skipped = after.skipped - before.skipped;
    report.disconnects = after.disconnects;
    report.answered_per_second = static_cast<double>(report.answered) / report.measured_seconds;
    const auto window = subtract_counts(after.latency, before.latency);
    report.p50_us = static_cast<std::uint64_t>(percentile(window, 0.50).count());
    report.p99_us = static_cast<std::uint64_t>(percentile(window, 0.99).count());
    report.p999_us = static_cast<std::uint64_t>(percentile(window, 0.999).count());
    report.max_bucket_us = static_cast<std::uint64_t>(percentile(window, 1.0).count());
    if (server_start && server_end && report.answered > 0) {
        report.server_cpu_us_per_message =
            static_cast<double>((server_end->cpu_time - server_start->cpu_time).count()) /
            static_cast<double>(report.answered);
        report.server_rss_loaded_bytes = server_end->resident_bytes;
    }
}

Report Run::measure() {
    Report report;
    wait_for_connections(report);
    sample_idle(report);
    if (options_.rate > 0)
        run_load(report);
    else
        report.disconnects = totals().disconnects;
    set_phase(Phase::Stop);
    return report;
}

void print_report(const Report &r, const LoadOptions &o) {
    fmt::print("chargers:            {} of {} connected and booted in {:.1f} s ({} failed), {} processes, {} "
               "source addresses\n",
               r.connected, o.chargers, r.connect_seconds, r.connect_failures, o.processes, o.source_addresses);
    if (r.rss_per_connection_bytes)
        fmt::print("server memory:       {:.0f} MiB resident idle, {:.2f} KiB per connection\n",
                   static_cast<double>(*r.server_rss_idle_bytes) / (1024.0 * 1024.0),
                   *r.rss_per_connection_bytes / 1024.0);
    if (o.rate <= 0)
        return;
    fmt::print("load:                OCPP {} {} at {:.0f}/s asked, {:.1f} s measured\n", o.version, o.message, o.rate,
               r.measured_seconds);
    fmt::print("answered:            {} ({:.0f}/s), {} CALLERRORs, {} sends skipped (previous unanswered), {} "
               "disconnects\n",
               r.answered, r.answered_per_second, r.call_errors, r.skipped, r.disconnects);
    fmt::print("latency CALL→RESULT: p50 {} µs, p99 {} µs, p99.9 {} µs, max ≤ {} µs\n", r.p50_us, r.p99_us, r.p999_us,
               r.max_bucket_us);
    if (r.server_cpu_us_per_message)
        fmt::print("server CPU:          {:.2f} µs per answered message\n", *r.server_cpu_us_per_message);
}

void write_json_report(const Report &r, const LoadOptions &o, const std::string &path) {
    nlohmann::json j{{"chargers", o.chargers},
                     {"processes", o.processes},
                     {"sourceAddresses", o.source_addresses},
                     {"ocpp", o.version},
                     {"message", o.message},
                     {"rate", o.rate},
                     {"connected", r.connected},
                     {"connectFailures", r.connect_failures},
                     {"connectSeconds", r.connect_seconds},
                     {"measuredSeconds", r.measured_seconds},
                     {"sent", r.sent},
                     {"answered", r.answered},
                     {"callErrors", r.call_errors},
                     {"skipped", r.skipped},
                     {"disconnects", r.disconnects},
                     {"answeredPerSecond", r.answered_per_second},
                     {"latencyP50Us", r.p50_us},
                     {"latencyP99Us", r.p99_us},
                     {"latencyP999Us", r.p999_us}};
    if (r.rss_per_connection_bytes)
        j["serverRssPerConnectionBytes"] = *r.rss_per_connection_bytes;
    if (r.server_rss_idle_bytes)
        j["serverRssIdleBytes"] = *r.server_rss_idle_bytes;
    if (r.server_cpu_us_per_message)
        j["serverCpuUsPerMessage"] = *r.server_cpu_us_per_message;
    std::ofstream(path) << j.dump(2) << '\n';
}

} // namespace manage::bench
