#pragma once
// One event-stream client (GET /api/v1/stream) and the registry of a node's clients by organisation.
// Changes are pushed from the Bus's threads into a bounded queue per client; the client's connection
// takes them out on its own strand, so a slow client never holds up the others: when its queue
// overflows it is dropped, and reconnects to a fresh snapshot.
#include "manage/common/asio.hpp"
#include "manage/infra/http.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace manage::infra {
class Metrics;
}

namespace manage::core {

class LiveStreams;

class LiveStream final : public infra::http::ResponseStream, public std::enable_shared_from_this<LiveStream> {
public:
    LiveStream(std::weak_ptr<LiveStreams> registry, std::chrono::milliseconds heartbeat, std::size_t max_queued);

    // The snapshot event, sent first; changes numbered up to `sequence` are in it, so those queued
    // meanwhile are dropped. Nothing is sent before it.
    void begin(std::string snapshot_event, std::int64_t sequence);
    // Thread-safe: one change event numbered `sequence`.
    void push(std::int64_t sequence, const std::string &event);

    asio::awaitable<std::optional<std::string>> next() override;
    void close() override;
    bool closed() const;

private:
    void wake(); // with mutex_ held

    const std::weak_ptr<LiveStreams> registry_;
    const std::chrono::milliseconds heartbeat_;
    const std::size_t max_queued_;
    mutable std::mutex mutex_;
    std::deque<std::pair<std::int64_t, std::string>> queue_;
    std::optional<std::string> snapshot_;
    std::int64_t snapshot_sequence_ = 0;
    bool begun_ = false;
    bool closed_ = false;
    bool waiting_ = false;
    bool reported_ = false;                         // to the registry, once closed
    std::optional<asio::any_io_executor> executor_; // next()'s, set on its first call
    asio::steady_timer *timer_ = nullptr;           // next()'s, while it waits
};

// The node's clients by organisation, counted in the manage_stream_clients gauge.
class LiveStreams : public std::enable_shared_from_this<LiveStreams> {
public:
    LiveStreams(infra::Metrics &metrics, std::chrono::milliseconds heartbeat, std::size_t max_queued);

    std::shared_ptr<LiveStream> open(const std::string &organisation);
    void push(const std::string &organisation, std::int64_t sequence, const std::string &event);
    // Told once by each client when it closes.
    void closed(const LiveStream *stream);
    // Ends every client (the node stops).
    void close_all();

private:
    infra::Metrics &metrics_;
    const std::chrono::milliseconds heartbeat_;
    const std::size_t max_queued_;
    std::mutex mutex_;
    std::multimap<std::string, std::weak_ptr<LiveStream>> streams_;
};

// The text of one server-sent event.
std::string sse_event(const std::string &event, std::int64_t id, const std::string &data);

} // namespace manage::core
