#pragma once
// One worker process's share of the simulated chargers: charger i belongs to worker i mod P.
#include "load_options.hpp"
#include "shared_state.hpp"

namespace manage::bench {

// Runs until the parent sets Phase::Stop; returns the process exit code.
int run_worker(const LoadOptions &options, int worker_index, SharedState &shared, WorkerStats &stats);

} // namespace manage::bench
