#include "amqp_consumer.hpp"

#include "amqp_codec.hpp"
#include "amqp_topology.hpp"
#include "delivery.hpp"
#include "manage/common/logging.hpp"

#include <algorithm>

namespace manage::infra::detail {
namespace {

std::shared_ptr<spdlog::logger> log() {
    return logger("bus");
}

constexpr amqp_channel_t kConsuming = 1;
constexpr amqp_channel_t kCopies = 2;

} // namespace

std::unique_ptr<AmqpConnection> connect_consumer(const AmqpContext &context, const std::string &queue,
                                                 const std::string &pattern) {
    const auto &options = context.options;
    auto connection = std::make_unique<AmqpConnection>(
        context.target, ConnectionSettings{"manage consumer " + queue, options.heartbeat, options.connect_timeout});
    declare_exchange(*connection, options.exchange);
    declare_queue_group(*connection, options, queue, pattern);
    connection->open_channel(kCopies);
    amqp_tx_select(connection->state(), kCopies);
    connection->expect_ok("making channel 2 transactional");
    amqp_basic_qos(connection->state(), kConsuming, 0, options.prefetch, 0);
    connection->expect_ok("setting the prefetch limit");
    amqp_basic_consume(connection->state(), kConsuming, to_bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
    connection->expect_ok("consuming queue '" + queue + "'");
    return connection;
}

AmqpConsumer::AmqpConsumer(std::shared_ptr<AmqpContext> context, std::string queue, std::string pattern,
                           MessageHandler handler, std::unique_ptr<AmqpConnection> connection)
    : context_(std::move(context)), queue_(std::move(queue)), pattern_(std::move(pattern)),
      handler_(std::move(handler)), connection_(std::move(connection)),
      backoff_(context_->options.first_reconnect_delay, context_->options.max_reconnect_delay) {
    failure_reported_ = !connection_;
}

void AmqpConsumer::stop() {
    stopping_ = true;
    wakeup_.notify();
}

void AmqpConsumer::run() {
    while (!stopping_) {
        if (!connection_ && !reconnect())
            continue;
        try {
            if (auto delivery = next_delivery())
                settle(*delivery);
        } catch (const AmqpFailure &error) {
            log()->warn("bus: queue {}: consumer lost its connection to {}: {}; reconnecting", queue_,
                        context_->target.display, error.what());
            connection_.reset(); // the broker requeues what this connection had not acknowledged
            failure_reported_ = true;
            reconnect_at_ = std::chrono::steady_clock::now() + backoff_.next();
        }
    }
    if (connection_)
        connection_->close();
}

// False while waiting for the next attempt, or when it failed.
bool AmqpConsumer::reconnect() {
    const auto now = std::chrono::steady_clock::now();
    if (now < reconnect_at_) {
        wakeup_.wait(std::chrono::ceil<std::chrono::milliseconds>(reconnect_at_ - now));
        return false;
    }
    try {
        connection_ = connect_consumer(*context_, queue_, pattern_);
        log()->info("bus: queue {}: consuming again from {}", queue_, context_->target.display);
        failure_reported_ = false;
        backoff_.reset();
        return true;
    } catch (const AmqpFailure &error) {
        if (!failure_reported_)
            log()->warn("bus: queue {}: cannot consume from {}: {}; retrying", queue_, context_->target.display,
                        error.what());
        else
            log()->debug("bus: queue {}: cannot consume from {}: {}", queue_, context_->target.display, error.what());
        failure_reported_ = true;
        reconnect_at_ = now + backoff_.next();
        return false;
    }
}

std::optional<AmqpConsumer::Delivery> AmqpConsumer::next_delivery() {
    if (connection_->wait(wakeup_.fd(), connection_->idle_wait()) == Readiness::wakeup) {
        wakeup_.drain();
        return std::nullopt; // run() looks at stopping_
    }
    auto *state = connection_->state();
    amqp_maybe_release_buffers(state);
    amqp_envelope_t envelope{};
    const timeval immediately{0, 0};
    // Also sends a heartbeat when one is due.
    const auto reply = amqp_consume_message(state, &envelope, &immediately, 0);
    if (reply.reply_type == AMQP_RESPONSE_NORMAL) {
        Delivery delivery{envelope.delivery_tag,
                          decode_message(envelope.message, envelope.routing_key, envelope.redelivered != 0)};
        amqp_destroy_envelope(&envelope);
        return delivery;
    }
    if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && reply.library_error == AMQP_STATUS_TIMEOUT)
        return std::nullopt; // no whole frame yet
    if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && reply.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
        // Not a delivery: amqp_consume_message put the frame back.
        if (const auto frame = connection_->poll_frame()) {
            throw_if_closing(*frame);
            if (frame->frame_type == AMQP_FRAME_METHOD && frame->payload.method.id == AMQP_BASIC_CANCEL_METHOD)
                throw AmqpFailure("the broker cancelled the consumer (was the queue deleted?)");
        }
        return std::nullopt;
    }
    throw AmqpFailure("consuming queue '" + queue_ + "': " + describe(reply));
}

void AmqpConsumer::settle(const Delivery &delivery) {
    const auto &options = context_->options;
    const auto &message = delivery.message;
    const auto failure = run_handler(handler_, message);
    if (!failure) {
        // acknowledged below
    } else if (message.delivery_attempt >= options.max_attempts) {
        log()->warn("bus: queue {}: message {} ({}) dead-lettered after {} attempt(s): {}", queue_, message.id,
                    message.topic, message.delivery_attempt, *failure);
        copy_to(dead_letter_queue_name(queue_), delivery, message.delivery_attempt, *failure, true);
        ++context_->dead_lettered;
    } else {
        const auto delay = retry_delay(options, message.delivery_attempt);
        log()->debug("bus: queue {}: message {} ({}) attempt {} failed ({}); retry in {} ms", queue_, message.id,
                     message.topic, message.delivery_attempt, *failure, delay.count());
        copy_to(retry_queue_name(queue_, delay), delivery, message.delivery_attempt + 1, *failure, false);
    }
    AmqpConnection::expect_status(amqp_basic_ack(connection_->state(), kConsuming, delivery.tag, 0),
                                  "acknowledging a delivery");
}

// Through the default exchange, committed before the original is acknowledged: a crash in between
// delivers the original again, never loses it.
void AmqpConsumer::copy_to(const std::string &queue, const Delivery &delivery, int attempt, const std::string &reason,
                           bool dead) {
    const OutgoingProperties properties(delivery.message, attempt, &reason, dead ? &queue_ : nullptr);
    publish_message(*connection_, kCopies, "", queue, delivery.message, properties);
    amqp_tx_commit(connection_->state(), kCopies);
    connection_->expect_ok("committing the copy sent to '" + queue + "'");
}

} // namespace manage::infra::detail
