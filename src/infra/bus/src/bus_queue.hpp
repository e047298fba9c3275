#pragma once
#include "manage/infra/bus.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <optional>
#include <thread>
#include <vector>

namespace manage::infra::detail {

using SteadyTime = std::chrono::steady_clock::time_point;

// One subscription: its binding pattern, its handler and the thread that calls it.
struct Consumer {
    std::string pattern;
    MessageHandler handler; // never changes, so the consumer thread reads it without the lock
    bool stopping = false;
    std::thread thread;
};

// One queue's messages and consumers. Not synchronised: the BusCore's mutex guards every call.
class BusQueue {
public:
    explicit BusQueue(std::string name) : name_(std::move(name)) {}

    const std::string &name() const { return name_; }
    // True when a consumer's pattern matches: the queue's bindings are its consumers' patterns.
    bool binds(const std::string &topic) const;

    void add(std::shared_ptr<Consumer> consumer);
    void remove(const std::shared_ptr<Consumer> &consumer);
    const std::vector<std::shared_ptr<Consumer>> &consumers() const { return consumers_; }

    void push(Message message) { ready_.push_back(std::move(message)); }
    void retry_at(SteadyTime due, Message message) { retries_.emplace(due, std::move(message)); }
    // The next message to deliver at `now`: a retry that has fallen due first, else the oldest new one.
    std::optional<Message> take_due(SteadyTime now);
    std::optional<SteadyTime> next_retry() const;
    std::size_t held() const { return ready_.size() + retries_.size(); }

    // A detached queue has left the bus (its last consumer went): what it still gets is dropped.
    void detach();
    bool detached() const { return detached_; }

    std::condition_variable &wakeup() { return wakeup_; }

private:
    std::string name_;
    std::vector<std::shared_ptr<Consumer>> consumers_;
    std::deque<Message> ready_;
    std::multimap<SteadyTime, Message> retries_; // equal due times keep their insertion order
    bool detached_ = false;
    std::condition_variable wakeup_;
};

} // namespace manage::infra::detail
