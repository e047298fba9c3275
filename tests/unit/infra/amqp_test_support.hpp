#pragma once
// What the RabbitMQ tests share: the broker named by MANAGE_TEST_AMQP_URL (the suites have no instance
// without it), bus options with quick retries on an exchange of the test's own, and an admin connection
// that reads and deletes what a test declared. The admin speaks AMQP through the adapter's private
// connection class and the documented wire format (docs/ports.md, "AmqpBus").
#include "manage/infra/amqp_bus.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace manage::infra::detail {
class AmqpConnection;
}

namespace manage::infra::testing {

// MANAGE_TEST_AMQP_URL as the one parameter of a suite, or none when it is unset.
std::vector<std::string> amqp_urls();
// `prefix` followed by a random token: exchange and queue names no other test uses.
std::string unique_name(const std::string &prefix);

// Quick retries and reconnections on `exchange`.
AmqpBusOptions quick_options(const std::string &exchange, int max_attempts = 4);
std::unique_ptr<AmqpBus> open_or_throw(const std::string &url, const AmqpBusOptions &options);

// A message taken from a queue, with what the adapter wrote around it.
struct TakenMessage {
    Message message;
    std::optional<std::string> reason;   // x-manage-reason
    std::optional<std::string> queue;    // x-manage-queue
    std::optional<std::int64_t> attempt; // x-manage-attempt
    std::optional<std::string> content_type;
    std::optional<std::uint8_t> delivery_mode;
    std::optional<std::uint64_t> timestamp; // seconds
};

class AmqpAdmin {
public:
    explicit AmqpAdmin(const std::string &url);
    ~AmqpAdmin();
    AmqpAdmin(const AmqpAdmin &) = delete;
    AmqpAdmin &operator=(const AmqpAdmin &) = delete;

    // The oldest message of `queue`, removed from it; nullopt when the queue is empty.
    std::optional<TakenMessage> take(const std::string &queue);
    std::vector<TakenMessage> take_all(const std::string &queue);
    // Messages ready in `queue` (not those delivered and unacknowledged).
    std::uint32_t ready_count(const std::string &queue);
    void declare_bound_queue(const std::string &queue, const std::string &exchange, const std::string &pattern);
    // Deletes the queues a bus with `options` declares for each of `queues`, then its exchange. Never throws.
    void remove(const AmqpBusOptions &options, const std::vector<std::string> &queues) noexcept;

private:
    std::unique_ptr<detail::AmqpConnection> connection_;
};

} // namespace manage::infra::testing
