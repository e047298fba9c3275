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
//
// A metric used before it is described is created with the type its first use implies (increment:
// counter, set_gauge/add_gauge: gauge, observe: histogram) and no HELP text. Metric and label names
// must be valid Prometheus names ("le" is reserved for histograms); an invalid name, a type
// mismatch or a negative counter increment is a bug: it asserts, and is ignored in release builds.
class Metrics {
public:
    Metrics();
    ~Metrics();
    // type: "counter", "gauge" or "histogram".
    void describe(const std::string &name, const std::string &type, const std::string &help);
    // A histogram with its own bucket upper bounds (finite; sorted here); +Inf is implied.
    void describe_histogram(const std::string &name, const std::string &help, std::vector<double> buckets);
    void increment(const std::string &name, const Labels &labels = {}, double by = 1.0);
    void set_gauge(const std::string &name, const Labels &labels, double value);
    void add_gauge(const std::string &name, const Labels &labels, double by);
    // Buckets default to latency buckets in seconds (0.005 … 10).
    void observe(const std::string &name, const Labels &labels, double value);
    std::string exposition() const;
    // The current value of a counter or gauge, the number of observations of a histogram (0 when
    // absent): for tests and health checks.
    double value(const std::string &name, const Labels &labels = {}) const;

    // The content type of exposition() for an HTTP response.
    static constexpr const char *kContentType = "text/plain; version=0.0.4; charset=utf-8";

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace manage::infra
