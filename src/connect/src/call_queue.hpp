#pragma once
// Server-initiated calls to one charger (OCPP-J §4.1.1: one outstanding CALL at a time). Calls wait
// in FIFO order; the outstanding one has its own timeout, started when it is sent, after which the
// next one goes. Lives on the connection's strand: every method must be called there.
#include "connection.hpp"

#include "manage/common/asio.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace manage::connect {

class CallQueue : public std::enable_shared_from_this<CallQueue> {
public:
    using Send = std::function<void(const ocpp::Call &)>;

    static std::shared_ptr<CallQueue> create(asio::any_io_executor strand, std::chrono::milliseconds timeout,
                                             Send send);

    // Sends `call` now if none is outstanding, otherwise queues it. After close() it fails at once.
    void push(ocpp::Call call, CallCompletion done);
    // The outstanding call when its message id is `message_id`, else nullptr.
    const ocpp::Call *outstanding(std::string_view message_id) const;
    // Completes the outstanding call and sends the next one. Precondition: a call is outstanding.
    void complete(CallResponse response);
    // Fails the outstanding and every queued call with `failure`; later pushes fail the same way.
    void close(CallFailure failure, const std::string &description);

    std::size_t waiting() const { return queue_.size(); }

    CallQueue(asio::any_io_executor strand, std::chrono::milliseconds timeout, Send send);

private:
    struct Entry {
        ocpp::Call call;
        CallCompletion done;
    };

    void send_next();
    void on_timeout(std::uint64_t generation);

    asio::steady_timer timer_;
    std::chrono::milliseconds timeout_;
    Send send_;
    std::optional<Entry> current_;
    std::vector<Entry> queue_; // not a deque: libstdc++ allocates one even when empty
    std::uint64_t generation_ = 0;
    std::optional<std::pair<CallFailure, std::string>> closed_;
};

CallResponse call_failure(CallFailure failure, std::string description);

} // namespace manage::connect
