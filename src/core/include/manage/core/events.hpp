#pragma once
// The port through which core services publish the events their state changes cause, so that an
// event reaches the Bus if and only if the change that caused it committed (docs/events.md, "The
// outbox"). Production: OutboxEvents (the event is written to the Store's outbox in the same
// transaction, and OutboxRelay publishes it). Unit tests over in-memory repositories: DirectEvents.
#include "manage/common/clock.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

namespace manage::infra {
class Bus;
struct Message;
} // namespace manage::infra

namespace manage::core {

class Events {
public:
    virtual ~Events() = default;
    // Runs `work` as one unit: the state it changes and the events it publishes commit together when
    // it returns, and neither when it throws (the exception propagates). Units may nest; the
    // outermost decides.
    virtual void atomically(const std::function<void()> &work) = 0;
    // A new event (a new id, now) on `topic`, one of manage::core::topics. Inside atomically it
    // belongs to that unit; outside, it is a unit of its own.
    virtual void publish(std::string_view topic, const nlohmann::json &payload) = 0;
};

// Runs `work` as one unit (Events::atomically) and returns what it returns.
template <typename Work> auto in_one_unit(Events &events, Work &&work) -> decltype(work()) {
    using Value = decltype(work());
    if constexpr (std::is_void_v<Value>) {
        events.atomically(work);
    } else {
        std::optional<Value> result;
        events.atomically([&] { result.emplace(work()); });
        return std::move(*result);
    }
}

// Publishes straight to the Bus; within atomically, holds the events until the work returns and
// drops them if it throws. For tests and for state that lives nowhere but in memory.
class DirectEvents final : public Events {
public:
    DirectEvents(infra::Bus &bus, const Clock &clock) : bus_(bus), clock_(clock) {}
    void atomically(const std::function<void()> &work) override;
    void publish(std::string_view topic, const nlohmann::json &payload) override;

private:
    infra::Bus &bus_;
    const Clock &clock_;
};

} // namespace manage::core
