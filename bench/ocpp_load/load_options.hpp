#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace manage::bench {

struct LoadOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 9000;
    int chargers = 100;
    int processes = 1;
    int source_addresses = 4; // 127.0.0.2, 127.0.0.3, …
    std::string id_prefix = "LOAD-";
    double rate = 0;                   // aggregate CALLs per second in the load phase; 0: idle only
    std::string version = "1.6";       // or 2.0.1
    std::string message = "Heartbeat"; // MeterValues; TransactionEvent (2.0.1)
    int connect_concurrency = 64;      // handshakes in flight per worker process
    std::chrono::seconds connect_timeout{600};
    std::chrono::seconds settle{3};    // idle time before the memory sample
    std::chrono::seconds warmup{3};    // load before measuring
    std::chrono::seconds duration{10}; // measured load
};

} // namespace manage::bench
