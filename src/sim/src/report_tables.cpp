// KPI summaries, CSV and JSON. JSON is written by hand: flat numbers and names do not need a
// JSON library in the simulator's dependencies.
#include "manage/common/time_format.hpp"
#include "manage/sim/report.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace manage::sim {
namespace {

std::string quoted(const std::string &text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += {'\\', c};
        else if (static_cast<unsigned char>(c) < 0x20)
            out += fmt::format("\\u{:04x}", static_cast<int>(c));
        else
            out += c;
    }
    return out + "\"";
}

std::string step_time(TimePoint start, const Series &series, std::size_t step) {
    return format_time(start + std::chrono::seconds(static_cast<Seconds>(step) * series.resolution_s));
}

std::string number(double value) {
    return fmt::format("{:.6g}", value);
}

struct KpiRow {
    const char *key;
    const char *label;
    const char *unit;
    double value;
};

std::vector<KpiRow> kpi_rows(const Kpis &k) {
    return {{"energy_delivered_kwh", "energy delivered", "kWh", k.energy_delivered_kwh},
            {"energy_to_batteries_kwh", "energy into batteries", "kWh", k.energy_to_batteries_kwh},
            {"trips", "trips", "", static_cast<double>(k.trips)},
            {"short_trips", "short or missed trips", "", static_cast<double>(k.short_trips)},
            {"shortfall_kwh", "shortfall", "kWh", k.shortfall_kwh},
            {"peak_site_kw", "peak site power", "kW", k.peak_site_kw},
            {"energy_cost", "energy cost", "", k.energy_cost},
            {"demand_charge", "demand charge", "", k.demand_charge},
            {"total_cost", "total cost", "", k.total_cost()},
            {"charger_utilisation", "charger utilisation", "", k.charger_utilisation},
            {"connector_occupancy", "connector occupancy", "", k.connector_occupancy}};
}

} // namespace

void write_kpi_summary(std::ostream &out, const RunResult &result) {
    fmt::print(out, "{} — strategy {}\n", result.scenario, result.strategy);
    for (const auto &row : kpi_rows(result.kpis)) {
        const bool share =
            std::string_view(row.key) == "charger_utilisation" || std::string_view(row.key) == "connector_occupancy";
        const bool count = std::string_view(row.key) == "trips" || std::string_view(row.key) == "short_trips";
        if (share)
            fmt::print(out, "  {:<24}{:>14.1f} %\n", row.label, row.value * 100);
        else if (count)
            fmt::print(out, "  {:<24}{:>14.0f}\n", row.label, row.value);
        else
            fmt::print(out, "  {:<24}{:>14.2f} {}\n", row.label, row.value, row.unit);
    }
    for (std::size_t n = 0; n < result.node_names.size() && n < 12; ++n)
        fmt::print(out, "  peak at {:<16}{:>14.1f} kW of {:.1f}\n", result.node_names[n], result.node_peak_kw[n],
                   result.node_limit_kw[n]);
}

void write_kpis_json(std::ostream &out, const RunResult &result) {
    out << "{\n  \"scenario\": " << quoted(result.scenario) << ",\n  \"strategy\": " << quoted(result.strategy);
    for (const auto &row : kpi_rows(result.kpis))
        out << ",\n  " << quoted(row.key) << ": " << number(row.value);
    out << ",\n  \"limits\": [";
    for (std::size_t n = 0; n < result.node_names.size(); ++n)
        out << (n ? ",\n    " : "\n    ") << "{\"node\": " << quoted(result.node_names[n])
            << ", \"limit_kw\": " << number(result.node_limit_kw[n])
            << ", \"peak_kw\": " << number(result.node_peak_kw[n]) << "}";
    out << "\n  ],\n  \"short_trips_log\": [";
    for (std::size_t i = 0; i < result.short_trip_log.size(); ++i)
        out << (i ? ",\n    " : "\n    ") << quoted(result.short_trip_log[i]);
    out << "\n  ]\n}\n";
}

void write_series_csv(std::ostream &out, const RunResult &result, TimePoint start) {
    const auto &s = result.series;
    out << "time,site_kw,grid_limit_kw";
    for (const auto &id : result.charger_ids)
        out << ',' << id << "_kw";
    for (const auto &id : result.vehicle_ids)
        out << ',' << id << "_soc";
    out << '\n';
    for (std::size_t step = 0; step < s.site_kw.size(); ++step) {
        out << step_time(start, s, step) << ',' << number(s.site_kw[step]) << ',' << number(s.limit_kw[step]);
        for (const auto &charger : s.charger_kw)
            out << ',' << number(charger[step]);
        for (const auto &vehicle : s.vehicle_soc)
            out << ',' << number(vehicle[step]);
        out << '\n';
    }
}

namespace {

void json_array(std::ostream &out, const std::vector<double> &values) {
    out << '[';
    for (std::size_t i = 0; i < values.size(); ++i)
        out << (i ? "," : "") << number(values[i]);
    out << ']';
}

} // namespace

void write_series_json(std::ostream &out, const RunResult &result, TimePoint start) {
    const auto &s = result.series;
    out << "{\n  \"start\": " << quoted(format_time(start)) << ",\n  \"resolution_s\": " << s.resolution_s
        << ",\n  \"site_kw\": ";
    json_array(out, s.site_kw);
    out << ",\n  \"grid_limit_kw\": ";
    json_array(out, s.limit_kw);
    out << ",\n  \"chargers\": {";
    for (std::size_t c = 0; c < s.charger_kw.size(); ++c) {
        out << (c ? ",\n    " : "\n    ") << quoted(result.charger_ids[c]) << ": ";
        json_array(out, s.charger_kw[c]);
    }
    out << "\n  },\n  \"vehicles_soc\": {";
    for (std::size_t v = 0; v < s.vehicle_soc.size(); ++v) {
        out << (v ? ",\n    " : "\n    ") << quoted(result.vehicle_ids[v]) << ": ";
        json_array(out, s.vehicle_soc[v]);
    }
    out << "\n  }\n}\n";
}

void write_comparison(std::ostream &out, const std::vector<RunResult> &results, const std::vector<double> &wall_ms) {
    fmt::print(out, "{:<14}{:>12}{:>8}{:>14}{:>11}{:>12}{:>10}{:>12}{:>9}{:>11}\n", "strategy", "energy kWh", "short",
               "shortfall kWh", "peak kW", "energy cost", "demand", "total cost", "util %", "wall ms");
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto &k = results[i].kpis;
        fmt::print(out, "{:<14}{:>12.1f}{:>8}{:>14.1f}{:>11.1f}{:>12.2f}{:>10.2f}{:>12.2f}{:>9.1f}{:>11.2f}\n",
                   results[i].strategy, k.energy_delivered_kwh, k.short_trips, k.shortfall_kwh, k.peak_site_kw,
                   k.energy_cost, k.demand_charge, k.total_cost(), k.charger_utilisation * 100,
                   i < wall_ms.size() ? wall_ms[i] : 0.0);
    }
}

} // namespace manage::sim
