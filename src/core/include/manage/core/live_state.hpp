#pragma once
// Live state: what each charger and connector is doing now, and the power drawn per load group and
// per site, kept per organisation from the core's events. Pure: events in, the records that changed
// out; the LiveHub feeds it from the Bus and writes what changes into the Cache.
#include "manage/common/clock.hpp"
#include "manage/core/site.hpp"

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace manage::core {

struct LiveCharger {
    std::string id;
    bool online = false;
    std::string status; // of the charger itself (connector 0); empty until it sent one
    TimePoint last_seen{};
    bool operator==(const LiveCharger &) const = default;
};

struct LiveConnector {
    std::string charger_id;
    int evse_id = 0;
    int connector_id = 0;
    std::string status; // empty until it sent one
    double power_w = 0; // the latest Power.Active.Import; 0 when not charging or once its session stopped
    TimePoint updated_at{};
    bool operator==(const LiveConnector &) const = default;
};

// The power of every charger placed in a load group or any group below it.
struct LiveLoadGroup {
    std::string id;
    std::string site_id;
    double power_kw = 0;
    std::optional<double> limit_kw_now; // nullopt: the site's time zone is unknown to the system
    bool operator==(const LiveLoadGroup &) const = default;
};

// The power of every charger placed at a site.
struct LiveSite {
    std::string id;
    double power_kw = 0;
    double limit_kw_now = 0; // the grid limit
    bool operator==(const LiveSite &) const = default;
};

using LiveChange = std::variant<LiveCharger, LiveConnector, LiveLoadGroup, LiveSite>;

struct LiveSnapshot {
    std::vector<LiveCharger> chargers;
    std::vector<LiveConnector> connectors;
    std::vector<LiveLoadGroup> load_groups;
    std::vector<LiveSite> sites;
};

// Where an organisation's chargers sit: what the roll-ups sum over.
struct LiveTopology {
    struct Placement {
        std::optional<std::string> site_id;
        std::optional<std::string> load_group_id;
    };
    std::map<std::string, Placement> chargers; // by charger id
    std::vector<Site> sites;
    std::vector<LoadGroup> load_groups;
};

// True for the statuses in which a connector may draw power (Charging, SuspendedEV, SuspendedEVSE and
// 2.0.1's Occupied); in any other its power is 0.
bool may_draw_power(const std::string &status);

// Not thread-safe: its owner serialises calls. Every call answers the records it changed (roll-ups
// whose power or limit changed included), in the order charger, connector, load groups, site.
class LiveState {
public:
    std::vector<LiveChange> set_topology(const std::string &organisation, LiveTopology topology, TimePoint now);
    std::vector<LiveChange> on_connection(const std::string &organisation, const std::string &charger_id, bool online,
                                          TimePoint at);
    // Connector 0 of EVSE 0 is the charger itself.
    std::vector<LiveChange> on_status(const std::string &organisation, const std::string &charger_id, int evse_id,
                                      int connector_id, const std::string &status, TimePoint at);
    // A Power.Active.Import reading of an EVSE (a 1.6 connector is its own EVSE): every connector of the
    // EVSE that may draw power takes it (the first connector when none is known yet).
    std::vector<LiveChange> on_power(const std::string &organisation, const std::string &charger_id, int evse_id,
                                     double watts, TimePoint at);
    // The EVSE's connectors draw nothing any more.
    std::vector<LiveChange> on_session_stopped(const std::string &organisation, const std::string &charger_id,
                                               int evse_id, TimePoint at);
    // A record another node changed: taken as it is (roll-ups are then recomputed like for local
    // changes, so a node's own records stay consistent with what it mirrors).
    std::vector<LiveChange> mirror(const std::string &organisation, const LiveChange &change, TimePoint now);

    LiveSnapshot snapshot(const std::string &organisation) const;
    bool has_topology(const std::string &organisation) const;

private:
    using ConnectorKey = std::tuple<std::string, int, int>; // charger, EVSE, connector
    struct Organisation {
        LiveTopology topology;
        bool has_topology = false;
        std::map<std::string, LiveCharger> chargers;
        std::map<ConnectorKey, LiveConnector> connectors;
        std::map<std::string, LiveLoadGroup> load_groups;
        std::map<std::string, LiveSite> sites;
    };

    LiveCharger &charger(Organisation &org, const std::string &id);
    // The roll-ups that changed since they were last computed, appended to `changes`.
    void roll_up(Organisation &org, TimePoint now, std::vector<LiveChange> &changes);

    std::map<std::string, Organisation> organisations_;
};

} // namespace manage::core
