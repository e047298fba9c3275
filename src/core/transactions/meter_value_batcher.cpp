#include "manage/core/meter_value_batcher.hpp"

#include "manage/common/logging.hpp"
#include "manage/infra/metrics.hpp"

#include <stdexcept>

namespace manage::core {
namespace {

constexpr const char *kBatches = "manage_meter_value_batches_total";
constexpr const char *kBatchReports = "manage_meter_value_batch_reports";
constexpr const char *kRefused = "manage_meter_value_reports_refused_total";

} // namespace

MeterValueBatcher::MeterValueBatcher(Transactions &transactions, infra::Metrics &metrics,
                                     MeterValueBatcherOptions options)
    : transactions_(transactions), metrics_(metrics), options_(options) {
    if (options_.max_batch == 0)
        options_.max_batch = 1;
    metrics_.describe(kBatches, "counter", "Store transactions that wrote MeterValues reports");
    metrics_.describe(kBatchReports, "histogram", "MeterValues reports written per Store transaction");
    metrics_.describe(kRefused, "counter", "MeterValues reports refused because the write queue was full");
    writer_ = std::thread([this] { run(); });
}

MeterValueBatcher::~MeterValueBatcher() {
    stop();
}

void MeterValueBatcher::submit(std::string charger_id, MeterValuesReport report, Done done) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_ && queue_.size() < options_.max_queue) {
            queue_.push_back(Pending{ChargerMeterValues{std::move(charger_id), std::move(report)}, std::move(done)});
            if (queue_.size() == 1)
                wake_.notify_one(); // the writer sleeps only when the queue is empty
            return;
        }
    }
    metrics_.increment(kRefused);
    done(std::make_exception_ptr(std::runtime_error("the meter value queue is full (or shutting down)")));
}

void MeterValueBatcher::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_one();
    }
    if (writer_.joinable() && writer_.get_id() != std::this_thread::get_id())
        writer_.join();
}

void MeterValueBatcher::run() {
    std::vector<Pending> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return; // stopping, and everything queued is written
            if (queue_.size() <= options_.max_batch) {
                batch.swap(queue_);
            } else {
                const auto end = queue_.begin() + static_cast<std::ptrdiff_t>(options_.max_batch);
                batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(end));
                queue_.erase(queue_.begin(), end);
            }
        }
        write(batch);
        batch.clear();
    }
}

void MeterValueBatcher::write(std::vector<Pending> &batch) {
    std::vector<ChargerMeterValues> values;
    values.reserve(batch.size());
    for (auto &pending : batch)
        values.push_back(std::move(pending.values));
    try {
        transactions_.record_meter_values(values);
        metrics_.increment(kBatches);
        metrics_.observe(kBatchReports, {}, static_cast<double>(batch.size()));
        for (auto &pending : batch)
            pending.done(nullptr);
        return;
    } catch (const std::exception &e) {
        logger("core")->warn("writing {} MeterValues report(s) together failed ({}); writing them one by one",
                             batch.size(), e.what());
    }
    // One report the Store refuses must not take the others down with it.
    for (std::size_t i = 0; i < batch.size(); ++i) {
        try {
            transactions_.record_meter_values({values[i]});
            batch[i].done(nullptr);
        } catch (...) {
            batch[i].done(std::current_exception());
        }
    }
}

} // namespace manage::core
