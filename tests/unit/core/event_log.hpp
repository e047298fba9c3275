#pragma once
// Collects the events published on a bus under a pattern, for assertions.
#include "manage/infra/bus.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace manage::testing {

class EventLog {
public:
    EventLog(infra::Bus &bus, const std::string &pattern)
        : subscription_(bus.subscribe("test-events-" + pattern, pattern, [this](const infra::Message &m) {
              std::lock_guard lock(mutex_);
              events_.push_back(m);
              changed_.notify_all();
              return true;
          })) {}
    std::vector<infra::Message> wait_for(std::size_t count) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, std::chrono::seconds(10), [&] { return events_.size() >= count; });
        return events_;
    }
    // The events with `topic`, once at least `count` of them arrived (or 10 s passed).
    std::vector<infra::Message> wait_for(const std::string &topic, std::size_t count) {
        std::unique_lock lock(mutex_);
        std::vector<infra::Message> found;
        changed_.wait_for(lock, std::chrono::seconds(10), [&] {
            found.clear();
            for (const auto &e : events_)
                if (e.topic == topic)
                    found.push_back(e);
            return found.size() >= count;
        });
        return found;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<infra::Message> events_;
    std::unique_ptr<infra::Subscription> subscription_;
};

} // namespace manage::testing
