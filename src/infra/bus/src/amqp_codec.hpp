#pragma once
// How a Message travels over AMQP (docs/ports.md, "AmqpBus"): the payload is the body, the id the
// message_id property, and the headers below carry what a routing key and AMQP's whole-second timestamp
// cannot.
#include "amqp_connection.hpp"
#include "manage/infra/bus.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace manage::infra::detail {

inline constexpr const char *kTopicHeader = "x-manage-topic";     // the topic (the routing key changes on retries)
inline constexpr const char *kTimeHeader = "x-manage-time";       // Message::time, nanoseconds since the epoch
inline constexpr const char *kAttemptHeader = "x-manage-attempt"; // the attempt this copy is for (absent: 1)
inline constexpr const char *kReasonHeader = "x-manage-reason";   // retries, dead letters: why the last attempt failed
inline constexpr const char *kQueueHeader = "x-manage-queue";     // dead letters: the queue that gave the message up

// The properties a message is published with: persistent, JSON, message_id, timestamp and the headers
// above. They point into the arguments, which must outlive the publish.
class OutgoingProperties {
public:
    OutgoingProperties(const Message &message, int attempt, const std::string *reason = nullptr,
                       const std::string *queue = nullptr);
    OutgoingProperties(const OutgoingProperties &) = delete;
    OutgoingProperties &operator=(const OutgoingProperties &) = delete;

    const amqp_basic_properties_t *get() const { return &properties_; }

private:
    void add(const char *name, const std::string &text);
    void add(const char *name, std::int64_t number);

    std::array<amqp_table_entry_t, 5> entries_{};
    amqp_basic_properties_t properties_{};
};

// Publishes `message` (the caller made `properties` from it) on `channel`; throws AmqpFailure.
void publish_message(AmqpConnection &connection, amqp_channel_t channel, const std::string &exchange,
                     const std::string &routing_key, const Message &message, const OutgoingProperties &properties);

// A received message: the topic from its header (else the routing key), delivery_attempt from its attempt
// header, plus one when the broker redelivers it (a consumer went away without acknowledging it).
Message decode_message(const amqp_message_t &message, amqp_bytes_t routing_key, bool redelivered);

std::optional<std::string> header_string(const amqp_basic_properties_t &properties, const char *name);
std::optional<std::int64_t> header_integer(const amqp_basic_properties_t &properties, const char *name);

} // namespace manage::infra::detail
