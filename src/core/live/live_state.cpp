#include "manage/core/live_state.hpp"

#include <set>

namespace manage::core {
namespace {

// The group and every group above it, nearest first; stops at a cycle or an unknown parent.
std::vector<std::string> group_path(const std::map<std::string, const LoadGroup *> &groups, std::string id) {
    std::vector<std::string> path;
    std::set<std::string> seen;
    while (seen.insert(id).second) {
        const auto found = groups.find(id);
        if (found == groups.end())
            break;
        path.push_back(id);
        if (!found->second->parent_id)
            break;
        id = *found->second->parent_id;
    }
    return path;
}

std::optional<double> group_limit_now(const LoadGroup &group, const std::map<std::string, const Site *> &sites,
                                      TimePoint now) {
    const auto site = sites.find(group.site_id);
    if (site == sites.end())
        return std::nullopt;
    const auto limit = limit_kw_at(group.limit, site->second->timezone, now);
    return limit ? std::optional<double>(limit.value()) : std::nullopt;
}

} // namespace

bool may_draw_power(const std::string &status) {
    return status == "Charging" || status == "SuspendedEV" || status == "SuspendedEVSE" || status == "Occupied";
}

LiveCharger &LiveState::charger(Organisation &org, const std::string &id) {
    auto [it, inserted] = org.chargers.try_emplace(id);
    if (inserted)
        it->second.id = id;
    return it->second;
}

std::vector<LiveChange> LiveState::set_topology(const std::string &organisation, LiveTopology topology, TimePoint now) {
    auto &org = organisations_[organisation];
    org.topology = std::move(topology);
    org.has_topology = true;
    std::vector<LiveChange> changes;
    roll_up(org, now, changes);
    return changes;
}

bool LiveState::has_topology(const std::string &organisation) const {
    const auto found = organisations_.find(organisation);
    return found != organisations_.end() && found->second.has_topology;
}

std::vector<LiveChange> LiveState::on_connection(const std::string &organisation, const std::string &charger_id,
                                                 bool online, TimePoint at) {
    auto &org = organisations_[organisation];
    auto &record = charger(org, charger_id);
    record.online = online;
    record.last_seen = at;
    std::vector<LiveChange> changes{record};
    if (!online) {
        // A charger that went away draws nothing we could still measure: its power would otherwise stay
        // counted in the roll-ups until it came back.
        for (auto &[key, connector] : org.connectors)
            if (connector.charger_id == charger_id && connector.power_w != 0) {
                connector.power_w = 0;
                connector.updated_at = at;
                changes.emplace_back(connector);
            }
        roll_up(org, at, changes);
    }
    return changes;
}

std::vector<LiveChange> LiveState::on_status(const std::string &organisation, const std::string &charger_id,
                                             int evse_id, int connector_id, const std::string &status, TimePoint at) {
    auto &org = organisations_[organisation];
    auto &owner = charger(org, charger_id);
    owner.online = true;
    owner.last_seen = at;
    if (evse_id == 0 && connector_id == 0) {
        owner.status = status;
        return {owner};
    }
    std::vector<LiveChange> changes{owner};
    auto &connector = org.connectors[ConnectorKey{charger_id, evse_id, connector_id}];
    connector.charger_id = charger_id;
    connector.evse_id = evse_id;
    connector.connector_id = connector_id;
    connector.status = status;
    if (!may_draw_power(status))
        connector.power_w = 0;
    connector.updated_at = at;
    changes.emplace_back(connector);
    roll_up(org, at, changes);
    return changes;
}

std::vector<LiveChange> LiveState::on_power(const std::string &organisation, const std::string &charger_id, int evse_id,
                                            double watts, TimePoint at) {
    auto &org = organisations_[organisation];
    auto &owner = charger(org, charger_id);
    owner.online = true;
    owner.last_seen = at;
    std::vector<LiveChange> changes{owner};
    bool any = false;
    for (auto &[key, connector] : org.connectors) {
        if (connector.charger_id != charger_id || connector.evse_id != evse_id)
            continue;
        any = true;
        // A reading that comes after the connector said it stopped charging is a late one.
        if (!connector.status.empty() && !may_draw_power(connector.status))
            continue;
        connector.power_w = watts;
        connector.updated_at = at;
        changes.emplace_back(connector);
    }
    if (!any) {
        // A 1.6 connector is its own EVSE: connector id = EVSE id.
        auto &connector = org.connectors[ConnectorKey{charger_id, evse_id, evse_id}];
        connector = LiveConnector{charger_id, evse_id, evse_id, "", watts, at};
        changes.emplace_back(connector);
    }
    roll_up(org, at, changes);
    return changes;
}

std::vector<LiveChange> LiveState::on_session_stopped(const std::string &organisation, const std::string &charger_id,
                                                      int evse_id, TimePoint at) {
    auto &org = organisations_[organisation];
    std::vector<LiveChange> changes;
    for (auto &[key, connector] : org.connectors) {
        if (connector.charger_id != charger_id || connector.evse_id != evse_id || connector.power_w == 0)
            continue;
        connector.power_w = 0;
        connector.updated_at = at;
        changes.emplace_back(connector);
    }
    roll_up(org, at, changes);
    return changes;
}

std::vector<LiveChange> LiveState::mirror(const std::string &organisation, const LiveChange &change, TimePoint now) {
    auto &org = organisations_[organisation];
    std::vector<LiveChange> changes;
    if (const auto *charger_record = std::get_if<LiveCharger>(&change)) {
        org.chargers[charger_record->id] = *charger_record;
    } else if (const auto *connector = std::get_if<LiveConnector>(&change)) {
        org.connectors[ConnectorKey{connector->charger_id, connector->evse_id, connector->connector_id}] = *connector;
        roll_up(org, now, changes);
    }
    // Roll-ups are not taken from others: this node computes them from the records it holds.
    return changes;
}

void LiveState::roll_up(Organisation &org, TimePoint now, std::vector<LiveChange> &changes) {
    std::map<std::string, const Site *> sites;
    for (const auto &site : org.topology.sites)
        sites.emplace(site.id, &site);
    std::map<std::string, const LoadGroup *> groups;
    for (const auto &group : org.topology.load_groups)
        groups.emplace(group.id, &group);
    std::map<std::string, double> site_watts;
    std::map<std::string, double> group_watts;
    for (const auto &[key, connector] : org.connectors) {
        const auto placed = org.topology.chargers.find(connector.charger_id);
        if (placed == org.topology.chargers.end())
            continue;
        if (placed->second.site_id)
            site_watts[*placed->second.site_id] += connector.power_w;
        if (placed->second.load_group_id)
            for (const auto &id : group_path(groups, *placed->second.load_group_id))
                group_watts[id] += connector.power_w;
    }
    std::map<std::string, LiveLoadGroup> next_groups;
    for (const auto &[id, group] : groups) {
        LiveLoadGroup record{id, group->site_id, group_watts[id] / 1000.0, group_limit_now(*group, sites, now)};
        const auto before = org.load_groups.find(id);
        if (before == org.load_groups.end() || !(before->second == record))
            changes.emplace_back(record);
        next_groups.emplace(id, std::move(record));
    }
    std::map<std::string, LiveSite> next_sites;
    for (const auto &[id, site] : sites) {
        LiveSite record{id, site_watts[id] / 1000.0, site->grid_limit_kw};
        const auto before = org.sites.find(id);
        if (before == org.sites.end() || !(before->second == record))
            changes.emplace_back(record);
        next_sites.emplace(id, std::move(record));
    }
    org.load_groups = std::move(next_groups);
    org.sites = std::move(next_sites);
}

LiveSnapshot LiveState::snapshot(const std::string &organisation) const {
    LiveSnapshot snapshot;
    const auto found = organisations_.find(organisation);
    if (found == organisations_.end())
        return snapshot;
    const auto &org = found->second;
    for (const auto &[id, record] : org.chargers)
        snapshot.chargers.push_back(record);
    for (const auto &[key, record] : org.connectors)
        snapshot.connectors.push_back(record);
    for (const auto &[id, record] : org.load_groups)
        snapshot.load_groups.push_back(record);
    for (const auto &[id, record] : org.sites)
        snapshot.sites.push_back(record);
    return snapshot;
}

} // namespace manage::core
