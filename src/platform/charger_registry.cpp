#include "charger_registry.hpp"

#include "manage/common/logging.hpp"
#include "manage/infra/cache.hpp"

namespace manage::platform {
namespace {

std::shared_ptr<spdlog::logger> log() {
    return logger("connect");
}

template <class Work> void guarded(std::string_view what, const std::string &id, Work work) {
    try {
        work();
    } catch (const std::exception &error) {
        log()->warn("[charger={}] charger registry: {} failed: {}", id, what, error.what());
    }
}

} // namespace

struct ChargerRegistry::State {
    State(infra::Cache &cache_port, ChargerRegistryOptions opts) : cache(cache_port), options(std::move(opts)) {}

    infra::Cache &cache;
    ChargerRegistryOptions options;
    mutable std::mutex mutex;
    std::map<std::string, std::int64_t, std::less<>> claims; // charger → epoch claimed for its connection

    route::Claim claim_of(std::int64_t epoch) const { return route::Claim{options.node, epoch}; }

    void claim(const std::string &id) {
        const auto epoch = cache.increment(route::epoch_key(id), 1);
        cache.set(route::node_key(id), route::format_claim(claim_of(epoch)), options.ttl);
        std::lock_guard lock(mutex);
        claims[id] = epoch;
    }

    void release(const std::string &id) {
        std::optional<std::int64_t> epoch;
        {
            std::lock_guard lock(mutex);
            if (const auto found = claims.find(id); found != claims.end()) {
                epoch = found->second;
                claims.erase(found);
            }
        }
        if (epoch)
            cache.erase_if_equals(route::node_key(id), route::format_claim(claim_of(*epoch)));
    }

    // Keeps each claim alive; one that expired (the Cache restarted, say) is taken again unless another
    // node took the charger meanwhile, in which case this node's connection is stale and loses its claim.
    void refresh_all() {
        std::map<std::string, std::int64_t, std::less<>> held;
        {
            std::lock_guard lock(mutex);
            held = claims;
        }
        for (const auto &[id, epoch] : held) {
            const auto key = route::node_key(id);
            const auto value = route::format_claim(claim_of(epoch));
            if (cache.refresh_if_equals(key, value, options.ttl) || cache.set_if_absent(key, value, options.ttl))
                continue;
            log()->info("[charger={}] another node holds the charger now; node {} gives up its claim", id,
                        options.node);
            std::lock_guard lock(mutex);
            if (const auto found = claims.find(id); found != claims.end() && found->second == epoch)
                claims.erase(found);
        }
    }
};

// The strand and the timer belong to this object, not to the shared state: handlers still queued when
// the io_context goes must not keep the pool's strand service alive past the pool.
ChargerRegistry::ChargerRegistry(infra::Cache &cache, asio::thread_pool &workers, asio::io_context &io,
                                 ChargerRegistryOptions options)
    : state_(std::make_shared<State>(cache, std::move(options))), strand_(asio::make_strand(workers)), timer_(io) {}

ChargerRegistry::~ChargerRegistry() {
    stop();
}

void ChargerRegistry::connected(const std::string &charger_id) {
    asio::post(strand_, [state = state_, id = charger_id] { guarded("claim", id, [&] { state->claim(id); }); });
}

void ChargerRegistry::disconnected(const std::string &charger_id) {
    asio::post(strand_, [state = state_, id = charger_id] { guarded("release", id, [&] { state->release(id); }); });
}

std::optional<std::int64_t> ChargerRegistry::local_epoch(const std::string &charger_id) const {
    std::lock_guard lock(state_->mutex);
    const auto found = state_->claims.find(charger_id);
    if (found == state_->claims.end())
        return std::nullopt;
    return found->second;
}

const std::string &ChargerRegistry::node() const {
    return state_->options.node;
}

// The timer is used under timer_mutex_ only: stop() may run on another io thread than its handler.
void ChargerRegistry::schedule_refresh() {
    timer_.expires_after(state_->options.refresh);
    timer_.async_wait([this](const boost::system::error_code &ec) {
        if (ec)
            return;
        std::lock_guard lock(timer_mutex_);
        if (stopped_)
            return;
        asio::post(strand_, [state = state_] { guarded("refresh", "*", [&] { state->refresh_all(); }); });
        schedule_refresh();
    });
}

void ChargerRegistry::start() {
    std::lock_guard lock(timer_mutex_);
    stopped_ = false;
    schedule_refresh();
}

void ChargerRegistry::stop() {
    std::lock_guard lock(timer_mutex_);
    stopped_ = true;
    timer_.cancel();
}

} // namespace manage::platform
