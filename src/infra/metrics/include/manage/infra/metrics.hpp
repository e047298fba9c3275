#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace manage::infra {

using Labels = std::map<std::string, std::string>;

// A Prometheus registry: counters, gauges and histograms with labels, written out in the text
// exposition format (version 0.0.4) for GET /metrics. Thread-safe.
class Metrics {
public:
    Metrics();
    ~Metrics();
    void describe(const std::string &name, const std::string &type, const std::string &help);
    void increment(const std::string &name, const Labels &labels = {}, double by = 1.0);
    void set_gauge(const std::string &name, const Labels &labels, double value);
    void add_gauge(const std::string &name, const Labels &labels, double by);
    // Buckets default to latency buckets in seconds (0.005 … 10).
    void observe(const std::string &name, const Labels &labels, double value);
    std::string exposition() const;
    // The current value of a counter or gauge (0 when absent): for tests and health checks.
    double value(const std::string &name, const Labels &labels = {}) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace manage::infra
