#include "sim_commands.hpp"

#include "manage/sim/engine.hpp"
#include "manage/sim/report.hpp"
#include "manage/sim/scenario_yaml.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <unistd.h>

namespace manage::app {
namespace {

std::optional<sim::Scenario> load_or_report(const std::string &file) {
    auto parsed = sim::load_scenario(file);
    if (!parsed.ok()) {
        std::cerr << "manage sim: " << file << " is not a valid scenario (" << parsed.problems.size()
                  << (parsed.problems.size() == 1 ? " problem" : " problems") << "):\n";
        for (const auto &problem : parsed.problems)
            std::cerr << "  " << sim::to_string(problem) << '\n';
        return std::nullopt;
    }
    return std::move(parsed.scenario);
}

bool known_strategy(const std::string &name) {
    if (sim::make_strategy(name))
        return true;
    std::string names;
    for (const auto &known : sim::strategy_names())
        names += (names.empty() ? "" : ", ") + known;
    std::cerr << "manage sim: unknown strategy '" << name << "'; one of " << names << '\n';
    return false;
}

// A bar on stderr, redrawn in place; only on a terminal, and only once a run lasts long enough
// for anyone to wait on it.
class ProgressBar {
public:
    explicit ProgressBar(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)) {}
    ~ProgressBar() {
        if (shown_)
            std::cerr << '\n';
    }
    void operator()(double fraction) {
        if (!enabled_)
            return;
        const auto elapsed = std::chrono::steady_clock::now() - begin_;
        if (!shown_ && elapsed < std::chrono::milliseconds(300))
            return;
        shown_ = true;
        constexpr int kWidth = 40;
        const int filled = static_cast<int>(fraction * kWidth);
        std::cerr << '\r' << '[' << std::string(static_cast<std::size_t>(filled), '#')
                  << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << "] "
                  << fmt::format("{:3.0f} %", fraction * 100) << std::flush;
    }

private:
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point begin_ = std::chrono::steady_clock::now();
};

bool write_file(const std::filesystem::path &path, const std::function<void(std::ostream &)> &write) {
    std::ofstream out(path);
    if (out)
        write(out);
    out.close();
    if (!out) {
        std::cerr << "manage sim: cannot write " << path.string() << '\n';
        return false;
    }
    return true;
}

} // namespace

int run_sim(const SimRunOptions &options) {
    auto scenario = load_or_report(options.scenario);
    if (!scenario)
        return 2;
    if (options.strategy) {
        if (!known_strategy(*options.strategy))
            return 2;
        scenario->strategy = *options.strategy;
    }
    std::error_code error;
    const std::filesystem::path dir(options.out_dir);
    std::filesystem::create_directories(dir, error);
    if (error) {
        std::cerr << "manage sim: cannot create " << dir.string() << ": " << error.message() << '\n';
        return 1;
    }
    const auto begin = std::chrono::steady_clock::now();
    sim::RunResult result;
    {
        ProgressBar bar(!options.quiet);
        sim::Engine engine(*scenario, sim::make_strategy(scenario->strategy));
        result = engine.run(std::ref(bar));
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    sim::write_kpi_summary(std::cout, result);
    fmt::print(std::cout, "  {:<24}{:>14.1f} ms\n", "wall time", ms);
    constexpr std::size_t kShown = 5; // the rest are in kpis.json
    for (std::size_t i = 0; i < result.short_trip_log.size() && i < kShown; ++i)
        std::cout << (i == 0 ? "Short trips:\n" : "") << "  " << result.short_trip_log[i] << '\n';
    if (result.short_trip_log.size() > kShown)
        std::cout << "  … " << result.short_trip_log.size() - kShown << " more in kpis.json\n";

    const auto start = scenario->start;
    bool written = true;
    written &= write_file(dir / "kpis.json", [&](std::ostream &out) { sim::write_kpis_json(out, result); });
    written &= write_file(dir / "series.csv", [&](std::ostream &out) { sim::write_series_csv(out, result, start); });
    written &= write_file(dir / "series.json", [&](std::ostream &out) { sim::write_series_json(out, result, start); });
    written &= write_file(dir / "plot.svg", [&](std::ostream &out) { sim::write_plot_svg(out, result, start); });
    if (!written)
        return 1;
    std::cout << "Wrote kpis.json, series.csv, series.json and plot.svg to " << dir.string() << '\n';
    return 0;
}

int compare_sims(const SimCompareOptions &options) {
    const auto scenario = load_or_report(options.scenario);
    if (!scenario)
        return 2;
    const auto names = options.strategies.empty() ? sim::strategy_names() : options.strategies;
    for (const auto &name : names)
        if (!known_strategy(name))
            return 2;
    std::vector<sim::RunResult> results;
    std::vector<double> wall_ms;
    for (const auto &name : names) {
        const auto begin = std::chrono::steady_clock::now();
        // KPIs only: compare writes no time series.
        results.push_back(sim::simulate(*scenario, name, sim::EngineOptions{false}).value());
        wall_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
    }
    std::cout << scenario->name << ": " << scenario->vehicles.size() << " vehicles, " << scenario->chargers.size()
              << " chargers, " << scenario->trips.size() << " trips over "
              << fmt::format("{:g}", static_cast<double>(scenario->duration_s) / 86'400) << " days\n";
    sim::write_comparison(std::cout, results, wall_ms);
    return 0;
}

} // namespace manage::app
