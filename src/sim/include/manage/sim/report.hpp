#pragma once
// A run's result as text for people and files for tools. Writers take a stream; the caller opens
// the files.
#include "manage/sim/results.hpp"

#include <ostream>
#include <vector>

namespace manage::sim {

// The KPIs, one per line, aligned, for a terminal.
void write_kpi_summary(std::ostream &out, const RunResult &result);
// The KPIs and the limit nodes' peaks as a JSON object.
void write_kpis_json(std::ostream &out, const RunResult &result);
// One row per step: time, site_kw, grid_limit_kw, then <charger>_kw and <vehicle>_soc columns.
void write_series_csv(std::ostream &out, const RunResult &result, TimePoint start);
// The same series as JSON arrays under "site_kw", "chargers" and "vehicles".
void write_series_json(std::ostream &out, const RunResult &result, TimePoint start);
// Two panels: site power against the grid limit, and the fleet's SoC over time.
void write_plot_svg(std::ostream &out, const RunResult &result, TimePoint start);

// A table of several runs' KPIs side by side, with each run's wall time in milliseconds.
void write_comparison(std::ostream &out, const std::vector<RunResult> &results, const std::vector<double> &wall_ms);

} // namespace manage::sim
