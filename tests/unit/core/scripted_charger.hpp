#pragma once
// A charger behind the ChargerCommands port for the command service's tests: it answers from a script
// (else {"status": "Accepted"}) and remembers what it was sent.
#include "manage/core/charger_commands.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace manage::testing {

inline core::CommandResult answer(nlohmann::json response) {
    core::CommandResult result;
    result.response = std::move(response);
    return result;
}

class ScriptedCharger final : public core::ChargerCommands {
public:
    using Json = nlohmann::json;
    using Script = std::function<core::CommandResult(const std::string &, const Json &)>;
    struct Sent {
        std::string charger_id;
        std::string action;
        Json payload;
    };

    asio::awaitable<core::CommandResult> send(std::string charger_id, std::string action, Json payload) override {
        core::CommandResult result;
        {
            std::lock_guard lock(mutex_);
            sent_.push_back({charger_id, action, payload});
            result = script_ ? script_(action, payload) : answer({{"status", "Accepted"}});
            changed_.notify_all();
        }
        co_return result;
    }

    void script(Script script) {
        std::lock_guard lock(mutex_);
        script_ = std::move(script);
    }
    void answer_with(core::CommandResult result) {
        script([result](const std::string &, const Json &) { return result; });
    }
    std::vector<Sent> sent() {
        std::lock_guard lock(mutex_);
        return sent_;
    }
    // What was sent once at least `count` commands were (10 s at most).
    std::vector<Sent> wait_for(std::size_t count) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, std::chrono::seconds(10), [&] { return sent_.size() >= count; });
        return sent_;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Sent> sent_;
    Script script_;
};

} // namespace manage::testing
