#pragma once
// Group commit for MeterValues: reports from every charger queue here and a writer thread stores
// them a batch at a time, in one Store transaction per batch. Each report's completion runs once
// its batch is committed, so a CALLRESULT sent from it still means "stored". Under load the
// batches grow and the cost per report falls; when idle a report is written at once.
#include "manage/core/transactions.hpp"

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace manage::infra {
class Metrics;
}

namespace manage::core {

struct MeterValueBatcherOptions {
    std::size_t max_batch = 512;     // reports per Store transaction
    std::size_t max_queue = 100'000; // reports waiting; beyond this a report is refused, not lost silently
};

class MeterValueBatcher {
public:
    // Called once, on the writer thread (or the caller's, when refused): null when stored.
    using Done = std::function<void(std::exception_ptr)>;

    MeterValueBatcher(Transactions &transactions, infra::Metrics &metrics, MeterValueBatcherOptions options = {});
    ~MeterValueBatcher(); // stops: every report already queued is written first
    MeterValueBatcher(const MeterValueBatcher &) = delete;
    MeterValueBatcher &operator=(const MeterValueBatcher &) = delete;

    void submit(std::string charger_id, MeterValuesReport report, Done done);
    void stop();

private:
    struct Pending {
        ChargerMeterValues values;
        Done done;
    };
    void run();
    void write(std::vector<Pending> &batch);

    Transactions &transactions_;
    infra::Metrics &metrics_;
    MeterValueBatcherOptions options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Pending> queue_;
    bool stopping_ = false;
    std::thread writer_;
};

} // namespace manage::core
