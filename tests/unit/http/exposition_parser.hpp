#pragma once
// Reads the Prometheus text format (0.0.4) back, strictly, so that tests check what a scraper sees.
#include "manage/infra/metrics.hpp"

#include <map>
#include <string>
#include <vector>

namespace manage::test {

struct Sample {
    std::string name;
    infra::Labels labels;
    double value = 0;
};

struct Exposition {
    std::map<std::string, std::string> types; // family -> counter, gauge, histogram
    std::map<std::string, std::string> help;
    std::vector<Sample> samples;

    // The value of one sample; throws std::out_of_range when absent.
    double value(const std::string &name, const infra::Labels &labels = {}) const;
};

// Throws std::runtime_error naming the line when the text is not valid exposition format: a sample
// before its family's TYPE, bad names, bad escapes, a bad value, a missing final newline.
Exposition parse_exposition(const std::string &text);

} // namespace manage::test
