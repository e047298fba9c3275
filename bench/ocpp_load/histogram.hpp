#pragma once
// A latency histogram that a worker process fills and the parent reads, in shared memory: fixed
// buckets of atomic counters, 1 µs wide up to 10 ms and 1 ms wide from there up to 10 s.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

namespace manage::bench {

class LatencyHistogram {
public:
    static constexpr std::size_t kFineBuckets = 10'000;                        // [0, 10 ms) by 1 µs
    static constexpr std::size_t kCoarseBuckets = 9'990;                       // [10 ms, 10 s) by 1 ms
    static constexpr std::size_t kBuckets = kFineBuckets + kCoarseBuckets + 1; // the last: 10 s and more

    void record(std::chrono::microseconds latency);
    // A copy of the counters, to subtract one snapshot from another.
    std::vector<std::uint64_t> snapshot() const;

    // The bucket's lower bound.
    static std::chrono::microseconds bucket_floor(std::size_t bucket);

private:
    std::array<std::atomic<std::uint64_t>, kBuckets> counts_{};
};

// Adds `from` into `into` element by element (both kBuckets long).
void add_counts(std::vector<std::uint64_t> &into, const std::vector<std::uint64_t> &from);
// `later - earlier`, element by element.
std::vector<std::uint64_t> subtract_counts(const std::vector<std::uint64_t> &later,
                                           const std::vector<std::uint64_t> &earlier);
std::uint64_t total(const std::vector<std::uint64_t> &counts);
// The latency below which a fraction `quantile` (0–1) of the samples fall; 0 when there are none.
std::chrono::microseconds percentile(const std::vector<std::uint64_t> &counts, double quantile);

} // namespace manage::bench
