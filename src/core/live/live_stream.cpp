#include "live/live_stream.hpp"

#include "manage/common/logging.hpp"
#include "manage/infra/metrics.hpp"

namespace manage::core {

std::string sse_event(const std::string &event, std::int64_t id, const std::string &data) {
    // `data` is one line of JSON (dump() escapes newlines inside strings).
    return "id: " + std::to_string(id) + "\nevent: " + event + "\ndata: " + data + "\n\n";
}

LiveStream::LiveStream(std::weak_ptr<LiveStreams> registry, std::chrono::milliseconds heartbeat, std::size_t max_queued)
    : registry_(std::move(registry)), heartbeat_(heartbeat), max_queued_(max_queued) {}

void LiveStream::begin(std::string snapshot_event, std::int64_t sequence) {
    std::lock_guard lock(mutex_);
    snapshot_ = std::move(snapshot_event);
    snapshot_sequence_ = sequence;
    begun_ = true;
    std::erase_if(queue_, [sequence](const auto &queued) { return queued.first <= sequence; });
    wake();
}

void LiveStream::push(std::int64_t sequence, const std::string &event) {
    std::lock_guard lock(mutex_);
    if (closed_ || (begun_ && sequence <= snapshot_sequence_))
        return;
    if (queue_.size() >= max_queued_) {
        // Too far behind: better a fresh snapshot on reconnection than a stale stream or a held-up node.
        logger("core")->warn("an event-stream client fell {} changes behind; dropping it", queue_.size());
        closed_ = true;
        queue_.clear();
    } else {
        queue_.emplace_back(sequence, event);
    }
    wake();
}

void LiveStream::wake() {
    if (!waiting_ || !executor_)
        return;
    // The timer belongs to next()'s executor; cancelling it there wakes next() up (a cancel that comes
    // late finds no timer, or the next wait's, which then looks again: harmless).
    asio::post(*executor_, [self = shared_from_this()] {
        std::lock_guard lock(self->mutex_);
        if (self->timer_)
            self->timer_->cancel();
    });
}

asio::awaitable<std::optional<std::string>> LiveStream::next() {
    const auto executor = co_await asio::this_coro::executor;
    for (;;) {
        // A timer per wait, gone when next() returns: nothing of the caller's executor outlives the call.
        asio::steady_timer timer(executor, heartbeat_);
        // Also when the coroutine is destroyed mid-wait (its io_context went): no one wakes a dead timer.
        struct NotWaiting {
            LiveStream &stream;
            ~NotWaiting() {
                std::lock_guard lock(stream.mutex_);
                stream.waiting_ = false;
                stream.timer_ = nullptr;
            }
        } not_waiting{*this};
        {
            std::lock_guard lock(mutex_);
            if (closed_)
                co_return std::nullopt;
            if (begun_ && snapshot_) {
                auto first = std::move(*snapshot_);
                snapshot_.reset();
                co_return first;
            }
            if (begun_ && !queue_.empty()) {
                auto event = std::move(queue_.front().second);
                queue_.pop_front();
                co_return event;
            }
            executor_ = executor;
            timer_ = &timer;
            waiting_ = true;
        }
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        std::lock_guard lock(mutex_);
        // The timer ran out: nothing was said for a whole interval. A comment keeps proxies from
        // closing the idle connection and lets the client see the stream is alive.
        if (!ec && !closed_ && begun_)
            co_return std::string(": heartbeat\n\n");
    }
}

void LiveStream::close() {
    bool report = false;
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        queue_.clear();
        wake();
        report = !reported_;
        reported_ = true;
    }
    if (const auto registry = report ? registry_.lock() : nullptr)
        registry->closed(this);
}

bool LiveStream::closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
}

LiveStreams::LiveStreams(infra::Metrics &metrics, std::chrono::milliseconds heartbeat, std::size_t max_queued)
    : metrics_(metrics), heartbeat_(heartbeat), max_queued_(max_queued) {
    metrics_.describe("manage_stream_clients", "gauge", "Clients of GET /api/v1/stream connected to this node.");
    metrics_.set_gauge("manage_stream_clients", {}, 0);
}

std::shared_ptr<LiveStream> LiveStreams::open(const std::string &organisation) {
    auto stream = std::make_shared<LiveStream>(weak_from_this(), heartbeat_, max_queued_);
    std::lock_guard lock(mutex_);
    streams_.emplace(organisation, stream);
    metrics_.set_gauge("manage_stream_clients", {}, static_cast<double>(streams_.size()));
    return stream;
}

void LiveStreams::push(const std::string &organisation, std::int64_t sequence, const std::string &event) {
    std::vector<std::shared_ptr<LiveStream>> targets;
    {
        std::lock_guard lock(mutex_);
        const auto [first, last] = streams_.equal_range(organisation);
        for (auto it = first; it != last; ++it)
            if (auto stream = it->second.lock())
                targets.push_back(std::move(stream));
    }
    for (const auto &stream : targets)
        stream->push(sequence, event);
}

void LiveStreams::closed(const LiveStream *stream) {
    std::lock_guard lock(mutex_);
    std::erase_if(streams_, [stream](const auto &entry) {
        const auto held = entry.second.lock();
        return !held || held.get() == stream;
    });
    metrics_.set_gauge("manage_stream_clients", {}, static_cast<double>(streams_.size()));
}

void LiveStreams::close_all() {
    std::vector<std::shared_ptr<LiveStream>> all;
    {
        std::lock_guard lock(mutex_);
        for (const auto &[organisation, weak] : streams_)
            if (auto stream = weak.lock())
                all.push_back(std::move(stream));
    }
    for (const auto &stream : all)
        stream->close();
}

} // namespace manage::core
