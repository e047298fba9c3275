#include "bus_contract.hpp"

#include "manage/common/ids.hpp"

#include <algorithm>

namespace manage::infra::testing {

MessageHandler Inbox::handler(const std::string &consumer) {
    return [this, consumer](const Message &message) {
        record(consumer, message);
        return true;
    };
}

void Inbox::record(const std::string &consumer, const Message &message) {
    {
        std::lock_guard lock(mutex_);
        deliveries_.push_back(Delivery{consumer, message});
    }
    changed_.notify_all();
}

bool Inbox::wait_until(const std::function<bool(const std::vector<Delivery> &)> &done,
                       std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done(deliveries_); });
}

bool Inbox::wait_for_count(std::size_t count, std::chrono::milliseconds timeout) {
    return wait_until([count](const auto &deliveries) { return deliveries.size() >= count; }, timeout);
}

std::vector<Inbox::Delivery> Inbox::deliveries() const {
    std::lock_guard lock(mutex_);
    return deliveries_;
}

std::vector<std::string> Inbox::payloads() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> payloads;
    for (const auto &delivery : deliveries_)
        payloads.push_back(delivery.message.payload);
    return payloads;
}

std::size_t Inbox::count_from(const std::string &consumer) const {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(std::count_if(deliveries_.begin(), deliveries_.end(),
                                                  [&](const auto &delivery) { return delivery.consumer == consumer; }));
}

void BusContract::SetUp() {
    harness_ = GetParam().make();
    prefix_ = "contract" + new_short_id();
}

Message BusContract::message(const std::string &topic_suffix, const std::string &payload) {
    return Message{new_uuid(), topic(topic_suffix), payload, SystemClock::now()};
}

std::string BusContract::publish(const std::string &topic_suffix, const std::string &payload) {
    auto sent = message(topic_suffix, payload);
    const auto id = sent.id;
    bus().publish(std::move(sent));
    return id;
}

} // namespace manage::infra::testing
