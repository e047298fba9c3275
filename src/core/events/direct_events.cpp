#include "manage/core/events.hpp"

#include "manage/common/ids.hpp"
#include "manage/infra/bus.hpp"

#include <string>

namespace manage::core {
namespace {

// The events of the units this thread is running, innermost last.
thread_local std::vector<std::vector<infra::Message>> held_events;

} // namespace

void DirectEvents::atomically(const std::function<void()> &work) {
    const bool outermost = held_events.empty();
    held_events.emplace_back();
    try {
        work();
    } catch (...) {
        held_events.pop_back();
        throw;
    }
    auto mine = std::move(held_events.back());
    held_events.pop_back();
    if (!outermost) {
        for (auto &message : mine)
            held_events.back().push_back(std::move(message));
        return;
    }
    for (auto &message : mine)
        bus_.publish(std::move(message));
}

void DirectEvents::publish(std::string_view topic, const nlohmann::json &payload) {
    infra::Message message{new_uuid(), std::string(topic), payload.dump(), clock_.now()};
    if (held_events.empty())
        bus_.publish(std::move(message));
    else
        held_events.back().push_back(std::move(message));
}

} // namespace manage::core
