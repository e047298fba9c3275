#pragma once
// The discrete-event engine. Power is constant between events; the engine jumps from one event to
// the next (an arrival, a departure, a price or profile change, a battery reaching its target, or a
// strategy re-decision every `resolution_s` while a plugged vehicle still wants energy) and never
// steps through idle time. Deterministic for a given scenario (its seed included).
#include "manage/common/result.hpp"
#include "manage/sim/results.hpp"
#include "manage/sim/scenario.hpp"
#include "manage/sim/strategy.hpp"

#include <functional>
#include <memory>
#include <variant>

namespace manage::sim {

// What an agent (scripted or an external controller through the step API) can do to the depot.
struct SetNodeLimit {
    std::string node; // "grid", a load group id or a charger id
    double limit_kw = 0;
};
struct FailCharger {
    std::string charger;
};
struct RepairCharger {
    std::string charger;
};
using Action = std::variant<SetNodeLimit, FailCharger, RepairCharger>;

struct EngineOptions {
    bool record_series = true;
};

class Engine {
public:
    Engine(const Scenario &scenario, std::unique_ptr<Strategy> strategy, EngineOptions options = {});
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    // Processes every event before `until` (seconds since the start) and moves the clock there.
    void step_until(Seconds until);
    // Runs to the horizon's end; `progress` (if any) hears the fraction done now and then.
    RunResult run(const std::function<void(double)> &progress = {});

    Seconds now() const;
    bool finished() const;
    // Applies at the current time; false when it names nothing known.
    bool apply(const Action &action);
    RunResult result() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Convenience: builds the named strategy (the scenario's when empty) and runs to the end.
Result<RunResult> simulate(const Scenario &scenario, std::string_view strategy = {}, EngineOptions options = {});

} // namespace manage::sim
