#include "manage/infra/amqp_bus.hpp"

#include "amqp_core.hpp"
#include "amqp_topology.hpp"

#include <cassert>

namespace manage::infra {
namespace {

// `text` with every occurrence of `secret` replaced by ***.
std::string redact(std::string text, const std::string &secret) {
    if (secret.empty())
        return text;
    for (auto found = text.find(secret); found != std::string::npos; found = text.find(secret, found + 3))
        text.replace(found, secret.size(), "***");
    return text;
}

} // namespace

Result<std::unique_ptr<AmqpBus>> AmqpBus::open(const std::string &url, AmqpBusOptions options) {
    assert(options.max_attempts >= 1 && options.prefetch >= 1);
    assert(options.first_retry_delay.count() >= 0 && options.first_reconnect_delay.count() > 0);
    BOOST_OUTCOME_TRY(target, detail::parse_amqp_url(url));
    std::unique_ptr<detail::AmqpConnection> connection;
    try {
        connection = detail::connect_publisher(target, options);
    } catch (const detail::AmqpFailure &error) {
        return fail("bus_unavailable", "RabbitMQ at " + target.address() + " (" + target.display +
                                           ") is unavailable: " + redact(error.what(), target.password));
    }
    auto core = std::make_shared<detail::AmqpCore>(std::move(target), std::move(options), std::move(connection));
    return std::unique_ptr<AmqpBus>(new AmqpBus(std::move(core)));
}

AmqpBus::AmqpBus(std::shared_ptr<detail::AmqpCore> core) : core_(std::move(core)) {}

AmqpBus::~AmqpBus() {
    core_->shut_down();
}

void AmqpBus::publish(Message message) {
    core_->publish(std::move(message));
}

std::unique_ptr<Subscription> AmqpBus::subscribe(const std::string &queue, const std::string &pattern,
                                                 MessageHandler handler) {
    return core_->subscribe(queue, pattern, std::move(handler));
}

bool AmqpBus::ping() {
    return core_->ping();
}

bool AmqpBus::flush(Duration timeout) {
    return core_->flush(timeout);
}

std::uint64_t AmqpBus::dead_lettered_count() const {
    return core_->dead_lettered_count();
}

std::vector<std::string> AmqpBus::declared_queues(const std::string &queue) const {
    return detail::queue_group(core_->options(), queue);
}

} // namespace manage::infra
