#pragma once
// Reads a server process's resident memory and CPU time from /proc.
#include <chrono>
#include <optional>
#include <sys/types.h>

namespace manage::bench {

struct ProcessSample {
    std::uint64_t resident_bytes = 0;
    std::chrono::microseconds cpu_time{0}; // user + system
};

std::optional<ProcessSample> sample_process(pid_t pid);

} // namespace manage::bench
