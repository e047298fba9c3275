#include "call_queue.hpp"

#include <fmt/format.h>

namespace manage::connect {

CallResponse call_failure(CallFailure failure, std::string description) {
    CallResponse response;
    response.failure = failure;
    response.description = std::move(description);
    return response;
}

std::shared_ptr<CallQueue> CallQueue::create(asio::any_io_executor strand, std::chrono::milliseconds timeout,
                                             Send send) {
    return std::make_shared<CallQueue>(std::move(strand), timeout, std::move(send));
}

CallQueue::CallQueue(asio::any_io_executor strand, std::chrono::milliseconds timeout, Send send)
    : timer_(std::move(strand)), timeout_(timeout), send_(std::move(send)) {}

void CallQueue::push(ocpp::Call call, CallCompletion done) {
    if (closed_) {
        done(call_failure(closed_->first, closed_->second));
        return;
    }
    queue_.push_back(Entry{std::move(call), std::move(done)});
    if (!current_) {
        send_next();
    }
}

const ocpp::Call *CallQueue::outstanding(std::string_view message_id) const {
    return current_ && current_->call.message_id == message_id ? &current_->call : nullptr;
}

void CallQueue::complete(CallResponse response) {
    if (!current_) {
        return;
    }
    auto done = std::move(current_->done);
    current_.reset();
    ++generation_;
    timer_.cancel();
    done(std::move(response));
    send_next();
}

void CallQueue::close(CallFailure failure, const std::string &description) {
    closed_.emplace(failure, description);
    ++generation_;
    timer_.cancel();
    if (current_) {
        auto done = std::move(current_->done);
        current_.reset();
        done(call_failure(failure, description));
    }
    while (!queue_.empty()) {
        auto entry = std::move(queue_.front());
        queue_.erase(queue_.begin());
        entry.done(call_failure(failure, description));
    }
}

void CallQueue::send_next() {
    if (current_ || queue_.empty() || closed_) {
        return;
    }
    current_ = std::move(queue_.front());
    queue_.erase(queue_.begin());
    const auto generation = ++generation_;
    timer_.expires_after(timeout_);
    timer_.async_wait([self = shared_from_this(), generation](boost::system::error_code ec) {
        if (!ec) {
            self->on_timeout(generation);
        }
    });
    send_(current_->call);
}

void CallQueue::on_timeout(std::uint64_t generation) {
    if (generation != generation_ || !current_) {
        return;
    }
    const auto seconds = std::chrono::duration<double>(timeout_).count();
    complete(call_failure(CallFailure::Timeout,
                          fmt::format("no answer to {} within {:g} s", current_->call.action, seconds)));
}

} // namespace manage::connect
