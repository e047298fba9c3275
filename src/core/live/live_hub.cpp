#include "manage/core/live_hub.hpp"

#include "live/live_json.hpp"
#include "live/live_stream.hpp"
#include "manage/common/ids.hpp"
#include "manage/common/logging.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/event_topics.hpp"
#include "manage/core/sites.hpp"
#include "manage/infra/bus.hpp"
#include "manage/infra/cache.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace manage::core {
namespace {

using Json = nlohmann::json;

// The latest total (no phase) Power.Active.Import of a meter.values payload, in W.
std::optional<double> latest_power(const Json &values) {
    std::optional<double> power;
    if (!values.is_array())
        return power;
    for (const auto &value : values)
        if (value.is_object() && value.value("measurand", "") == "Power.Active.Import" &&
            value.value("phase", "").empty() && value.contains("value") && value["value"].is_number())
            power = value["value"].get<double>();
    return power;
}

std::vector<LiveChange> apply_event(LiveState &state, const std::string &topic, const std::string &organisation,
                                    const Json &payload, TimePoint at) {
    const auto charger = payload.value("chargerId", "");
    if (topic == topics::kChargerConnected || topic == topics::kChargerBooted)
        return state.on_connection(organisation, charger, true, at);
    if (topic == topics::kChargerDisconnected)
        return state.on_connection(organisation, charger, false, at);
    if (topic == topics::kChargerStatus)
        return state.on_status(organisation, charger, payload.value("evseId", 0), payload.value("connectorId", 0),
                               payload.value("status", ""), at);
    if (topic == topics::kMeterValues) {
        const auto evse = payload.value("connectorId", 0);
        const auto power = latest_power(payload.value("values", Json::array()));
        if (evse <= 0 || !power)
            return {}; // the main meter, or no power reading
        return state.on_power(organisation, charger, evse, *power, at);
    }
    if (topic == topics::kSessionStopped)
        return state.on_session_stopped(organisation, charger, payload.value("evseId", 0), at);
    return {};
}

LiveTopology load_topology(ChargerService &chargers, Sites *sites, const std::string &organisation) {
    LiveTopology topology;
    for (const auto &view : chargers.list(organisation))
        topology.chargers.emplace(view.charger.id,
                                  LiveTopology::Placement{view.charger.site_id, view.charger.load_group_id});
    if (!sites)
        return topology;
    topology.sites = sites->list(organisation);
    for (const auto &site : topology.sites)
        if (auto groups = sites->load_groups(organisation, site.id))
            topology.load_groups.insert(topology.load_groups.end(), groups->begin(), groups->end());
    return topology;
}

constexpr std::string_view kSourceTopics[] = {topics::kChargerConnected,    topics::kChargerBooted,
                                              topics::kChargerDisconnected, topics::kChargerStatus,
                                              topics::kMeterValues,         topics::kSessionStopped};

} // namespace

LiveHub::LiveHub(ChargerService &chargers, Sites *sites, infra::Cache &cache, infra::Bus &bus, const Clock &clock,
                 infra::Metrics &metrics, LiveHubOptions options)
    : chargers_(chargers), sites_(sites), cache_(cache), bus_(bus), clock_(clock), metrics_(metrics),
      options_(std::move(options)),
      streams_(std::make_shared<LiveStreams>(metrics, options_.heartbeat, options_.max_queued_events)) {
    if (options_.node_id.empty())
        options_.node_id = new_short_id();
}

LiveHub::~LiveHub() {
    stop();
}

void LiveHub::start() {
    std::lock_guard lock(mutex_);
    if (!subscriptions_.empty())
        return;
    // One shared queue per topic: each event is applied on one node (competing consumers).
    for (const auto topic : kSourceTopics)
        subscriptions_.push_back(bus_.subscribe("core.live." + std::string(topic), std::string(topic),
                                                [this](const infra::Message &message) {
                                                    on_event(message);
                                                    return true;
                                                }));
    // A queue per node: every node hears every change.
    subscriptions_.push_back(bus_.subscribe("core.live.fanout." + options_.node_id, std::string(topics::kLiveChanged),
                                            [this](const infra::Message &message) {
                                                on_live_changed(message);
                                                return true;
                                            }));
}

void LiveHub::stop() {
    std::vector<std::unique_ptr<infra::Subscription>> ending;
    {
        std::lock_guard lock(mutex_);
        ending.swap(subscriptions_);
    }
    ending.clear(); // waits for deliveries in progress, which take the lock
    streams_->close_all();
}

std::string LiveHub::organisation_of(const std::string &charger_id) {
    {
        std::lock_guard lock(mutex_);
        if (const auto found = organisation_of_.find(charger_id); found != organisation_of_.end())
            return found->second;
    }
    const auto charger = chargers_.find(charger_id);
    if (!charger)
        return {};
    // A charger never changes organisation: the answer holds for good.
    std::lock_guard lock(mutex_);
    organisation_of_[charger_id] = charger->charger.organisation_id;
    return charger->charger.organisation_id;
}

void LiveHub::refresh_topology(const std::string &organisation, std::vector<LiveChange> &changes) {
    const auto now = clock_.now();
    {
        std::lock_guard lock(mutex_);
        const auto loaded = topology_loaded_.find(organisation);
        if (loaded != topology_loaded_.end() && now - loaded->second < options_.topology_refresh)
            return;
        topology_loaded_[organisation] = now; // one reload at a time is enough
    }
    auto topology = load_topology(chargers_, sites_, organisation);
    std::lock_guard lock(mutex_);
    auto rolled = state_.set_topology(organisation, std::move(topology), now);
    changes.insert(changes.end(), rolled.begin(), rolled.end());
}

void LiveHub::on_event(const infra::Message &message) {
    const auto payload = Json::parse(message.payload, nullptr, false);
    if (!payload.is_object() || !payload.contains("chargerId") || !payload["chargerId"].is_string())
        return;
    const auto organisation = organisation_of(payload["chargerId"].get<std::string>());
    if (organisation.empty())
        return; // a charger core does not know: nobody sees it
    std::vector<LiveChange> changes;
    refresh_topology(organisation, changes);
    {
        std::lock_guard lock(mutex_);
        auto applied = apply_event(state_, message.topic, organisation, payload, clock_.now());
        changes.insert(changes.end(), applied.begin(), applied.end());
    }
    share(organisation, changes);
}

void LiveHub::share(const std::string &organisation, const std::vector<LiveChange> &changes) {
    if (changes.empty())
        return;
    // The records first, then their number: a snapshot that read sequence N (before its records)
    // holds every change numbered up to N.
    auto items = Json::array();
    for (const auto &change : changes) {
        auto data = live_json(change);
        cache_.set(live_key(organisation, change), data.dump(), options_.record_ttl);
        items.push_back(Json{{"event", live_kind(change)}, {"data", std::move(data)}});
    }
    const auto sequence = cache_.increment(live_sequence_key(organisation), 1);
    // Straight to the Bus, not through the event outbox: a live change is worth nothing once stale, and
    // the Cache already holds it for whoever reconnects.
    bus_.publish(infra::Message{new_uuid(), std::string(topics::kLiveChanged),
                                Json{{"organisation", organisation}, {"sequence", sequence}, {"changes", items}}.dump(),
                                clock_.now()});
}

void LiveHub::on_live_changed(const infra::Message &message) {
    const auto payload = Json::parse(message.payload, nullptr, false);
    if (!payload.is_object() || !payload.value("organisation", Json()).is_string() ||
        !payload.value("sequence", Json()).is_number_integer() || !payload.value("changes", Json()).is_array())
        return;
    const auto organisation = payload["organisation"].get<std::string>();
    const auto sequence = payload["sequence"].get<std::int64_t>();
    for (const auto &item : payload["changes"]) {
        if (!item.is_object() || !item.value("event", Json()).is_string() || !item.contains("data"))
            continue;
        const auto kind = item["event"].get<std::string>();
        const auto change = live_change_from_json(kind, item["data"]);
        if (!change)
            continue;
        {
            std::lock_guard lock(mutex_);
            state_.mirror(organisation, *change, clock_.now());
        }
        streams_->push(organisation, sequence, sse_event(kind, sequence, item["data"].dump()));
    }
}

LiveCacheSnapshot LiveHub::read_snapshot(const std::string &organisation) {
    // An organisation this node has not heard of yet still has its sites and load groups, at 0 kW.
    std::vector<LiveChange> changes;
    refresh_topology(organisation, changes);
    share(organisation, changes);
    // The number before the records (see share()): later changes reach streams as events even when the
    // snapshot happens to hold them already.
    const auto sequence = cache_.increment(live_sequence_key(organisation), 0);
    const auto prefix = live_prefix(organisation);
    auto keys = cache_.keys_with_prefix(prefix);
    std::sort(keys.begin(), keys.end());
    Json body{{"chargers", Json::array()},
              {"connectors", Json::array()},
              {"loadGroups", Json::array()},
              {"sites", Json::array()}};
    const std::map<std::string, const char *> lists{
        {"charger", "chargers"}, {"connector", "connectors"}, {"loadGroup", "loadGroups"}, {"site", "sites"}};
    for (const auto &key : keys) {
        const auto list = lists.find(live_kind_of_key(prefix, key));
        if (list == lists.end())
            continue;
        const auto value = cache_.get(key);
        auto record = value ? Json::parse(*value, nullptr, false) : Json();
        if (record.is_object())
            body[list->second].push_back(std::move(record));
    }
    body["sequence"] = sequence;
    return LiveCacheSnapshot{sequence, body.dump()};
}

std::shared_ptr<LiveStream> LiveHub::open_stream(const std::string &organisation) {
    return streams_->open(organisation);
}

} // namespace manage::core
