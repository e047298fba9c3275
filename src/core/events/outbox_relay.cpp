#include "manage/common/logging.hpp"
#include "manage/core/outbox.hpp"
#include "manage/infra/bus.hpp"
#include "manage/infra/metrics.hpp"

namespace manage::core {
namespace {

constexpr const char *kPublished = "manage_outbox_published_total";
constexpr const char *kFailures = "manage_outbox_relay_failures_total";

} // namespace

OutboxRelay::OutboxRelay(Outbox &outbox, infra::Bus &bus, infra::Metrics &metrics, OutboxRelayOptions options)
    : outbox_(outbox), bus_(bus), metrics_(metrics), options_(options) {
    metrics_.describe(kPublished, "counter", "Events the outbox relay published and the broker confirmed.");
    metrics_.describe(kFailures, "counter",
                      "Outbox batches left for a later attempt (Store or broker unavailable, no confirm in time).");
}

OutboxRelay::~OutboxRelay() {
    stop();
}

void OutboxRelay::start() {
    if (thread_.joinable())
        return;
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void OutboxRelay::stop() {
    if (!thread_.joinable())
        return;
    thread_.request_stop();
    woken_.notify_all();
    thread_.join();
}

void OutboxRelay::wake() {
    {
        std::lock_guard lock(mutex_);
        wake_pending_ = true;
    }
    woken_.notify_one();
}

std::size_t OutboxRelay::relay_once() {
    const auto batch = outbox_.claim(options_.batch, options_.claim_for);
    if (batch.empty())
        return 0;
    std::vector<std::string> ids;
    ids.reserve(batch.size());
    for (const auto &message : batch) {
        ids.push_back(message.id);
        bus_.publish(message);
    }
    if (!bus_.flush(options_.confirm_timeout))
        throw std::runtime_error("the broker did not confirm " + std::to_string(batch.size()) + " event(s) in time");
    outbox_.remove(ids);
    metrics_.increment(kPublished, {}, static_cast<double>(batch.size()));
    return batch.size();
}

void OutboxRelay::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        auto wait = options_.poll;
        bool failed = false;
        try {
            while (!stop.stop_requested() && relay_once() == static_cast<std::size_t>(options_.batch)) {
            }
        } catch (const std::exception &error) {
            metrics_.increment(kFailures);
            logger("events")->warn("outbox relay: {}; trying again in {} ms", error.what(),
                                   std::chrono::duration_cast<std::chrono::milliseconds>(options_.retry_after).count());
            wait = options_.retry_after;
            failed = true;
        }
        std::unique_lock lock(mutex_);
        // After a failure, commits do not cut the pause short: the relay would only fail again.
        woken_.wait_for(lock, stop, wait, [this, failed] { return wake_pending_ && !failed; });
        wake_pending_ = false;
    }
}

} // namespace manage::core
