#pragma once
// Waits for an effect that arrives asynchronously (an event crossing threads, a batch writer, a
// connection ending on the server's side): polls `condition` every `interval` until it holds or
// `timeout` has passed. True when it held. Tests assert on the outcome, so a condition that never
// holds fails the test with its own message, after the timeout and not before.
#include <chrono>
#include <functional>
#include <thread>

namespace manage::testing {

inline bool eventually(const std::function<bool()> &condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10),
                       std::chrono::milliseconds interval = std::chrono::milliseconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (condition())
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(interval);
    }
}

} // namespace manage::testing
