#pragma once
// What a run produces: the KPIs and, when asked for, time series at the scenario's resolution.
#include "manage/sim/scenario.hpp"

#include <string>
#include <vector>

namespace manage::sim {

struct Kpis {
    double energy_delivered_kwh = 0; // grid side, through the chargers
    double energy_to_batteries_kwh = 0;
    int trips = 0;       // trips that started within the horizon
    int short_trips = 0; // left with less than the trip (plus reserve) needs, or could not leave
    double shortfall_kwh = 0;
    double peak_site_kw = 0; // site import: chargers + building − PV
    double energy_cost = 0;
    double demand_charge = 0;
    double charger_utilisation = 0; // energy delivered / (Σ charger max power × horizon)
    double connector_occupancy = 0; // time plugged / (connectors × horizon)
    double total_cost() const { return energy_cost + demand_charge; }
};

// Averages over each step of `resolution_s`; SoC is sampled at the step's end.
struct Series {
    Seconds resolution_s = 900;
    std::vector<double> site_kw;                  // [step]
    std::vector<double> limit_kw;                 // [step] the grid limit
    std::vector<std::vector<double>> charger_kw;  // [charger][step]
    std::vector<std::vector<double>> vehicle_soc; // [vehicle][step]
};

struct RunResult {
    std::string scenario;
    std::string strategy;
    Kpis kpis;
    Series series;
    // The highest load each limit node carried (0: the grid connection, with building and PV),
    // beside its limit, to show that no limit was exceeded.
    std::vector<std::string> node_names;
    std::vector<double> node_peak_kw;
    std::vector<double> node_limit_kw;
    std::vector<std::string> charger_ids;
    std::vector<std::string> vehicle_ids;
    std::vector<std::string> short_trip_log; // one line per short trip (the first thousand), for people
    // For checking the energy balance: each charger's grid energy, each vehicle's energy at the end
    // (a vehicle still out counts with what it left with) and what its finished trips used.
    std::vector<double> charger_energy_kwh;
    std::vector<double> vehicle_final_kwh;
    std::vector<double> vehicle_used_kwh;
};

} // namespace manage::sim
