#include "manage/core/message_log.hpp"

#include "manage/common/logging.hpp"
#include "manage/common/time_format.hpp"
#include "manage/infra/items.hpp"
#include "manage/infra/metrics.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <stdexcept>

namespace manage::core {
namespace {

using Json = nlohmann::json;

constexpr const char *kDropped = "manage_message_log_dropped_total";
constexpr const char *kWritten = "manage_message_log_written_total";
constexpr const char *kQueued = "manage_message_log_queued";

long long to_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// 13 digits of milliseconds cover the years up to 2286; times before 1970 sort as 1970.
std::string time_prefix(TimePoint t) {
    char text[32];
    std::snprintf(text, sizeof text, "%013lld", std::max(0LL, to_ms(t)));
    return text;
}

// Time, then a sequence number: frames of the same millisecond keep their order and stay unique.
std::string sort_key(TimePoint t, std::uint64_t sequence) {
    char text[24];
    std::snprintf(text, sizeof text, "#%012llu", static_cast<unsigned long long>(sequence % 1'000'000'000'000ULL));
    return time_prefix(t) + text;
}

std::string encode(const LoggedMessage &m) {
    Json json{{"time", format_time(m.time)},
              {"chargerId", m.charger_id},
              {"direction", to_string(m.direction)},
              {"type", to_string(m.type)},
              {"messageId", m.message_id},
              {"action", m.action},
              {"frame", m.frame}};
    if (m.response_time)
        json["responseTimeUs"] = m.response_time->count();
    // Frames are read from the network: replace invalid UTF-8 rather than fail to log them.
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<LoggedMessage> decode(const infra::Item &item) {
    const auto json = Json::parse(item.data, nullptr, false);
    if (!json.is_object())
        return std::nullopt;
    LoggedMessage m;
    m.time = parse_time(json.value("time", "")).value_or(TimePoint{});
    m.charger_id = json.value("chargerId", item.partition);
    m.direction = json.value("direction", "in") == "out" ? MessageDirection::ToCharger : MessageDirection::FromCharger;
    const auto type = json.value("type", "CALL");
    m.type = type == "CALLRESULT"  ? MessageType::CallResult
             : type == "CALLERROR" ? MessageType::CallError
             : type == "MALFORMED" ? MessageType::Malformed
                                   : MessageType::Call;
    m.message_id = json.value("messageId", "");
    m.action = json.value("action", "");
    m.frame = json.value("frame", "");
    if (json.contains("responseTimeUs") && json["responseTimeUs"].is_number_integer())
        m.response_time = std::chrono::microseconds(json["responseTimeUs"].get<long long>());
    return m;
}

} // namespace

std::string to_string(MessageDirection direction) {
    return direction == MessageDirection::FromCharger ? "in" : "out";
}

std::string to_string(MessageType type) {
    switch (type) {
    case MessageType::Call:
        return "CALL";
    case MessageType::CallResult:
        return "CALLRESULT";
    case MessageType::CallError:
        return "CALLERROR";
    case MessageType::Malformed:
        return "MALFORMED";
    }
    return "CALL";
}

MessageLog::MessageLog(infra::Items &items, infra::Metrics &metrics, MessageLogOptions options)
    : items_(items), metrics_(metrics), options_(options) {
    if (options_.batch_size == 0)
        options_.batch_size = 1;
    metrics_.describe(kDropped, "counter", "OCPP frames the message log could not keep, by reason");
    metrics_.describe(kWritten, "counter", "OCPP frames written to the message log");
    metrics_.describe(kQueued, "gauge", "OCPP frames waiting to be written to the message log");
    writer_ = std::thread([this] { run(); });
}

MessageLog::~MessageLog() {
    stop();
}

void MessageLog::record(LoggedMessage message) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_ && queue_.size() < options_.max_queue) {
            auto key = sort_key(message.time, ++sequence_);
            queue_.push_back(Pending{std::move(key), std::move(message)});
            ++accepted_;
            if (queue_.size() >= options_.batch_size)
                wake_.notify_one();
            return;
        }
    }
    drop("overflow", 1);
}

void MessageLog::drop(const char *reason, std::uint64_t count) {
    const auto before = dropped_.fetch_add(count);
    metrics_.increment(kDropped, {{"reason", reason}}, static_cast<double>(count));
    // The first drop, then one line per 1000, so an overload does not flood the log too.
    if (before == 0 || (before / 1000) != ((before + count) / 1000))
        logger("core")->warn("message log: dropped {} frame(s) ({}); {} dropped since start", count, reason,
                             before + count);
}

void MessageLog::flush() {
    std::unique_lock lock(mutex_);
    const auto target = accepted_;
    flush_requested_ = true;
    wake_.notify_one();
    written_cv_.wait(lock, [&] { return settled_ >= target || writer_done_; });
}

void MessageLog::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_one();
    }
    if (writer_.joinable() && writer_.get_id() != std::this_thread::get_id())
        writer_.join();
}

void MessageLog::run() {
    auto next_purge = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait_for(lock, options_.flush_interval,
                       [&] { return stopping_ || flush_requested_ || queue_.size() >= options_.batch_size; });
        flush_requested_ = false;
        while (!queue_.empty()) {
            std::vector<Pending> batch;
            const auto count = std::min(queue_.size(), options_.batch_size);
            batch.reserve(count);
            for (std::size_t i = 0; i < count; ++i) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            metrics_.set_gauge(kQueued, {}, static_cast<double>(queue_.size()));
            lock.unlock();
            write(std::move(batch));
            lock.lock();
            settled_ += count;
            written_cv_.notify_all();
        }
        if (stopping_)
            break;
        if (options_.retention.count() > 0 && std::chrono::steady_clock::now() >= next_purge) {
            next_purge = std::chrono::steady_clock::now() + options_.purge_interval;
            lock.unlock();
            try {
                const auto removed = items_.remove_expired();
                if (removed > 0)
                    logger("core")->info("message log: removed {} expired frame(s)", removed);
            } catch (const std::exception &e) {
                logger("core")->error("message log: removing expired frames failed: {}", e.what());
            }
            lock.lock();
        }
    }
    writer_done_ = true;
    written_cv_.notify_all();
}

void MessageLog::write(std::vector<Pending> batch) {
    std::vector<infra::Item> items;
    items.reserve(batch.size());
    for (const auto &pending : batch) {
        std::optional<TimePoint> expires;
        if (options_.retention.count() > 0)
            expires = pending.message.time + options_.retention;
        items.push_back(infra::Item{pending.message.charger_id, pending.sort_key, encode(pending.message), expires});
    }
    // A store that fails (disk full, locked too long) gets two more tries; the frames are then given up on
    // rather than held without bound: the log must never slow chargers down.
    for (int attempt = 1;; ++attempt) {
        try {
            items_.put_batch(items);
            written_ += items.size();
            metrics_.increment(kWritten, {}, static_cast<double>(items.size()));
            return;
        } catch (const std::exception &e) {
            if (attempt >= 3) {
                logger("core")->error("message log: writing {} frame(s) failed: {}", items.size(), e.what());
                drop("write_failed", items.size());
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
        }
    }
}

Result<MessagePage> MessageLog::query(const MessageQuery &query) {
    if (query.limit < 1 || query.limit > 1000)
        return fail("invalid_limit", "limit must be between 1 and 1000", "limit");
    if (!query.cursor.empty() && !infra::sort_key_of_cursor(query.cursor))
        return fail("invalid_cursor", "the cursor is not one this query returned", "cursor");
    infra::ItemQuery items_query{query.charger_id};
    if (query.from)
        items_query.sort_from = time_prefix(*query.from);
    if (query.to) {
        // Keys of the millisecond `to` are time_prefix(to) + "#…": all greater than the bare prefix, so
        // the inclusive bound excludes them, as an exclusive `to` must.
        if (to_ms(*query.to) <= 0)
            return MessagePage{};
        items_query.sort_to = time_prefix(*query.to);
    }
    items_query.descending = query.newest_first;
    items_query.cursor = query.cursor;

    MessagePage page;
    if (query.action.empty()) {
        items_query.limit = query.limit;
        auto found = items_.query(items_query);
        for (const auto &item : found.items)
            if (auto message = decode(item))
                page.items.push_back(std::move(*message));
        page.next_cursor = found.next_cursor;
        return page;
    }
    // Filtering by action: the Items port has no secondary index, so scan the range and keep the matches,
    // resuming after the last item examined.
    items_query.limit = std::max<std::size_t>(query.limit, 200);
    std::size_t scanned = 0;
    for (;;) {
        auto found = items_.query(items_query);
        for (const auto &item : found.items) {
            ++scanned;
            auto message = decode(item);
            if (message && message->action == query.action)
                page.items.push_back(std::move(*message));
            const bool last_of_all = found.next_cursor.empty() && &item == &found.items.back();
            if ((page.items.size() == query.limit || scanned >= options_.max_scan) && !last_of_all) {
                page.next_cursor = infra::cursor_after(item.sort);
                return page;
            }
        }
        if (found.next_cursor.empty())
            return page;
        items_query.cursor = found.next_cursor;
    }
}

} // namespace manage::core
