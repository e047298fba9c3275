#include "amqp_publisher.hpp"

#include "amqp_codec.hpp"
#include "amqp_topology.hpp"
#include "manage/common/logging.hpp"

#include <iterator>
#include <stdexcept>
#include <vector>

namespace manage::infra::detail {
namespace {

using namespace std::chrono_literals;

// Messages published per turn of the loop before it reads confirms again.
constexpr int kSendBatch = 256;
// AMQP short strings (routing key, message_id) hold at most 255 bytes.
constexpr std::size_t kShortStringMax = 255;

std::shared_ptr<spdlog::logger> log() {
    return logger("bus");
}

} // namespace

std::unique_ptr<AmqpConnection> connect_publisher(const AmqpTarget &target, const AmqpBusOptions &options) {
    auto connection = std::make_unique<AmqpConnection>(
        target, ConnectionSettings{"manage publisher", options.heartbeat, options.connect_timeout});
    declare_exchange(*connection, options.exchange);
    amqp_confirm_select(connection->state(), 1);
    connection->expect_ok("enabling publisher confirms");
    return connection;
}

AmqpPublisher::AmqpPublisher(AmqpTarget target, AmqpBusOptions options, std::unique_ptr<AmqpConnection> connection)
    : target_(std::move(target)), options_(std::move(options)), connection_(std::move(connection)) {
    thread_ = std::thread([this] { run(); });
}

AmqpPublisher::~AmqpPublisher() {
    stop();
}

void AmqpPublisher::publish(Message message) {
    if (message.topic.size() > kShortStringMax || message.id.size() > kShortStringMax)
        throw std::invalid_argument("bus: a topic or message id longer than 255 bytes cannot be published: '" +
                                    message.topic.substr(0, 64) + "…'");
    std::unique_lock lock(mutex_);
    if (outstanding_.size() >= options_.max_unconfirmed && !stopping_) {
        log()->warn("bus: {} published messages wait for the broker's confirmation; publish() waits",
                    outstanding_.size());
        changed_.wait(lock, [this] { return stopping_ || outstanding_.size() < options_.max_unconfirmed; });
    }
    if (stopping_) {
        log()->warn("bus: stopped; message {} ({}) is not published", message.id, message.topic);
        return;
    }
    const auto serial = next_serial_++;
    outstanding_.insert(serial);
    incoming_.push_back(Outgoing{serial, std::move(message)});
    lock.unlock();
    wakeup_.notify();
}

bool AmqpPublisher::flush(Duration timeout) {
    std::unique_lock lock(mutex_);
    const auto last = next_serial_ - 1;
    return changed_.wait_for(lock, timeout, [&] { return outstanding_.empty() || *outstanding_.begin() > last; });
}

bool AmqpPublisher::ping(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (stopping_)
        return false;
    const auto ticket = ++pings_requested_;
    wakeup_.notify();
    const bool answered = changed_.wait_for(lock, timeout, [&] { return pings_answered_ >= ticket || stopping_; }) &&
                          pings_answered_ >= ticket;
    return answered && ping_answer_;
}

void AmqpPublisher::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    wakeup_.notify();
    if (thread_.joinable())
        thread_.join();
    std::lock_guard lock(mutex_);
    if (!outstanding_.empty())
        log()->warn("bus: {} published message(s) not confirmed by {} are given up", outstanding_.size(),
                    target_.display);
    outstanding_.clear();
}

bool AmqpPublisher::stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
}

bool AmqpPublisher::ping_requested() {
    std::lock_guard lock(mutex_);
    return pings_answered_ < pings_requested_;
}

void AmqpPublisher::answer_ping(bool answer) {
    {
        std::lock_guard lock(mutex_);
        if (pings_answered_ == pings_requested_)
            return;
        pings_answered_ = pings_requested_;
        ping_answer_ = answer;
    }
    changed_.notify_all();
}

void AmqpPublisher::run() {
    Backoff backoff(options_.first_reconnect_delay, options_.max_reconnect_delay);
    while (!stopping()) {
        if (!connection_ && !reconnect(backoff))
            continue;
        try {
            serve();
        } catch (const AmqpFailure &error) {
            log()->warn("bus: publisher lost its connection to {}: {}; {} unconfirmed message(s) will be "
                        "published again",
                        target_.display, error.what(), unconfirmed_.size());
            connection_.reset();
            requeue_unconfirmed();
            answer_ping(false);
            reconnect_at_ = std::chrono::steady_clock::now() + backoff.next();
        }
    }
    if (connection_ && !blocked_)
        connection_->close();
}

// False while waiting for the next attempt (a ping does not wait), or when the attempt failed.
bool AmqpPublisher::reconnect(Backoff &backoff) {
    const auto now = std::chrono::steady_clock::now();
    if (now < reconnect_at_ && !ping_requested()) {
        wakeup_.wait(std::chrono::ceil<std::chrono::milliseconds>(reconnect_at_ - now));
        return false;
    }
    try {
        connection_ = connect_publisher(target_, options_);
    } catch (const AmqpFailure &error) {
        if (!failure_reported_)
            log()->warn("bus: publisher cannot reach {}: {}; retrying", target_.display, error.what());
        else
            log()->debug("bus: publisher cannot reach {}: {}", target_.display, error.what());
        failure_reported_ = true;
        reconnect_at_ = now + backoff.next();
        answer_ping(false);
        return false;
    }
    blocked_ = false;
    backoff.reset();
    if (failure_reported_ || !to_send_.empty()) {
        std::lock_guard lock(mutex_);
        log()->info("bus: publisher connected to {} again; {} message(s) to publish", target_.display,
                    to_send_.size() + incoming_.size());
    }
    failure_reported_ = false;
    return true;
}

// One turn on a live connection: publish what waits, answer a ping, then wait for confirmations (or more
// to publish, or a heartbeat's time) and handle them.
void AmqpPublisher::serve() {
    take_incoming();
    send_waiting();
    if (ping_requested() && blocked_) {
        answer_ping(true); // it answered by blocking us, and reads nothing more until it unblocks
    } else if (ping_requested()) {
        amqp_exchange_declare(connection_->state(), 1, to_bytes(options_.exchange), amqp_cstring_bytes("topic"), 1, 0,
                              0, 0, amqp_empty_table);
        connection_->expect_ok("ping");
        answer_ping(true);
    }
    const auto wait = to_send_.empty() || blocked_ ? connection_->idle_wait() : 0ms;
    if (connection_->wait(wakeup_.fd(), wait) == Readiness::wakeup)
        wakeup_.drain();
    while (const auto frame = connection_->poll_frame())
        handle(*frame);
}

void AmqpPublisher::take_incoming() {
    std::lock_guard lock(mutex_);
    std::move(incoming_.begin(), incoming_.end(), std::back_inserter(to_send_));
    incoming_.clear();
}

void AmqpPublisher::send_waiting() {
    // A blocked connection is not read by the broker: sending would fill the socket and hang this thread.
    if (blocked_)
        return;
    for (int sent = 0; sent < kSendBatch && !to_send_.empty(); ++sent) {
        auto &next = to_send_.front();
        const OutgoingProperties properties(next.message, 1);
        publish_message(*connection_, 1, options_.exchange, next.message.topic, next.message, properties);
        unconfirmed_.emplace(next_tag_++, std::move(next));
        to_send_.pop_front();
    }
}

void AmqpPublisher::handle(const amqp_frame_t &frame) {
    throw_if_closing(frame);
    if (frame.frame_type != AMQP_FRAME_METHOD)
        return; // e.g. the content of a returned message; nothing is published as mandatory
    if (frame.payload.method.id == AMQP_BASIC_ACK_METHOD) {
        const auto *ack = static_cast<const amqp_basic_ack_t *>(frame.payload.method.decoded);
        confirmed(ack->delivery_tag, ack->multiple != 0);
    } else if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD) {
        const auto *nack = static_cast<const amqp_basic_nack_t *>(frame.payload.method.decoded);
        rejected(nack->delivery_tag, nack->multiple != 0);
    } else if (frame.payload.method.id == AMQP_CONNECTION_BLOCKED_METHOD) {
        const auto *blocked = static_cast<const amqp_connection_blocked_t *>(frame.payload.method.decoded);
        log()->warn("bus: {} blocks publishing ({}); messages wait", target_.display, to_string(blocked->reason));
        blocked_ = true;
    } else if (frame.payload.method.id == AMQP_CONNECTION_UNBLOCKED_METHOD) {
        log()->info("bus: {} accepts messages again", target_.display);
        blocked_ = false;
    }
}

void AmqpPublisher::confirmed(std::uint64_t tag, bool multiple) {
    std::vector<std::uint64_t> serials;
    const auto first = multiple ? unconfirmed_.begin() : unconfirmed_.find(tag);
    const auto last = multiple ? unconfirmed_.upper_bound(tag) : std::next(first, first == unconfirmed_.end() ? 0 : 1);
    for (auto entry = first; entry != last; ++entry)
        serials.push_back(entry->second.serial);
    unconfirmed_.erase(first, last);
    {
        std::lock_guard lock(mutex_);
        for (const auto serial : serials)
            outstanding_.erase(serial);
    }
    changed_.notify_all();
}

// The broker could not take them (an internal error): publish them again, first.
void AmqpPublisher::rejected(std::uint64_t tag, bool multiple) {
    const auto first = multiple ? unconfirmed_.begin() : unconfirmed_.find(tag);
    const auto last = multiple ? unconfirmed_.upper_bound(tag) : std::next(first, first == unconfirmed_.end() ? 0 : 1);
    std::vector<Outgoing> again;
    for (auto entry = first; entry != last; ++entry)
        again.push_back(std::move(entry->second));
    unconfirmed_.erase(first, last);
    log()->warn("bus: the broker rejected {} message(s); publishing them again", again.size());
    to_send_.insert(to_send_.begin(), std::make_move_iterator(again.begin()), std::make_move_iterator(again.end()));
}

void AmqpPublisher::requeue_unconfirmed() {
    std::deque<Outgoing> again;
    for (auto &[tag, outgoing] : unconfirmed_)
        again.push_back(std::move(outgoing));
    unconfirmed_.clear();
    next_tag_ = 1;
    std::move(to_send_.begin(), to_send_.end(), std::back_inserter(again));
    to_send_ = std::move(again);
}

} // namespace manage::infra::detail
