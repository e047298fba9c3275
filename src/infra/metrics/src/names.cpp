#include "family.hpp"

namespace manage::infra::metrics_detail {
namespace {

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

const char *kind_name(Kind kind) {
    switch (kind) {
    case Kind::counter:
        return "counter";
    case Kind::gauge:
        return "gauge";
    case Kind::histogram:
        return "histogram";
    }
    return "untyped";
}

std::vector<double> default_buckets() {
    return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool is_metric_name(const std::string &name) {
    if (name.empty() || !(is_letter(name[0]) || name[0] == ':'))
        return false;
    for (char c : name)
        if (!is_letter(c) && !is_digit(c) && c != ':')
            return false;
    return true;
}

// [a-zA-Z_][a-zA-Z0-9_]*, names starting with "__" being reserved.
bool is_label_name(const std::string &name) {
    if (name.empty() || !is_letter(name[0]) || name.starts_with("__"))
        return false;
    for (char c : name)
        if (!is_letter(c) && !is_digit(c))
            return false;
    return true;
}

bool are_valid_labels(const Labels &labels, Kind kind) {
    for (const auto &[name, value] : labels)
        if (!is_label_name(name) || (kind == Kind::histogram && name == "le"))
            return false;
    return true;
}

} // namespace manage::infra::metrics_detail
