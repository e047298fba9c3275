#include "manage/infra/metrics.hpp"

#include "family.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <optional>

namespace manage::infra {

using metrics_detail::Family;
using metrics_detail::Kind;
using metrics_detail::Series;

struct Metrics::Impl {
    mutable std::mutex mutex;
    metrics_detail::Families families;

    // The family `name` of `kind`, created when absent; nullptr (a bug) for a bad name or another kind.
    Family *family(const std::string &name, Kind kind) {
        if (!metrics_detail::is_metric_name(name)) {
            assert(!"invalid metric name");
            return nullptr;
        }
        auto [it, created] = families.try_emplace(name);
        if (created) {
            it->second.kind = kind;
            if (kind == Kind::histogram)
                it->second.bounds = metrics_detail::default_buckets();
        }
        // increment() also works on a gauge.
        const bool compatible = it->second.kind == kind || (kind == Kind::counter && it->second.kind == Kind::gauge);
        if (!compatible) {
            assert(!"metric used with another type");
            return nullptr;
        }
        return &it->second;
    }

    Series *series(const std::string &name, Kind kind, const Labels &labels) {
        Family *f = family(name, kind);
        if (f == nullptr || !metrics_detail::are_valid_labels(labels, f->kind)) {
            assert(f == nullptr || !"invalid label name");
            return nullptr;
        }
        auto [it, created] = f->series.try_emplace(labels);
        if (created && f->kind == Kind::histogram)
            it->second.counts.assign(f->bounds.size(), 0);
        return &it->second;
    }

    void describe(const std::string &name, Kind kind, const std::string &help, std::vector<double> bounds) {
        std::lock_guard lock(mutex);
        Family *f = family(name, kind);
        if (f == nullptr)
            return;
        f->help = help;
        if (kind == Kind::histogram && f->series.empty())
            f->bounds = std::move(bounds);
    }
};

namespace {

std::optional<Kind> parse_kind(const std::string &type) {
    if (type == "counter")
        return Kind::counter;
    if (type == "gauge")
        return Kind::gauge;
    if (type == "histogram")
        return Kind::histogram;
    return std::nullopt;
}

std::vector<double> normalized_bounds(std::vector<double> bounds) {
    std::erase_if(bounds, [](double b) { return !std::isfinite(b); });
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    return bounds;
}

} // namespace

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::describe(const std::string &name, const std::string &type, const std::string &help) {
    const auto kind = parse_kind(type);
    if (!kind) {
        assert(!"metric type must be counter, gauge or histogram");
        return;
    }
    impl_->describe(name, *kind, help, metrics_detail::default_buckets());
}

void Metrics::describe_histogram(const std::string &name, const std::string &help, std::vector<double> buckets) {
    impl_->describe(name, Kind::histogram, help, normalized_bounds(std::move(buckets)));
}

void Metrics::increment(const std::string &name, const Labels &labels, double by) {
    if (!(by >= 0)) {
        assert(!"a counter only goes up");
        return;
    }
    std::lock_guard lock(impl_->mutex);
    if (Series *s = impl_->series(name, Kind::counter, labels))
        s->value += by;
}

void Metrics::set_gauge(const std::string &name, const Labels &labels, double value) {
    std::lock_guard lock(impl_->mutex);
    if (Series *s = impl_->series(name, Kind::gauge, labels))
        s->value = value;
}

void Metrics::add_gauge(const std::string &name, const Labels &labels, double by) {
    std::lock_guard lock(impl_->mutex);
    if (Series *s = impl_->series(name, Kind::gauge, labels))
        s->value += by;
}

void Metrics::observe(const std::string &name, const Labels &labels, double value) {
    if (std::isnan(value))
        return;
    std::lock_guard lock(impl_->mutex);
    Series *s = impl_->series(name, Kind::histogram, labels);
    if (s == nullptr)
        return;
    const auto &bounds = impl_->families.at(name).bounds;
    const auto bucket = std::lower_bound(bounds.begin(), bounds.end(), value) - bounds.begin();
    if (static_cast<std::size_t>(bucket) < s->counts.size())
        ++s->counts[static_cast<std::size_t>(bucket)];
    s->sum += value;
    ++s->count;
}

std::string Metrics::exposition() const {
    std::lock_guard lock(impl_->mutex);
    return metrics_detail::expose(impl_->families);
}

double Metrics::value(const std::string &name, const Labels &labels) const {
    std::lock_guard lock(impl_->mutex);
    const auto f = impl_->families.find(name);
    if (f == impl_->families.end())
        return 0;
    const auto s = f->second.series.find(labels);
    if (s == f->second.series.end())
        return 0;
    return f->second.kind == Kind::histogram ? static_cast<double>(s->second.count) : s->second.value;
}

} // namespace manage::infra
