#pragma once
// `manage sim run` and `manage sim compare`: load a scenario, run the simulator, write its reports.
#include <optional>
#include <string>
#include <vector>

namespace manage::app {

struct SimRunOptions {
    std::string scenario;
    std::string out_dir;
    std::optional<std::string> strategy;
    bool quiet = false; // no progress bar
};

struct SimCompareOptions {
    std::string scenario;
    std::vector<std::string> strategies; // empty: every strategy
};

int run_sim(const SimRunOptions &options);
int compare_sims(const SimCompareOptions &options);

} // namespace manage::app
