#pragma once
// Reading a scenario from YAML (the format is described in docs/simulator.md). Every problem is
// collected, not just the first, each with the YAML path, the reason and the position.
#include "manage/sim/scenario.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace manage::sim {

struct Problem {
    std::string path;   // e.g. fleet.vehicles[3].battery_kwh
    std::string reason; // e.g. "must be greater than 0"
    int line = 0;       // 1-based; 0 when unknown
    int column = 0;
};

// "fleet.vehicles[3].battery_kwh (line 12, column 21): must be greater than 0"
std::string to_string(const Problem &problem);

struct ParsedScenario {
    Scenario scenario;
    std::vector<Problem> problems;
    bool ok() const { return problems.empty(); }
};

ParsedScenario parse_scenario(std::string_view yaml);
ParsedScenario load_scenario(const std::filesystem::path &file);

} // namespace manage::sim
