#pragma once
// The exchange and queues an AmqpBus declares (docs/ports.md, "AmqpBus"): one durable topic exchange;
// per consumer group a durable queue, a retry queue per retry delay and a dead-letter queue.
#include "amqp_connection.hpp"
#include "manage/infra/amqp_bus.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace manage::infra::detail {

// The wait after failed attempt `failed_attempt` (1: the first delivery).
std::chrono::milliseconds retry_delay(const AmqpBusOptions &options, int failed_attempt);
// "<queue>.retry.<delay in ms>": messages wait there for `delay`, then go back to `queue`.
std::string retry_queue_name(const std::string &queue, std::chrono::milliseconds delay);
std::string dead_letter_queue_name(const std::string &queue);
// The queue, its retry queues (one per distinct delay) and its dead-letter queue.
std::vector<std::string> queue_group(const AmqpBusOptions &options, const std::string &queue);

void declare_exchange(AmqpConnection &connection, const std::string &exchange);
// Declares the queue group of `queue` and binds `queue` to the exchange with `pattern`.
void declare_queue_group(AmqpConnection &connection, const AmqpBusOptions &options, const std::string &queue,
                         const std::string &pattern);

} // namespace manage::infra::detail
