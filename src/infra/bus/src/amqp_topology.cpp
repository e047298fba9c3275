#include "amqp_topology.hpp"

#include "delivery.hpp"

#include <array>
#include <set>

namespace manage::infra::detail {
namespace {

std::set<std::chrono::milliseconds> retry_delays(const AmqpBusOptions &options) {
    std::set<std::chrono::milliseconds> delays;
    for (int attempt = 1; attempt < options.max_attempts; ++attempt)
        delays.insert(retry_delay(options, attempt));
    return delays;
}

void declare_queue(AmqpConnection &connection, const std::string &queue, const amqp_table_t &arguments) {
    amqp_queue_declare(connection.state(), 1, to_bytes(queue), 0, 1, 0, 0, arguments);
    connection.expect_ok("declaring queue '" + queue + "'");
}

// A retry queue holds each message for `delay` (a queue-wide TTL, so the oldest message always expires
// first), then the broker dead-letters it through the default exchange back to `queue`.
void declare_retry_queue(AmqpConnection &connection, const std::string &queue, std::chrono::milliseconds delay) {
    std::array<amqp_table_entry_t, 3> entries{};
    entries[0].key = amqp_cstring_bytes("x-message-ttl");
    entries[0].value.kind = AMQP_FIELD_KIND_I64;
    entries[0].value.value.i64 = delay.count();
    entries[1].key = amqp_cstring_bytes("x-dead-letter-exchange");
    entries[1].value.kind = AMQP_FIELD_KIND_UTF8;
    entries[1].value.value.bytes = amqp_cstring_bytes("");
    entries[2].key = amqp_cstring_bytes("x-dead-letter-routing-key");
    entries[2].value.kind = AMQP_FIELD_KIND_UTF8;
    entries[2].value.value.bytes = to_bytes(queue);
    declare_queue(connection, retry_queue_name(queue, delay), amqp_table_t{3, entries.data()});
}

} // namespace

std::chrono::milliseconds retry_delay(const AmqpBusOptions &options, int failed_attempt) {
    return retry_delay(options.first_retry_delay, options.max_retry_delay, failed_attempt);
}

std::string retry_queue_name(const std::string &queue, std::chrono::milliseconds delay) {
    return queue + ".retry." + std::to_string(delay.count());
}

std::string dead_letter_queue_name(const std::string &queue) {
    return queue + ".dead";
}

std::vector<std::string> queue_group(const AmqpBusOptions &options, const std::string &queue) {
    std::vector<std::string> names{queue};
    for (const auto delay : retry_delays(options))
        names.push_back(retry_queue_name(queue, delay));
    names.push_back(dead_letter_queue_name(queue));
    return names;
}

void declare_exchange(AmqpConnection &connection, const std::string &exchange) {
    amqp_exchange_declare(connection.state(), 1, to_bytes(exchange), amqp_cstring_bytes("topic"), 0, 1, 0, 0,
                          amqp_empty_table);
    connection.expect_ok("declaring exchange '" + exchange + "'");
}

void declare_queue_group(AmqpConnection &connection, const AmqpBusOptions &options, const std::string &queue,
                         const std::string &pattern) {
    declare_queue(connection, queue, amqp_empty_table);
    for (const auto delay : retry_delays(options))
        declare_retry_queue(connection, queue, delay);
    declare_queue(connection, dead_letter_queue_name(queue), amqp_empty_table);
    amqp_queue_bind(connection.state(), 1, to_bytes(queue), to_bytes(options.exchange), to_bytes(pattern),
                    amqp_empty_table);
    connection.expect_ok("binding queue '" + queue + "' to '" + options.exchange + "' with '" + pattern + "'");
}

} // namespace manage::infra::detail
