#include "server_probe.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace manage::bench {
namespace {

std::optional<std::uint64_t> resident_bytes(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            std::istringstream fields(line.substr(6));
            std::uint64_t kib = 0;
            fields >> kib;
            return kib * 1024;
        }
    }
    return std::nullopt;
}

std::optional<std::chrono::microseconds> cpu_time(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int index = 3; fields >> field; ++index) {
        if (index == 14)
            utime = std::stoull(field);
        if (index == 15) {
            stime = std::stoull(field);
            const auto ticks_per_second = static_cast<unsigned long long>(::sysconf(_SC_CLK_TCK));
            return std::chrono::microseconds((utime + stime) * 1'000'000ULL / ticks_per_second);
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<ProcessSample> sample_process(pid_t pid) {
    auto rss = resident_bytes(pid);
    auto cpu = cpu_time(pid);
    if (!rss || !cpu)
        return std::nullopt;
    return ProcessSample{*rss, *cpu};
}

} // namespace manage::bench
