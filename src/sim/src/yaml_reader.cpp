#include "yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace manage::sim {

Check greater_than(double bound) {
    return [bound](double v) { return v > bound ? std::string() : fmt::format("must be greater than {}", bound); };
}

Check at_least(double bound) {
    return [bound](double v) { return v >= bound ? std::string() : fmt::format("must be at least {}", bound); };
}

Check between(double low, double high) {
    return [low, high](double v) {
        return v >= low && v <= high ? std::string() : fmt::format("must be between {} and {}", low, high);
    };
}

std::string to_string(const Problem &problem) {
    if (problem.line > 0)
        return fmt::format("{} (line {}, column {}): {}", problem.path, problem.line, problem.column, problem.reason);
    return fmt::format("{}: {}", problem.path, problem.reason);
}

std::string YamlReader::join(const std::string &path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string YamlReader::index(const std::string &path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

void YamlReader::problem(const YAML::Node &at, const std::string &path, std::string reason) {
    Problem p{path.empty() ? std::string("(document)") : path, std::move(reason), 0, 0};
    if (at.IsDefined()) {
        const auto mark = at.Mark();
        if (mark.line >= 0) {
            p.line = mark.line + 1;
            p.column = mark.column + 1;
        }
    }
    problems_.push_back(std::move(p));
}

bool YamlReader::map(const YAML::Node &node, const std::string &path, std::initializer_list<std::string_view> known) {
    if (!node.IsMap()) {
        problem(node, path, "must be a mapping");
        return false;
    }
    for (const auto &entry : node) {
        const auto key = entry.first.as<std::string>();
        if (std::find(known.begin(), known.end(), key) == known.end())
            problem(entry.first, join(path, key), "unknown key");
    }
    return true;
}

bool YamlReader::sequence(const YAML::Node &node, const std::string &path) {
    if (!node.IsSequence()) {
        problem(node, path, "must be a list");
        return false;
    }
    return true;
}

std::optional<YAML::Node> YamlReader::present(const YAML::Node &map, const std::string &key, const std::string &here,
                                              bool required) {
    const auto node = map[key];
    if (node)
        return node;
    if (required)
        problem(map, here, "is required");
    return std::nullopt;
}

std::optional<double> YamlReader::number(const YAML::Node &map, const std::string &key, const std::string &path,
                                         bool required, const Check &check) {
    const auto here = join(path, key);
    const auto found = present(map, key, here, required);
    if (!found)
        return std::nullopt;
    const auto &node = *found;
    double value = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
        problem(node, here, "must be a number");
        return std::nullopt;
    }
    if (check) {
        if (auto reason = check(value); !reason.empty()) {
            problem(node, here, std::move(reason));
            return std::nullopt;
        }
    }
    return value;
}

std::optional<long long> YamlReader::integer(const YAML::Node &map, const std::string &key, const std::string &path,
                                             bool required, long long min) {
    const auto here = join(path, key);
    const auto found = present(map, key, here, required);
    if (!found)
        return std::nullopt;
    const auto &node = *found;
    long long value = 0;
    if (!node.IsScalar() || !YAML::convert<long long>::decode(node, value)) {
        problem(node, here, "must be a whole number");
        return std::nullopt;
    }
    if (value < min) {
        problem(node, here, fmt::format("must be at least {}", min));
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> YamlReader::text(const YAML::Node &map, const std::string &key, const std::string &path,
                                            bool required) {
    const auto here = join(path, key);
    const auto found = present(map, key, here, required);
    if (!found)
        return std::nullopt;
    const auto &node = *found;
    if (!node.IsScalar() || node.Scalar().empty()) {
        problem(node, here, "must be a non-empty string");
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<int> YamlReader::time_of_day(const YAML::Node &map, const std::string &key, const std::string &path,
                                           bool required) {
    const auto value = text(map, key, path, required);
    if (!value)
        return std::nullopt;
    int hours = 0;
    int minutes = 0;
    char colon = 0;
    const bool shaped =
        value->size() == 5 && (*value)[2] == ':' &&
        std::all_of(value->begin(), value->end(), [](char c) { return c == ':' || (c >= '0' && c <= '9'); });
    if (shaped) {
        hours = ((*value)[0] - '0') * 10 + ((*value)[1] - '0');
        minutes = ((*value)[3] - '0') * 10 + ((*value)[4] - '0');
        colon = ':';
    }
    if (colon != ':' || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
        problem(map[key], join(path, key), "must be a time of day HH:MM (00:00 to 24:00)");
        return std::nullopt;
    }
    return hours * 3600 + minutes * 60;
}

unsigned YamlReader::weekdays(const YAML::Node &map, const std::string &key, const std::string &path) {
    static constexpr std::array<std::string_view, 7> kNames{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const auto node = map[key];
    const auto here = join(path, key);
    if (!node)
        return 0x7F;
    if (node.IsScalar()) {
        const auto &word = node.Scalar();
        if (word == "all" || word == "daily")
            return 0x7F;
        if (word == "weekdays")
            return 0x1F;
        if (word == "weekends")
            return 0x60;
        problem(node, here, "must be a list of mon … sun, or all, weekdays or weekends");
        return 0;
    }
    if (!sequence(node, here))
        return 0;
    unsigned days = 0;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto day = node[i].IsScalar() ? node[i].Scalar() : std::string();
        const auto found = std::find(kNames.begin(), kNames.end(), day);
        if (found == kNames.end())
            problem(node[i], index(here, i), "must be one of mon, tue, wed, thu, fri, sat, sun");
        else
            days |= 1u << static_cast<unsigned>(found - kNames.begin());
    }
    if (days == 0 && node.size() == 0)
        problem(node, here, "must name at least one day");
    return days;
}

} // namespace manage::sim
