#include "amqp_codec.hpp"

#include <algorithm>
#include <cstring>

namespace manage::infra::detail {
namespace {

const amqp_field_value_t *find_header(const amqp_basic_properties_t &properties, const char *name) {
    if ((properties._flags & AMQP_BASIC_HEADERS_FLAG) == 0)
        return nullptr;
    const auto length = std::strlen(name);
    for (int i = 0; i < properties.headers.num_entries; ++i) {
        const auto &entry = properties.headers.entries[i];
        if (entry.key.len == length && std::memcmp(entry.key.bytes, name, length) == 0)
            return &entry.value;
    }
    return nullptr;
}

std::int64_t nanoseconds_since_epoch(TimePoint time) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

} // namespace

OutgoingProperties::OutgoingProperties(const Message &message, int attempt, const std::string *reason,
                                       const std::string *queue) {
    properties_._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_MESSAGE_ID_FLAG |
                         AMQP_BASIC_TIMESTAMP_FLAG | AMQP_BASIC_HEADERS_FLAG;
    properties_.content_type = amqp_cstring_bytes("application/json");
    properties_.delivery_mode = AMQP_DELIVERY_PERSISTENT;
    properties_.message_id = to_bytes(message.id);
    properties_.timestamp = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(message.time.time_since_epoch()).count());
    add(kTopicHeader, message.topic);
    add(kTimeHeader, nanoseconds_since_epoch(message.time));
    add(kAttemptHeader, static_cast<std::int64_t>(attempt));
    if (reason != nullptr)
        add(kReasonHeader, *reason);
    if (queue != nullptr)
        add(kQueueHeader, *queue);
    properties_.headers.entries = entries_.data();
}

void OutgoingProperties::add(const char *name, const std::string &text) {
    auto &entry = entries_.at(static_cast<std::size_t>(properties_.headers.num_entries++));
    entry.key = amqp_cstring_bytes(name);
    entry.value.kind = AMQP_FIELD_KIND_UTF8;
    entry.value.value.bytes = to_bytes(text);
}

void OutgoingProperties::add(const char *name, std::int64_t number) {
    auto &entry = entries_.at(static_cast<std::size_t>(properties_.headers.num_entries++));
    entry.key = amqp_cstring_bytes(name);
    entry.value.kind = AMQP_FIELD_KIND_I64;
    entry.value.value.i64 = number;
}

void publish_message(AmqpConnection &connection, amqp_channel_t channel, const std::string &exchange,
                     const std::string &routing_key, const Message &message, const OutgoingProperties &properties) {
    AmqpConnection::expect_status(amqp_basic_publish(connection.state(), channel, to_bytes(exchange),
                                                     to_bytes(routing_key), 0, 0, properties.get(),
                                                     to_bytes(message.payload)),
                                  "publishing to '" + (exchange.empty() ? routing_key : exchange) + "'");
}

Message decode_message(const amqp_message_t &message, amqp_bytes_t routing_key, bool redelivered) {
    const auto &properties = message.properties;
    Message decoded;
    if ((properties._flags & AMQP_BASIC_MESSAGE_ID_FLAG) != 0)
        decoded.id = to_string(properties.message_id);
    decoded.topic = header_string(properties, kTopicHeader).value_or(to_string(routing_key));
    decoded.payload = to_string(message.body);
    if (const auto time = header_integer(properties, kTimeHeader))
        decoded.time = TimePoint(std::chrono::duration_cast<Duration>(std::chrono::nanoseconds(*time)));
    else if ((properties._flags & AMQP_BASIC_TIMESTAMP_FLAG) != 0)
        decoded.time = TimePoint(std::chrono::seconds(properties.timestamp));
    const auto attempt = header_integer(properties, kAttemptHeader).value_or(1);
    decoded.delivery_attempt = static_cast<int>(std::max<std::int64_t>(attempt, 1)) + (redelivered ? 1 : 0);
    return decoded;
}

std::optional<std::string> header_string(const amqp_basic_properties_t &properties, const char *name) {
    const auto *value = find_header(properties, name);
    if (value == nullptr || (value->kind != AMQP_FIELD_KIND_UTF8 && value->kind != AMQP_FIELD_KIND_BYTES))
        return std::nullopt;
    return to_string(value->value.bytes);
}

std::optional<std::int64_t> header_integer(const amqp_basic_properties_t &properties, const char *name) {
    const auto *value = find_header(properties, name);
    if (value == nullptr)
        return std::nullopt;
    switch (value->kind) {
    case AMQP_FIELD_KIND_I8:
        return value->value.i8;
    case AMQP_FIELD_KIND_U8:
        return value->value.u8;
    case AMQP_FIELD_KIND_I16:
        return value->value.i16;
    case AMQP_FIELD_KIND_U16:
        return value->value.u16;
    case AMQP_FIELD_KIND_I32:
        return value->value.i32;
    case AMQP_FIELD_KIND_U32:
        return value->value.u32;
    case AMQP_FIELD_KIND_I64:
        return value->value.i64;
    case AMQP_FIELD_KIND_U64:
    case AMQP_FIELD_KIND_TIMESTAMP:
        return static_cast<std::int64_t>(value->value.u64);
    default:
        return std::nullopt;
    }
}

} // namespace manage::infra::detail
