#pragma once
// What the parent and its worker processes share, in one anonymous shared mapping made before
// fork(): the phase the parent sets, and each worker's counters.
#include "histogram.hpp"

#include <atomic>
#include <cstdint>

namespace manage::bench {

enum class Phase : int { Connect = 0, Load = 1, Stop = 2 };

struct alignas(64) WorkerStats {                    // cache-line aligned: each worker writes its own
    std::atomic<std::uint64_t> connected{0};        // connections open and booted now
    std::atomic<std::uint64_t> connect_failures{0}; // TCP, WebSocket or boot failures
    std::atomic<std::uint64_t> disconnects{0};      // connections lost after being up
    std::atomic<std::uint64_t> sent{0};             // CALLs sent in the load phase
    std::atomic<std::uint64_t> answered{0};         // CALLRESULTs received for them
    std::atomic<std::uint64_t> call_errors{0};      // CALLERRORs received for them
    std::atomic<std::uint64_t> skipped{0};          // sends skipped: the previous CALL was unanswered
    std::atomic<std::uint64_t> server_calls{0};     // CALLs from the server, answered
    std::atomic<bool> done{false};
    LatencyHistogram latency;
};

struct alignas(64) SharedState { // its size keeps the WorkerStats after it aligned
    std::atomic<int> phase{static_cast<int>(Phase::Connect)};
    // Followed in the mapping by one WorkerStats per worker.
};

} // namespace manage::bench
