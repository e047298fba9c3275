#include "bus_queue.hpp"

#include <algorithm>

namespace manage::infra::detail {

bool BusQueue::binds(const std::string &topic) const {
    return std::any_of(consumers_.begin(), consumers_.end(),
                       [&](const auto &consumer) { return topic_matches(consumer->pattern, topic); });
}

void BusQueue::add(std::shared_ptr<Consumer> consumer) {
    consumers_.push_back(std::move(consumer));
}

void BusQueue::remove(const std::shared_ptr<Consumer> &consumer) {
    consumers_.erase(std::remove(consumers_.begin(), consumers_.end(), consumer), consumers_.end());
}

std::optional<Message> BusQueue::take_due(SteadyTime now) {
    if (!retries_.empty() && retries_.begin()->first <= now) {
        auto message = std::move(retries_.begin()->second);
        retries_.erase(retries_.begin());
        return message;
    }
    if (ready_.empty())
        return std::nullopt;
    auto message = std::move(ready_.front());
    ready_.pop_front();
    return message;
}

std::optional<SteadyTime> BusQueue::next_retry() const {
    if (retries_.empty())
        return std::nullopt;
    return retries_.begin()->first;
}

void BusQueue::detach() {
    detached_ = true;
    consumers_.clear();
    ready_.clear();
    retries_.clear();
}

} // namespace manage::infra::detail
