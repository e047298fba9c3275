#include "amqp_test_support.hpp"

#include "amqp_codec.hpp"
#include "amqp_connection.hpp"
#include "amqp_topology.hpp"
#include "manage/common/ids.hpp"

#include <cstdlib>
#include <stdexcept>

namespace manage::infra::testing {

using namespace std::chrono_literals;

std::vector<std::string> amqp_urls() {
    const char *url = std::getenv("MANAGE_TEST_AMQP_URL");
    if (url == nullptr || *url == '\0')
        return {};
    return {url};
}

std::string unique_name(const std::string &prefix) {
    return prefix + new_short_id();
}

AmqpBusOptions quick_options(const std::string &exchange, int max_attempts) {
    AmqpBusOptions options;
    options.exchange = exchange;
    options.max_attempts = max_attempts;
    options.first_retry_delay = 1ms;
    options.max_retry_delay = 4ms;
    options.first_reconnect_delay = 50ms;
    options.max_reconnect_delay = 500ms;
    return options;
}

std::unique_ptr<AmqpBus> open_or_throw(const std::string &url, const AmqpBusOptions &options) {
    auto bus = AmqpBus::open(url, options);
    if (!bus)
        throw std::runtime_error(bus.error().code + ": " + bus.error().message);
    return std::move(bus).value();
}

AmqpAdmin::AmqpAdmin(const std::string &url) {
    auto target = detail::parse_amqp_url(url);
    if (!target)
        throw std::runtime_error(target.error().message);
    connection_ =
        std::make_unique<detail::AmqpConnection>(target.value(), detail::ConnectionSettings{"manage test admin"});
}

AmqpAdmin::~AmqpAdmin() {
    connection_->close();
}

std::optional<TakenMessage> AmqpAdmin::take(const std::string &queue) {
    auto *state = connection_->state();
    amqp_maybe_release_buffers(state);
    const auto reply = amqp_basic_get(state, 1, detail::to_bytes(queue), 1);
    detail::AmqpConnection::expect_ok(reply, "basic.get from '" + queue + "'");
    if (reply.reply.id != AMQP_BASIC_GET_OK_METHOD)
        return std::nullopt;
    const auto *got = static_cast<const amqp_basic_get_ok_t *>(reply.reply.decoded);
    const auto routing_key = detail::to_string(got->routing_key);
    const bool redelivered = got->redelivered != 0;
    amqp_message_t raw{};
    detail::AmqpConnection::expect_ok(amqp_read_message(state, 1, &raw, 0), "reading a message");
    const auto &properties = raw.properties;
    TakenMessage taken;
    taken.message = detail::decode_message(raw, amqp_cstring_bytes(routing_key.c_str()), redelivered);
    taken.reason = detail::header_string(properties, detail::kReasonHeader);
    taken.queue = detail::header_string(properties, detail::kQueueHeader);
    taken.attempt = detail::header_integer(properties, detail::kAttemptHeader);
    if (properties._flags & AMQP_BASIC_CONTENT_TYPE_FLAG)
        taken.content_type = detail::to_string(properties.content_type);
    if (properties._flags & AMQP_BASIC_DELIVERY_MODE_FLAG)
        taken.delivery_mode = properties.delivery_mode;
    if (properties._flags & AMQP_BASIC_TIMESTAMP_FLAG)
        taken.timestamp = properties.timestamp;
    amqp_destroy_message(&raw);
    return taken;
}

std::vector<TakenMessage> AmqpAdmin::take_all(const std::string &queue) {
    std::vector<TakenMessage> messages;
    while (auto taken = take(queue))
        messages.push_back(std::move(*taken));
    return messages;
}

std::uint32_t AmqpAdmin::ready_count(const std::string &queue) {
    const auto *declared =
        amqp_queue_declare(connection_->state(), 1, detail::to_bytes(queue), 1, 0, 0, 0, amqp_empty_table);
    connection_->expect_ok("passive declare of '" + queue + "'");
    return declared->message_count;
}

void AmqpAdmin::declare_bound_queue(const std::string &queue, const std::string &exchange, const std::string &pattern) {
    amqp_queue_declare(connection_->state(), 1, detail::to_bytes(queue), 0, 1, 0, 0, amqp_empty_table);
    connection_->expect_ok("declaring '" + queue + "'");
    amqp_queue_bind(connection_->state(), 1, detail::to_bytes(queue), detail::to_bytes(exchange),
                    detail::to_bytes(pattern), amqp_empty_table);
    connection_->expect_ok("binding '" + queue + "'");
}

void AmqpAdmin::remove(const AmqpBusOptions &options, const std::vector<std::string> &queues) noexcept {
    auto *state = connection_->state();
    for (const auto &queue : queues)
        for (const auto &name : detail::queue_group(options, queue))
            amqp_queue_delete(state, 1, detail::to_bytes(name), 0, 0);
    amqp_exchange_delete(state, 1, detail::to_bytes(options.exchange), 0);
}

} // namespace manage::infra::testing
