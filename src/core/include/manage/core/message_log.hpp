#pragma once
// The OCPP message log: every frame between the platform and its chargers, both ways, kept in the
// Items port (partition: the charger id; sort key: time + sequence). Recording never blocks: frames
// are queued and a writer thread stores them in batches. Reading goes straight to the Items port, so
// a charger's log reads the same whether or not it is connected.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace manage::infra {
class Items;
class Metrics;
} // namespace manage::infra

namespace manage::core {

enum class MessageDirection { FromCharger, ToCharger };
enum class MessageType { Call, CallResult, CallError, Malformed };

struct LoggedMessage {
    TimePoint time{}; // when the frame was read or queued for writing
    std::string charger_id;
    MessageDirection direction = MessageDirection::FromCharger;
    MessageType type = MessageType::Call;
    std::string message_id;
    std::string action; // of the CALL, or of the CALL a CALLRESULT/CALLERROR answers (empty when unknown)
    std::string frame;  // the whole OCPP-J message as sent or received
    std::optional<std::chrono::microseconds> response_time; // CALLRESULT/CALLERROR: time since its CALL
};

struct MessageQuery {
    std::string charger_id;
    std::optional<TimePoint> from; // inclusive
    std::optional<TimePoint> to;   // exclusive
    std::string action;            // empty: every action
    std::size_t limit = 100;       // 1 … 1000
    bool newest_first = false;
    std::string cursor; // a previous page's next_cursor, with the same filters
};

struct MessagePage {
    std::vector<LoggedMessage> items;
    std::string next_cursor; // empty: nothing more
};

struct MessageLogOptions {
    std::size_t max_queue = 100'000; // frames waiting to be written; beyond that they are dropped (counted)
    std::size_t batch_size = 500;    // frames written per transaction
    std::chrono::milliseconds flush_interval{200}; // how long a frame may wait for its batch to fill
    std::chrono::hours retention{24 * 90};         // items expire this long after their frame; 0: never
    std::chrono::minutes purge_interval{60};       // how often expired items are removed
    std::size_t max_scan = 10'000;                 // items one query examines when filtering by action
};

std::string to_string(MessageDirection direction); // "in" (from the charger), "out"
std::string to_string(MessageType type);           // "CALL", "CALLRESULT", "CALLERROR"

class MessageLog {
public:
    // Starts the writer thread. `items` and `metrics` must outlive the log.
    MessageLog(infra::Items &items, infra::Metrics &metrics, MessageLogOptions options = {});
    // Stops, writing everything queued first.
    ~MessageLog();
    MessageLog(const MessageLog &) = delete;
    MessageLog &operator=(const MessageLog &) = delete;

    // Queues a frame and returns at once; any thread. When the queue is full the frame is dropped and
    // counted (manage_message_log_dropped_total{reason="overflow"}); so is a frame recorded after stop().
    void record(LoggedMessage message);
    // Blocks until every frame recorded before the call has been written (or given up on).
    void flush();
    // Writes what is queued and stops the writer. Idempotent.
    void stop();

    // Blocking (Items I/O): call from a worker thread. Fails with `invalid_cursor` for a cursor that is
    // not one of ours. When filtering by action, a page may hold fewer than `limit` messages (even none)
    // while next_cursor is set: at most max_scan items are examined per call.
    Result<MessagePage> query(const MessageQuery &query);

    std::uint64_t dropped() const { return dropped_.load(); }
    std::uint64_t written() const { return written_.load(); }

private:
    struct Pending {
        std::string sort_key;
        LoggedMessage message;
    };
    void run();
    void write(std::vector<Pending> batch);
    void drop(const char *reason, std::uint64_t count);

    infra::Items &items_;
    infra::Metrics &metrics_;
    MessageLogOptions options_;

    std::mutex mutex_;
    std::condition_variable wake_;       // the writer: work, a flush or stop
    std::condition_variable written_cv_; // flushers: progress
    std::deque<Pending> queue_;
    std::uint64_t sequence_ = 0;
    std::uint64_t accepted_ = 0; // frames queued so far
    std::uint64_t settled_ = 0;  // frames written or given up on
    bool flush_requested_ = false;
    bool stopping_ = false;
    bool writer_done_ = false;
    std::atomic<std::uint64_t> dropped_{0};
    std::atomic<std::uint64_t> written_{0};
    std::thread writer_;
};

} // namespace manage::core
