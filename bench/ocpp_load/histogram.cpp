#include "histogram.hpp"

#include <numeric>

namespace manage::bench {

void LatencyHistogram::record(std::chrono::microseconds latency) {
    const auto us = latency.count() < 0 ? 0 : static_cast<std::uint64_t>(latency.count());
    std::size_t bucket;
    if (us < kFineBuckets)
        bucket = us;
    else if (us < 10'000'000)
        bucket = kFineBuckets + (us - kFineBuckets) / 1000;
    else
        bucket = kBuckets - 1;
    counts_[bucket].fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> LatencyHistogram::snapshot() const {
    std::vector<std::uint64_t> out(kBuckets);
    for (std::size_t i = 0; i < kBuckets; ++i)
        out[i] = counts_[i].load(std::memory_order_relaxed);
    return out;
}

std::chrono::microseconds LatencyHistogram::bucket_floor(std::size_t bucket) {
    if (bucket < kFineBuckets)
        return std::chrono::microseconds(bucket);
    return std::chrono::microseconds(kFineBuckets + (bucket - kFineBuckets) * 1000);
}

void add_counts(std::vector<std::uint64_t> &into, const std::vector<std::uint64_t> &from) {
    into.resize(LatencyHistogram::kBuckets);
    for (std::size_t i = 0; i < from.size() && i < into.size(); ++i)
        into[i] += from[i];
}

std::vector<std::uint64_t> subtract_counts(const std::vector<std::uint64_t> &later,
                                           const std::vector<std::uint64_t> &earlier) {
    std::vector<std::uint64_t> out(later.size());
    for (std::size_t i = 0; i < later.size(); ++i)
        out[i] = later[i] - (i < earlier.size() ? earlier[i] : 0);
    return out;
}

std::uint64_t total(const std::vector<std::uint64_t> &counts) {
    return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
}

std::chrono::microseconds percentile(const std::vector<std::uint64_t> &counts, double quantile) {
    const auto n = total(counts);
    if (n == 0)
        return std::chrono::microseconds(0);
    // The smallest bucket whose cumulative count reaches ceil(quantile * n); its upper bound is reported.
    auto rank = static_cast<std::uint64_t>(quantile * static_cast<double>(n));
    if (rank < 1)
        rank = 1;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        seen += counts[i];
        if (seen >= rank)
            return i + 1 < counts.size() ? LatencyHistogram::bucket_floor(i + 1) : LatencyHistogram::bucket_floor(i);
    }
    return LatencyHistogram::bucket_floor(counts.size() - 1);
}

} // namespace manage::bench
