#pragma once
// The connect node's side of the charger → node registry in the Cache: each accepted connection
// takes a new fencing epoch and claims the charger ("charger-node:<id>" = "<node>|<epoch>"); the
// claim is refreshed while the connection lives and given up (only if still this node's) when it
// ends. Cache I/O runs on the worker pool, in order, never on a connection's strand.
#include "command_route.hpp"
#include "manage/common/asio.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace manage::infra {
class Cache;
}

namespace manage::platform {

struct ChargerRegistryOptions {
    std::string node;
    Duration ttl = std::chrono::seconds(90);     // a node that dies without cleanup leaves claims this long
    Duration refresh = std::chrono::seconds(30); // how often live claims are refreshed
};

class ChargerRegistry {
public:
    ChargerRegistry(infra::Cache &cache, asio::thread_pool &workers, asio::io_context &io,
                    ChargerRegistryOptions options);
    ~ChargerRegistry();

    // From the OCPP dispatcher (on a connection's strand): they only queue the Cache work.
    void connected(const std::string &charger_id);
    void disconnected(const std::string &charger_id);

    // The epoch this node claimed for the charger's current connection; nullopt when it holds none
    // (not connected here, the claim not written yet, or lost to a newer connection elsewhere).
    std::optional<std::int64_t> local_epoch(const std::string &charger_id) const;
    const std::string &node() const;

    // Refreshes the claims every `refresh` until stop().
    void start();
    void stop();

private:
    void schedule_refresh();

    struct State;
    std::shared_ptr<State> state_;
    asio::strand<asio::thread_pool::executor_type> strand_; // claims and releases in order, on the pool
    std::mutex timer_mutex_;
    asio::steady_timer timer_; // refreshes the claims
    bool stopped_ = false;
};

} // namespace manage::platform
