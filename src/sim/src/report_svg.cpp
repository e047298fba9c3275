// The plot, drawn by hand: two panels sharing a time axis. Above, site power as a step line against
// the grid limit; below, each vehicle's SoC (up to a dozen vehicles), or for larger fleets the band
// between the lowest and highest SoC with the fleet's mean.
#include "manage/sim/report.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace manage::sim {
namespace {

constexpr double kWidth = 1000;
constexpr double kLeft = 70;
constexpr double kRight = 170; // room for the legend
constexpr double kPanelHeight = 240;
constexpr double kTop = 50;
constexpr double kGap = 70;
constexpr std::array<const char *, 12> kPalette{"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
                                                "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#843c39"};

// A step of 1, 2 or 5 × 10^k giving about `ticks` intervals over `range`.
double nice_step(double range, int ticks) {
    if (range <= 0)
        return 1;
    const double raw = range / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * magnitude)
            return m * magnitude;
    return 10 * magnitude;
}

struct Panel {
    double top = 0;
    double y_min = 0;
    double y_max = 1;
    double x_max_s = 1; // seconds
    double x(double seconds) const { return kLeft + (kWidth - kLeft - kRight) * seconds / x_max_s; }
    double y(double value) const { return top + kPanelHeight * (1 - (value - y_min) / (y_max - y_min)); }
};

void axes(std::ostream &out, const Panel &p, const std::string &y_label, TimePoint start, double y_step,
          const char *y_format) {
    const double right = kWidth - kRight;
    fmt::print(out,
               R"(<rect x="{}" y="{}" width="{}" height="{}" fill="#fafafa" stroke="#999"/>)"
               "\n",
               kLeft, p.top, right - kLeft, kPanelHeight);
    for (double v = p.y_min; v <= p.y_max + 1e-9; v += y_step) {
        const double y = p.y(v);
        fmt::print(out,
                   R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#e4e4e4"/>)"
                   "\n",
                   kLeft, y, right, y);
        fmt::print(out,
                   R"(<text x="{}" y="{:.1f}" text-anchor="end" class="tick">{}</text>)"
                   "\n",
                   kLeft - 6, y + 4, fmt::format(fmt::runtime(y_format), v));
    }
    // Time ticks: hours for short horizons, whole days otherwise, at most about a dozen.
    const double hours = p.x_max_s / 3600;
    const Seconds step = hours <= 48 ? static_cast<Seconds>(nice_step(hours, 8) * 3600)
                                     : static_cast<Seconds>(std::ceil(hours / 24 / 12)) * 86'400;
    const auto first = std::chrono::duration_cast<std::chrono::seconds>(start.time_since_epoch()).count();
    const Seconds offset = (step - first % step) % step; // ticks on whole hours / days (UTC)
    for (Seconds t = offset; static_cast<double>(t) <= p.x_max_s; t += std::max<Seconds>(step, 1)) {
        const double x = p.x(static_cast<double>(t));
        const std::time_t when = static_cast<std::time_t>(first + t);
        std::tm tm{};
        gmtime_r(&when, &tm);
        std::array<char, 32> label{};
        std::strftime(label.data(), label.size(), hours <= 48 ? "%H:%M" : "%a %d %b", &tm);
        fmt::print(out,
                   R"(<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}" stroke="#e4e4e4"/>)"
                   "\n",
                   x, p.top, p.top + kPanelHeight);
        fmt::print(out,
                   R"(<text x="{:.1f}" y="{}" text-anchor="middle" class="tick">{}</text>)"
                   "\n",
                   x, p.top + kPanelHeight + 16, label.data());
    }
    fmt::print(out,
               R"svg(<text transform="translate({},{}) rotate(-90)" text-anchor="middle" class="label">{}</text>)svg"
               "\n",
               18, p.top + kPanelHeight / 2, y_label);
}

void polyline(std::ostream &out, const Panel &p, const std::vector<double> &values, double step_s, bool steps,
              const char *colour, double width, const char *extra = "") {
    std::string points;
    points.reserve(values.size() * 24);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double y = p.y(values[i]);
        if (steps) { // a value holds over its step
            points += fmt::format("{:.1f},{:.1f} {:.1f},{:.1f} ", p.x(static_cast<double>(i) * step_s), y,
                                  p.x(static_cast<double>(i + 1) * step_s), y);
        } else { // a sample at the step's end
            points += fmt::format("{:.1f},{:.1f} ", p.x(static_cast<double>(i + 1) * step_s), y);
        }
    }
    fmt::print(out,
               R"(<polyline fill="none" stroke="{}" stroke-width="{}" {} points="{}"/>)"
               "\n",
               colour, width, extra, points);
}

void legend_entry(std::ostream &out, int row, double top, const char *colour, const std::string &text,
                  const char *dash = "") {
    const double x = kWidth - kRight + 16;
    const double y = top + 12 + row * 18;
    fmt::print(out,
               R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5" {}/>)"
               "\n",
               x, y, x + 22, y, colour, dash);
    fmt::print(out,
               R"(<text x="{}" y="{}" class="legend">{}</text>)"
               "\n",
               x + 28, y + 4, text);
}

std::string escape(const std::string &text) {
    std::string out;
    for (const char c : text) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else
            out += c;
    }
    return out;
}

} // namespace

void write_plot_svg(std::ostream &out, const RunResult &result, TimePoint start) {
    const auto &s = result.series;
    const double step_s = static_cast<double>(s.resolution_s);
    const double horizon_s = std::max(1.0, static_cast<double>(s.site_kw.size()) * step_s);
    const double height = kTop + 2 * kPanelHeight + kGap + 50;
    fmt::print(
        out,
        R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" font-family="Helvetica, Arial, sans-serif">)"
        "\n<style>.tick{{font-size:11px;fill:#444}} .label{{font-size:13px;fill:#222}} "
        ".legend{{font-size:12px;fill:#222}} .title{{font-size:16px;font-weight:bold;fill:#111}}</style>\n"
        R"(<rect width="100%" height="100%" fill="white"/>)"
        "\n",
        kWidth, height);
    fmt::print(out,
               R"(<text x="{}" y="28" class="title">{} — {}: site power and state of charge</text>)"
               "\n",
               kLeft, escape(result.scenario), escape(result.strategy));

    // Site power against the limit.
    double top_value = 1;
    for (const double v : s.site_kw)
        top_value = std::max(top_value, v);
    for (const double v : s.limit_kw)
        top_value = std::max(top_value, v);
    double bottom_value = 0;
    for (const double v : s.site_kw)
        bottom_value = std::min(bottom_value, v); // PV can push the site below zero
    const double power_step = nice_step(top_value * 1.1 - bottom_value, 6);
    Panel power{kTop, std::floor(bottom_value / power_step) * power_step,
                std::ceil(top_value * 1.1 / power_step) * power_step, horizon_s};
    axes(out, power, "site power (kW)", start, power_step, "{:g}");
    polyline(out, power, s.limit_kw, step_s, true, "#d62728", 2, R"(stroke-dasharray="8 5")");
    polyline(out, power, s.site_kw, step_s, true, "#1f77b4", 1.5);
    legend_entry(out, 0, power.top, "#1f77b4", "site power");
    legend_entry(out, 1, power.top, "#d62728", "grid limit", R"(stroke-dasharray="8 5")");

    // State of charge.
    Panel soc{kTop + kPanelHeight + kGap, 0, 100, horizon_s};
    axes(out, soc, "state of charge (%)", start, 20, "{:g}");
    const auto percent = [](std::vector<double> values) {
        for (auto &v : values)
            v *= 100;
        return values;
    };
    if (s.vehicle_soc.size() <= kPalette.size()) {
        for (std::size_t v = 0; v < s.vehicle_soc.size(); ++v) {
            polyline(out, soc, percent(s.vehicle_soc[v]), step_s, false, kPalette[v], 1.5);
            legend_entry(out, static_cast<int>(v), soc.top, kPalette[v], escape(result.vehicle_ids[v]));
        }
    } else if (!s.vehicle_soc.empty()) {
        const std::size_t steps = s.site_kw.size();
        std::vector<double> low(steps, 100), high(steps, 0), mean(steps, 0);
        for (const auto &vehicle : s.vehicle_soc)
            for (std::size_t i = 0; i < steps; ++i) {
                low[i] = std::min(low[i], vehicle[i] * 100);
                high[i] = std::max(high[i], vehicle[i] * 100);
                mean[i] += vehicle[i] * 100 / static_cast<double>(s.vehicle_soc.size());
            }
        std::string band;
        for (std::size_t i = 0; i < steps; ++i)
            band += fmt::format("{:.1f},{:.1f} ", soc.x(static_cast<double>(i + 1) * step_s), soc.y(high[i]));
        for (std::size_t i = steps; i-- > 0;)
            band += fmt::format("{:.1f},{:.1f} ", soc.x(static_cast<double>(i + 1) * step_s), soc.y(low[i]));
        fmt::print(out,
                   R"(<polygon fill="#1f77b4" fill-opacity="0.18" stroke="none" points="{}"/>)"
                   "\n",
                   band);
        polyline(out, soc, mean, step_s, false, "#1f77b4", 2);
        legend_entry(out, 0, soc.top, "#1f77b4", "fleet mean");
        const double x = kWidth - kRight + 16;
        fmt::print(out,
                   R"(<rect x="{}" y="{}" width="22" height="10" fill="#1f77b4" fill-opacity="0.18"/>)"
                   "\n<text x=\"{}\" y=\"{}\" class=\"legend\">lowest–highest</text>\n",
                   x, soc.top + 25, x + 28, soc.top + 34);
    }
    fmt::print(out,
               R"(<text x="{}" y="{}" text-anchor="middle" class="label">time (UTC)</text>)"
               "\n</svg>\n",
               kLeft + (kWidth - kLeft - kRight) / 2, height - 12);
}

} // namespace manage::sim
