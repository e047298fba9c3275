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
    State(infra::Cache &cache_port, asio::thread_pool &workers, asio::io_context &io, ChargerRegistryOptions opts)
        : cache(cache_port), strand(asio::make_strand(workers)), timer(io), options(std::move(opts)) {}

    infra::Cache &cache;
    asio::strand<asio::thread_pool::executor_type> strand; // one charger's claim and release stay in order
    asio::steady_timer timer;
    ChargerRegistryOptions options;
    mutable std::mutex mutex;
    std::map<std::string, std::int64_t, std::less<>> claims; // charger → epoch claimed for its connection
    bool stopped = false;

    static void schedule_refresh(const std::shared_ptr<State> &state) {
        state->timer.expires_after(state->options.refresh);
        state->timer.async_wait([state](const boost::system::error_code &ec) {
            if (ec)
                return;
            {
                std::lock_guard lock(state->mutex);
                if (state->stopped)
                    return;
            }
            asio::post(state->strand, [state] { guarded("refresh", "*", [&] { state->refresh_all(); }); });
            schedule_refresh(state);
        });
    }

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

ChargerRegistry::ChargerRegistry(infra::Cache &cache, asio::thread_pool &workers, asio::io_context &io,
                                 ChargerRegistryOptions options)
    : state_(std::make_shared<State>(cache, workers, io, std::move(options))) {}

ChargerRegistry::~ChargerRegistry() {
    stop();
}

void ChargerRegistry::connected(const std::string &charger_id) {
    asio::post(state_->strand, [state = state_, id = charger_id] { guarded("claim", id, [&] { state->claim(id); }); });
}

void ChargerRegistry::disconnected(const std::string &charger_id) {
    asio::post(state_->strand,
               [state = state_, id = charger_id] { guarded("release", id, [&] { state->release(id); }); });
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

void ChargerRegistry::start() {
    State::schedule_refresh(state_);
}

void ChargerRegistry::stop() {
    {
        std::lock_guard lock(state_->mutex);
        state_->stopped = true;
    }
    asio::post(state_->timer.get_executor(), [state = state_] { state->timer.cancel(); });
}

} // namespace manage::platform
