// The simulator's benchmark: a generated depot (100 vehicles, 100 chargers, 30 days, 15-minute
// steps by default), every strategy run several times; prints the best wall time of each with the
// run's peak, shortfall and cost. Figures and the command: docs/performance.md.
#include "manage/sim/engine.hpp"
#include "manage/sim/generate.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>

namespace {

// This thread's CPU time: steadier than wall time on a machine shared with other work.
double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char **argv) {
    using namespace manage::sim;
    CLI::App app{"Times every simulator strategy on a generated depot"};
    DepotSpec spec;
    int repeat = 5;
    bool series = true;
    app.add_option("--vehicles", spec.vehicles)->capture_default_str();
    app.add_option("--chargers", spec.chargers)->capture_default_str();
    app.add_option("--days", spec.days)->capture_default_str();
    app.add_option("--resolution", spec.resolution_s, "seconds")->capture_default_str();
    app.add_option("--seed", spec.seed)->capture_default_str();
    app.add_option("--grid-kw", spec.grid_limit_kw, "grid connection limit (0: 40 % of the chargers' power)")
        ->capture_default_str();
    app.add_option("--repeat", repeat, "runs per strategy; the best is reported")->capture_default_str();
    app.add_flag("!--no-series", series, "record KPIs only, no time series");
    CLI11_PARSE(app, argc, argv);

    const auto scenario = generate_depot(spec);
    fmt::print("depot: {} vehicles, {} chargers, {} days at {} s, {} trips, time series {}\n", spec.vehicles,
               spec.chargers, spec.days, spec.resolution_s, scenario.trips.size(), series ? "on" : "off");
    fmt::print("{:<14}{:>10}{:>10}{:>10}{:>12}{:>14}{:>8}{:>14}\n", "strategy", "best ms", "mean ms", "cpu ms",
               "peak kW", "shortfall kWh", "short", "total cost");
    for (const auto &name : strategy_names()) {
        double best = 1e300;
        double best_cpu = 1e300;
        double sum = 0;
        RunResult result;
        for (int i = 0; i < repeat; ++i) {
            const auto begin = std::chrono::steady_clock::now();
            const double cpu_begin = cpu_ms();
            result = simulate(scenario, name, EngineOptions{series}).value();
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
            best = std::min(best, ms);
            best_cpu = std::min(best_cpu, cpu_ms() - cpu_begin);
            sum += ms;
        }
        const auto &k = result.kpis;
        fmt::print("{:<14}{:>10.2f}{:>10.2f}{:>10.2f}{:>12.1f}{:>14.1f}{:>8}{:>14.2f}\n", name, best, sum / repeat,
                   best_cpu, k.peak_site_kw, k.shortfall_kwh, k.short_trips, k.total_cost());
    }
    return 0;
}
