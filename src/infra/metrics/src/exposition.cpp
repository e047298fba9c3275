#include "family.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

namespace manage::infra::metrics_detail {
namespace {

// Label values escape backslash, double quote and line feed; HELP text only the first and last.
std::string escape(const std::string &text, bool quotes) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && quotes)
            out += "\\\"";
        else
            out += c;
    }
    return out;
}

std::string format_value(double value) {
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    return fmt::format("{}", value);
}

// {a="1",b="2"}, with `le` last when given; nothing at all for no labels.
std::string format_labels(const Labels &labels, const std::string *le = nullptr) {
    if (labels.empty() && le == nullptr)
        return {};
    std::string out = "{";
    for (const auto &[name, value] : labels)
        out += fmt::format("{}{}=\"{}\"", out.size() > 1 ? "," : "", name, escape(value, true));
    if (le != nullptr)
        out += fmt::format("{}le=\"{}\"", out.size() > 1 ? "," : "", *le);
    return out + "}";
}

void write_sample(std::string &out, const std::string &name, const std::string &labels, double value) {
    fmt::format_to(std::back_inserter(out), "{}{} {}\n", name, labels, format_value(value));
}

void write_histogram(std::string &out, const std::string &name, const Family &family, const Labels &labels,
                     const Series &series) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < family.bounds.size(); ++i) {
        cumulative += series.counts[i];
        const auto le = format_value(family.bounds[i]);
        write_sample(out, name + "_bucket", format_labels(labels, &le), static_cast<double>(cumulative));
    }
    const std::string inf = "+Inf";
    write_sample(out, name + "_bucket", format_labels(labels, &inf), static_cast<double>(series.count));
    write_sample(out, name + "_sum", format_labels(labels), series.sum);
    write_sample(out, name + "_count", format_labels(labels), static_cast<double>(series.count));
}

void write_family(std::string &out, const std::string &name, const Family &family) {
    if (!family.help.empty())
        fmt::format_to(std::back_inserter(out), "# HELP {} {}\n", name, escape(family.help, false));
    fmt::format_to(std::back_inserter(out), "# TYPE {} {}\n", name, kind_name(family.kind));
    for (const auto &[labels, series] : family.series) {
        if (family.kind == Kind::histogram)
            write_histogram(out, name, family, labels, series);
        else
            write_sample(out, name, format_labels(labels), series.value);
    }
}

} // namespace

std::string expose(const Families &families) {
    std::string out;
    for (const auto &[name, family] : families)
        write_family(out, name, family);
    return out;
}

} // namespace manage::infra::metrics_detail
