#pragma once
// Keeps the live state (LiveState) from the core's events and shares it between nodes: the node that
// takes an event from the Bus applies it, writes the records that changed into the Cache (so that any
// node can read the snapshot) and publishes them on `live.changed`; every node mirrors what it
// receives on that topic and pushes it to its event-stream clients of the organisation.
#include "manage/common/clock.hpp"
#include "manage/core/live_state.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace manage::infra {
class Bus;
class Cache;
class Metrics;
class Subscription;
struct Message;
} // namespace manage::infra

namespace manage::core {

class ChargerService;
class Sites;
class LiveStream;
class LiveStreams;

struct LiveHubOptions {
    std::string node_id;                                           // names this node's queue of live.changed
    std::chrono::milliseconds heartbeat{std::chrono::seconds(15)}; // a comment to every idle stream
    std::size_t max_queued_events = 256;                           // per client; more and it is dropped
    Duration topology_refresh = std::chrono::seconds(10);          // how stale chargers' places may get
    Duration record_ttl = std::chrono::hours(24 * 7);              // of each record in the Cache
};

// A snapshot as the Cache holds it: the records (their JSON, by kind) and the sequence number of the
// last change they include.
struct LiveCacheSnapshot {
    std::int64_t sequence = 0;
    std::string json; // {"sequence", "chargers", "connectors", "loadGroups", "sites"}
};

class LiveHub {
public:
    // `sites` may be null (no roll-ups).
    LiveHub(ChargerService &chargers, Sites *sites, infra::Cache &cache, infra::Bus &bus, const Clock &clock,
            infra::Metrics &metrics, LiveHubOptions options);
    ~LiveHub();

    // Subscribes to the core's events and to live.changed; stop() (or destruction) ends both.
    void start();
    void stop();

    // Blocking (Cache I/O): the organisation's live records as the Cache holds them.
    LiveCacheSnapshot read_snapshot(const std::string &organisation);
    // A new event-stream client of the organisation, registered for its changes; the caller sends it
    // its snapshot (LiveStream::begin) and serves it.
    std::shared_ptr<LiveStream> open_stream(const std::string &organisation);

    // What the Bus handlers do, callable directly (tests, and nodes without a Bus subscription).
    void on_event(const infra::Message &message);
    void on_live_changed(const infra::Message &message);

private:
    std::string organisation_of(const std::string &charger_id);
    // Reloads where the organisation's chargers sit when it is older than options_.topology_refresh
    // (Store I/O outside the lock); the roll-ups that changed are appended to `changes`.
    void refresh_topology(const std::string &organisation, std::vector<LiveChange> &changes);
    // Numbers the changes, writes them into the Cache and publishes them on live.changed.
    void share(const std::string &organisation, const std::vector<LiveChange> &changes);

    ChargerService &chargers_;
    Sites *sites_;
    infra::Cache &cache_;
    infra::Bus &bus_;
    const Clock &clock_;
    infra::Metrics &metrics_;
    LiveHubOptions options_;
    std::shared_ptr<LiveStreams> streams_;
    std::mutex mutex_; // guards the members below
    LiveState state_;
    std::map<std::string, std::string> organisation_of_; // charger id → organisation
    std::map<std::string, TimePoint> topology_loaded_;   // organisation → when
    std::vector<std::unique_ptr<infra::Subscription>> subscriptions_;
};

} // namespace manage::core
