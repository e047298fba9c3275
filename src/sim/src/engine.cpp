#include "manage/sim/engine.hpp"

#include "calendar.hpp"
#include "limit_tree.hpp"
#include "manage/common/time_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <queue>
#include <random>

namespace manage::sim {
namespace {

constexpr Seconds kNever = std::numeric_limits<Seconds>::max();
constexpr double kEnergyEpsilon = 1e-9; // kWh: below this a battery counts as at its target

struct VehicleState {
    double energy_kwh = 0;
    int connector = -1;
    bool away = false;
    std::size_t next_trip = 0;      // position in this vehicle's trip list
    std::size_t current_trip = 0;   // the trip it is on while away
    double energy_at_departure = 0; // for the SoC series while away
    double used_kwh = 0;            // on finished trips
};

struct ConnectorState {
    std::size_t charger = 0;
    int vehicle = -1;
    double power_kw = 0; // grid side
};

enum class EventKind { arrival = 0, departure = 1 }; // at one instant, arrivals first

struct Event {
    Seconds t = 0;
    EventKind kind = EventKind::arrival;
    std::uint64_t sequence = 0;
    std::size_t trip = 0;
    bool operator>(const Event &other) const {
        if (t != other.t)
            return t > other.t;
        if (kind != other.kind)
            return kind > other.kind;
        return sequence > other.sequence;
    }
};

// A uniform draw in [0, 1) from the generator's raw bits: std:: distributions differ between
// standard libraries, the generator's output does not.
double uniform01(std::mt19937_64 &rng) {
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

} // namespace

struct Engine::State {
    const Scenario &scenario;
    std::unique_ptr<Strategy> strategy;
    EngineOptions options;
    LimitTree tree;

    Seconds now = 0;
    Seconds end = 0;
    bool finished = false;

    std::vector<VehicleState> vehicles;
    std::vector<ConnectorState> connectors;
    std::vector<std::vector<std::size_t>> charger_connectors;
    std::vector<std::vector<std::size_t>> vehicle_trips; // trip indices by departure
    std::vector<Seconds> arrival_s;                      // with jitter
    std::vector<bool> trip_skipped;
    std::deque<std::size_t> waiting; // vehicles at the depot without a connector, in arrival order
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    std::uint64_t next_sequence = 0;

    // What holds until the next event.
    double building_kw = 0;
    double pv_kw = 0;
    PriceAt price;
    Seconds next_tick = kNever;
    Seconds next_full = kNever;
    Seconds next_profile = kNever;

    // Reused between decisions so that a decision allocates nothing.
    std::vector<ChargeRequest> requests;
    std::vector<std::size_t> request_connector;
    std::vector<double> allocation;
    std::vector<std::size_t> active; // connectors with power > 0 until the next decision
    std::size_t plugged_connectors = 0;

    // Accumulated.
    Kpis kpis;
    std::vector<double> charger_energy_kwh;
    double plugged_connector_seconds = 0;
    std::map<int, double> month_peak_kw;
    double *month_peak = nullptr; // this day's month (std::map keeps its elements in place)
    Seconds month_until = 0;      // the next midnight, when the month may change
    Seconds sc_epoch = 0;         // the start in seconds since 1970
    std::vector<double> node_peak_kw;
    std::vector<std::string> short_trip_log;
    Series series;

    State(const Scenario &s, std::unique_ptr<Strategy> st, EngineOptions o)
        : scenario(s), strategy(std::move(st)), options(o), tree(s), end(s.duration_s) {}

    void schedule(Seconds t, EventKind kind, std::size_t trip) { events.push(Event{t, kind, next_sequence++, trip}); }

    static Seconds floor_mod_day(Seconds t) { return ((t % 86'400) + 86'400) % 86'400; }

    void init() {
        const auto &sc = scenario;
        sc_epoch = std::chrono::duration_cast<std::chrono::seconds>(sc.start.time_since_epoch()).count();
        vehicles.resize(sc.vehicles.size());
        for (std::size_t v = 0; v < vehicles.size(); ++v)
            vehicles[v].energy_kwh = sc.vehicles[v].initial_soc * sc.vehicles[v].battery_kwh;
        charger_connectors.resize(sc.chargers.size());
        for (std::size_t c = 0; c < sc.chargers.size(); ++c)
            for (int k = 0; k < sc.chargers[c].connectors; ++k) {
                charger_connectors[c].push_back(connectors.size());
                connectors.push_back(ConnectorState{c, -1, 0});
            }
        charger_energy_kwh.assign(sc.chargers.size(), 0.0);
        node_peak_kw.assign(tree.size(), 0.0);

        vehicle_trips.resize(sc.vehicles.size());
        arrival_s.resize(sc.trips.size());
        trip_skipped.assign(sc.trips.size(), false);
        std::mt19937_64 rng(sc.seed);
        for (std::size_t k = 0; k < sc.trips.size(); ++k) {
            const auto &trip = sc.trips[k];
            const Seconds jitter =
                sc.arrival_jitter_s > 0
                    ? static_cast<Seconds>(uniform01(rng) * static_cast<double>(sc.arrival_jitter_s + 1))
                    : 0;
            arrival_s[k] = trip.arrival + jitter;
            vehicle_trips[trip.vehicle].push_back(k);
            if (trip.departure < end)
                schedule(trip.departure, EventKind::departure, k);
        }
        for (auto &list : vehicle_trips)
            std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
                return sc.trips[a].departure < sc.trips[b].departure;
            });

        if (options.record_series) {
            const auto steps = static_cast<std::size_t>((end + sc.resolution_s - 1) / sc.resolution_s);
            series.resolution_s = sc.resolution_s;
            series.site_kw.assign(steps, 0.0);
            series.limit_kw.assign(steps, sc.site.grid_limit_kw);
            series.charger_kw.assign(sc.chargers.size(), std::vector<double>(steps, 0.0));
            series.vehicle_soc.assign(sc.vehicles.size(), std::vector<double>(steps, 0.0));
        }
        for (std::size_t v = 0; v < vehicles.size(); ++v)
            plug_or_wait(v);
        refresh_profiles();
        price = price_at(sc.tariff, sc.start, now);
        decide();
    }

    // ---- plugging -------------------------------------------------------------------------

    // The charger with the most free connectors (the first in scenario order on a tie), so that a
    // vehicle shares a charger only when every charger is busy.
    int free_connector() const {
        int best = -1;
        std::size_t best_free = 0;
        for (std::size_t c = 0; c < charger_connectors.size(); ++c) {
            std::size_t free = 0;
            int first = -1;
            for (const auto k : charger_connectors[c])
                if (connectors[k].vehicle < 0) {
                    ++free;
                    if (first < 0)
                        first = static_cast<int>(k);
                }
            if (free > best_free) {
                best_free = free;
                best = first;
            }
        }
        return best;
    }

    void plug_or_wait(std::size_t v) {
        const int k = free_connector();
        if (k < 0) {
            waiting.push_back(v);
            return;
        }
        connectors[static_cast<std::size_t>(k)].vehicle = static_cast<int>(v);
        vehicles[v].connector = k;
    }

    void unplug(std::size_t v) {
        auto &vehicle = vehicles[v];
        if (vehicle.connector < 0) {
            waiting.erase(std::remove(waiting.begin(), waiting.end(), v), waiting.end());
            return;
        }
        auto &connector = connectors[static_cast<std::size_t>(vehicle.connector)];
        connector.vehicle = -1;
        connector.power_kw = 0;
        vehicle.connector = -1;
        if (!waiting.empty()) {
            const std::size_t next = waiting.front();
            waiting.pop_front();
            plug_or_wait(next);
        }
    }

    // ---- events ---------------------------------------------------------------------------

    Seconds next_departure(std::size_t v) const {
        const auto &list = vehicle_trips[v];
        const auto pos = vehicles[v].next_trip;
        return pos < list.size() ? std::min(scenario.trips[list[pos]].departure, end) : end;
    }

    void depart(std::size_t k) {
        const auto &trip = scenario.trips[k];
        const auto v = trip.vehicle;
        const auto &spec = scenario.vehicles[v];
        auto &vehicle = vehicles[v];
        ++vehicle.next_trip;
        ++kpis.trips;
        const double needed = trip.energy_kwh + spec.reserve_soc * spec.battery_kwh;
        if (vehicle.away) { // still out on its previous trip: this one cannot start
            trip_skipped[k] = true;
            record_short(k, needed, "not back from its previous trip");
            return;
        }
        if (vehicle.energy_kwh + 1e-9 < needed)
            record_short(k, needed - vehicle.energy_kwh, "not charged enough");
        unplug(v);
        vehicle.away = true;
        vehicle.current_trip = k;
        vehicle.energy_at_departure = vehicle.energy_kwh;
        if (arrival_s[k] < end)
            schedule(arrival_s[k], EventKind::arrival, k);
    }

    void record_short(std::size_t k, double shortfall_kwh, const char *why) {
        const auto &trip = scenario.trips[k];
        ++kpis.short_trips;
        kpis.shortfall_kwh += shortfall_kwh;
        if (short_trip_log.size() < 1000)
            short_trip_log.push_back(format_time(scenario.start + std::chrono::seconds(trip.departure)) + " " +
                                     scenario.vehicles[trip.vehicle].id + ": " + why + ", short by " +
                                     fmt::format("{:.2f}", shortfall_kwh) + " kWh");
    }

    void arrive(std::size_t k) {
        if (trip_skipped[k])
            return;
        const auto &trip = scenario.trips[k];
        auto &vehicle = vehicles[trip.vehicle];
        vehicle.away = false;
        const double used = std::min(vehicle.energy_kwh, trip.energy_kwh); // a bus that runs dry stops
        vehicle.used_kwh += used;
        vehicle.energy_kwh -= used;
        plug_or_wait(trip.vehicle);
    }

    void refresh_profiles() {
        const auto &site = scenario.site;
        building_kw = site.building_kw.at(now);
        pv_kw = site.pv_kw.at(now);
        next_profile = kNever;
        for (const auto *series_ : {&site.building_kw, &site.pv_kw}) {
            auto it = std::upper_bound(series_->points.begin(), series_->points.end(), now,
                                       [](Seconds value, const auto &point) { return value < point.first; });
            if (it != series_->points.end())
                next_profile = std::min(next_profile, it->first);
        }
    }

    // ---- decisions ------------------------------------------------------------------------

    // A vehicle at its target gives its connector to one that waits: the depot's staff move it.
    void hand_over_full_connectors() {
        for (std::size_t k = 0; k < connectors.size() && !waiting.empty(); ++k) {
            const int v = connectors[k].vehicle;
            if (v < 0)
                continue;
            const auto &spec = scenario.vehicles[static_cast<std::size_t>(v)];
            if (spec.target_soc * spec.battery_kwh - vehicles[static_cast<std::size_t>(v)].energy_kwh > kEnergyEpsilon)
                continue;
            unplug(static_cast<std::size_t>(v)); // the first waiting vehicle takes this connector
        }
    }

    void decide() {
        const auto &sc = scenario;
        hand_over_full_connectors();
        tree.set_root_base(building_kw - pv_kw);
        requests.clear();
        request_connector.clear();
        for (std::size_t k = 0; k < connectors.size(); ++k) {
            auto &connector = connectors[k];
            connector.power_kw = 0;
            if (connector.vehicle < 0)
                continue;
            const auto v = static_cast<std::size_t>(connector.vehicle);
            const auto &spec = sc.vehicles[v];
            const auto &charger = sc.chargers[connector.charger];
            const double missing = spec.target_soc * spec.battery_kwh - vehicles[v].energy_kwh;
            if (missing <= kEnergyEpsilon || tree.charger_failed(connector.charger))
                continue;
            const double soc = vehicles[v].energy_kwh / spec.battery_kwh;
            const double battery_kw = std::min(spec.max_kw, curve_limit_kw(charger, soc));
            requests.push_back(ChargeRequest{tree.charger_node(connector.charger), battery_kw / charger.efficiency,
                                             charger.min_kw, missing / charger.efficiency, next_departure(v)});
            request_connector.push_back(k);
        }
        allocation.assign(requests.size(), 0.0);
        if (!requests.empty()) {
            const PlanningInput input{now, sc.resolution_s, price.price_per_kwh, tree.nodes(), requests};
            strategy->allocate(input, allocation);
        }
        next_full = kNever;
        active.clear();
        plugged_connectors = 0;
        for (const auto &connector : connectors)
            plugged_connectors += connector.vehicle >= 0 ? 1 : 0;
        for (std::size_t i = 0; i < requests.size(); ++i) {
            const double p = std::clamp(allocation[i], 0.0, requests[i].max_kw);
            auto &connector = connectors[request_connector[i]];
            connector.power_kw = p;
            if (p > 0) {
                active.push_back(request_connector[i]);
                const double hours = requests[i].energy_needed_kwh / p;
                const auto seconds = static_cast<Seconds>(std::ceil(hours * 3600.0 - 1e-6));
                next_full = std::min(next_full, now + std::max<Seconds>(1, seconds));
            }
        }
        tree.record_peaks(requests, allocation, node_peak_kw);
        next_tick = requests.empty() ? kNever : (now / sc.resolution_s + 1) * sc.resolution_s;
    }

    // ---- integration between events -------------------------------------------------------

    void integrate(Seconds from, Seconds to) {
        const Seconds res = scenario.resolution_s;
        while (from < to) {
            const Seconds boundary = (from / res + 1) * res;
            const Seconds piece_end = std::min(to, boundary);
            integrate_piece(from, piece_end);
            from = piece_end;
            if (from == boundary && options.record_series)
                sample_soc(from);
        }
    }

    void integrate_piece(Seconds a, Seconds b) {
        const double hours = static_cast<double>(b - a) / 3600.0;
        const auto &sc = scenario;
        double chargers_kwh = 0;
        const auto bucket = static_cast<std::size_t>(a / sc.resolution_s);
        const bool record = options.record_series && bucket < series.site_kw.size();
        const double to_average = 3600.0 / static_cast<double>(sc.resolution_s); // kWh in a step → kW
        plugged_connector_seconds += static_cast<double>(plugged_connectors) * static_cast<double>(b - a);
        for (const auto k : active) {
            const auto &connector = connectors[k];
            const auto v = static_cast<std::size_t>(connector.vehicle);
            const auto &spec = sc.vehicles[v];
            const double efficiency = sc.chargers[connector.charger].efficiency;
            auto &vehicle = vehicles[v];
            // The step to the battery's target ends on a whole second, so the last second may
            // overshoot by a fraction: cap the battery and charge the grid only for what went in.
            const double room = std::max(0.0, spec.target_soc * spec.battery_kwh - vehicle.energy_kwh);
            const double into_battery = std::min(connector.power_kw * efficiency * hours, room);
            const double from_grid = into_battery / efficiency;
            vehicle.energy_kwh += into_battery;
            charger_energy_kwh[connector.charger] += from_grid;
            kpis.energy_to_batteries_kwh += into_battery;
            chargers_kwh += from_grid;
            if (record)
                series.charger_kw[connector.charger][bucket] += from_grid * to_average;
        }
        kpis.energy_delivered_kwh += chargers_kwh;
        const double site_kwh = chargers_kwh + (building_kw - pv_kw) * hours;
        const double site_kw = hours > 0 ? site_kwh / hours : 0;
        if (site_kwh > 0)
            kpis.energy_cost += site_kwh * price.price_per_kwh;
        kpis.peak_site_kw = std::max(kpis.peak_site_kw, site_kw);
        if (a >= month_until) // pieces never span midnight (the price changes there), so a day's month is one
            enter_month(a);
        *month_peak = std::max(*month_peak, site_kw);
        if (record) {
            series.site_kw[bucket] += site_kwh * to_average;
            series.limit_kw[bucket] = tree.limits()[0]; // an agent may have changed it
        }
    }

    void enter_month(Seconds t) {
        const Seconds second_of_day = floor_mod_day(sc_epoch + t);
        month_until = t - second_of_day + 86'400;
        month_peak = &month_peak_kw[month_key(scenario.start + std::chrono::seconds(t))];
    }

    // The SoC at `t`, the end of a step (or of the horizon, which may end within a step).
    void sample_soc(Seconds t) {
        const auto step = static_cast<std::size_t>((t + scenario.resolution_s - 1) / scenario.resolution_s);
        if (step == 0 || step > series.site_kw.size())
            return;
        for (std::size_t v = 0; v < vehicles.size(); ++v) {
            const auto &vehicle = vehicles[v];
            const auto &spec = scenario.vehicles[v];
            double energy = vehicle.energy_kwh;
            if (vehicle.away) { // drawn down evenly over the trip, for the plot
                const auto k = vehicle.current_trip;
                const auto &trip = scenario.trips[k];
                const double span = static_cast<double>(std::max<Seconds>(1, arrival_s[k] - trip.departure));
                const double done = std::min(1.0, static_cast<double>(t - trip.departure) / span);
                energy = std::max(0.0, vehicle.energy_at_departure - trip.energy_kwh * done);
            }
            series.vehicle_soc[v][step - 1] = energy / spec.battery_kwh;
        }
    }

    // ---- the loop -------------------------------------------------------------------------

    Seconds next_event_time() const {
        Seconds t = std::min({next_tick, next_full, next_profile, price.next_change, end});
        if (!events.empty())
            t = std::min(t, events.top().t);
        return t;
    }

    void step_until(Seconds until) {
        until = std::min(until, end);
        while (!finished) {
            const Seconds t = next_event_time();
            if (t > until) {
                integrate(now, until);
                now = until;
                return;
            }
            integrate(now, t);
            now = t;
            if (now >= end) {
                finished = true;
                if (options.record_series && end % scenario.resolution_s != 0)
                    sample_soc(end); // the last, shorter step
                return;
            }
            while (!events.empty() && events.top().t == now) {
                const Event event = events.top();
                events.pop();
                if (event.kind == EventKind::departure)
                    depart(event.trip);
                else
                    arrive(event.trip);
            }
            if (next_profile == now)
                refresh_profiles();
            if (price.next_change == now)
                price = price_at(scenario.tariff, scenario.start, now);
            decide();
        }
    }

    RunResult result() const {
        const auto &sc = scenario;
        RunResult r;
        r.scenario = sc.name;
        r.strategy = std::string(strategy->name());
        r.kpis = kpis;
        for (const auto &[month, peak] : month_peak_kw)
            r.kpis.demand_charge += std::max(0.0, peak) * sc.tariff.demand_charge_per_kw;
        double max_kw = 0;
        std::size_t connector_count = 0;
        for (const auto &charger : sc.chargers) {
            max_kw += charger.max_kw;
            connector_count += static_cast<std::size_t>(charger.connectors);
        }
        const double horizon_h = static_cast<double>(end) / 3600.0;
        if (max_kw > 0 && horizon_h > 0)
            r.kpis.charger_utilisation = kpis.energy_delivered_kwh / (max_kw * horizon_h);
        if (connector_count > 0 && end > 0)
            r.kpis.connector_occupancy =
                plugged_connector_seconds / (static_cast<double>(connector_count) * static_cast<double>(end));
        r.series = series;
        r.node_names = tree.names();
        r.node_limit_kw = tree.limits();
        r.node_peak_kw = node_peak_kw;
        for (const auto &charger : sc.chargers)
            r.charger_ids.push_back(charger.id);
        for (const auto &vehicle : sc.vehicles)
            r.vehicle_ids.push_back(vehicle.id);
        r.short_trip_log = short_trip_log;
        r.charger_energy_kwh = charger_energy_kwh;
        for (const auto &vehicle : vehicles) {
            r.vehicle_final_kwh.push_back(vehicle.energy_kwh);
            r.vehicle_used_kwh.push_back(vehicle.used_kwh);
        }
        return r;
    }
};

Engine::Engine(const Scenario &scenario, std::unique_ptr<Strategy> strategy, EngineOptions options)
    : state_(std::make_unique<State>(scenario, std::move(strategy), options)) {
    assert(state_->strategy);
    state_->init();
}

Engine::~Engine() = default;

void Engine::step_until(Seconds until) {
    state_->step_until(until);
}

RunResult Engine::run(const std::function<void(double)> &progress) {
    const Seconds end = state_->end;
    const Seconds chunk = std::max<Seconds>(1, end / 100);
    while (!state_->finished) {
        state_->step_until(std::min(end, state_->now + chunk));
        if (progress)
            progress(end > 0 ? static_cast<double>(state_->now) / static_cast<double>(end) : 1.0);
    }
    return result();
}

Seconds Engine::now() const {
    return state_->now;
}

bool Engine::finished() const {
    return state_->finished;
}

bool Engine::apply(const Action &action) {
    auto &s = *state_;
    const bool known = std::visit(
        [&](const auto &a) {
            using A = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<A, SetNodeLimit>)
                return s.tree.set_limit(a.node, a.limit_kw);
            else if constexpr (std::is_same_v<A, FailCharger>)
                return s.tree.set_failed(a.charger, true);
            else
                return s.tree.set_failed(a.charger, false);
        },
        action);
    if (known && !s.finished)
        s.decide();
    return known;
}

RunResult Engine::result() const {
    return state_->result();
}

Result<RunResult> simulate(const Scenario &scenario, std::string_view strategy, EngineOptions options) {
    const std::string_view name = strategy.empty() ? std::string_view(scenario.strategy) : strategy;
    auto chosen = make_strategy(name);
    if (!chosen)
        return fail("unknown_strategy", "unknown strategy '" + std::string(name) + "'", "strategy");
    Engine engine(scenario, std::move(chosen), options);
    return engine.run();
}

} // namespace manage::sim
