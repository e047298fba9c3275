#pragma once
// Typed reads from a YAML tree that remember where they are: each failure becomes a Problem with
// the dotted path and the node's line and column, and reading goes on so every problem is found.
#include "manage/sim/scenario_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace manage::sim {

// Returns an empty string when the value is acceptable, else the reason.
using Check = std::function<std::string(double)>;
Check greater_than(double bound);
Check at_least(double bound);
Check between(double low, double high); // inclusive

class YamlReader {
public:
    explicit YamlReader(std::vector<Problem> &problems) : problems_(problems) {}

    void problem(const YAML::Node &at, const std::string &path, std::string reason);
    // A map with only the keys named; reports every other key.
    bool map(const YAML::Node &node, const std::string &path, std::initializer_list<std::string_view> known);
    bool sequence(const YAML::Node &node, const std::string &path);

    std::optional<double> number(const YAML::Node &map, const std::string &key, const std::string &path, bool required,
                                 const Check &check = {});
    std::optional<long long> integer(const YAML::Node &map, const std::string &key, const std::string &path,
                                     bool required, long long min = 0);
    std::optional<std::string> text(const YAML::Node &map, const std::string &key, const std::string &path,
                                    bool required);
    // "HH:MM" (00:00 to 24:00) as seconds after midnight.
    std::optional<int> time_of_day(const YAML::Node &map, const std::string &key, const std::string &path,
                                   bool required);
    // A list of weekdays (mon … sun) or one of "all", "weekdays", "weekends": bit 0 is Monday.
    unsigned weekdays(const YAML::Node &map, const std::string &key, const std::string &path);

    static std::string join(const std::string &path, std::string_view key);
    static std::string index(const std::string &path, std::size_t i);

private:
    // The node at `key`, or nothing; a missing `required` key is reported.
    std::optional<YAML::Node> present(const YAML::Node &map, const std::string &key, const std::string &here,
                                      bool required);

    std::vector<Problem> &problems_;
};

} // namespace manage::sim
