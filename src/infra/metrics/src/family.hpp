#pragma once
// The registry's data: one family per metric name, one series per label set.
#include "manage/infra/metrics.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace manage::infra::metrics_detail {

enum class Kind { counter, gauge, histogram };

struct Series {
    double value = 0;                  // counter or gauge
    std::vector<std::uint64_t> counts; // histogram: observations per bucket, not cumulative
    double sum = 0;
    std::uint64_t count = 0;
};

struct Family {
    Kind kind = Kind::counter;
    std::string help;
    std::vector<double> bounds; // histogram bucket upper bounds, ascending, without +Inf
    std::map<Labels, Series> series;
};

using Families = std::map<std::string, Family>;

const char *kind_name(Kind kind);
std::vector<double> default_buckets();

bool is_metric_name(const std::string &name);
bool is_label_name(const std::string &name);
// Every label name valid; "le" only where the family is not a histogram.
bool are_valid_labels(const Labels &labels, Kind kind);

// Text exposition format 0.0.4.
std::string expose(const Families &families);

} // namespace manage::infra::metrics_detail
