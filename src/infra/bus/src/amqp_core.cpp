#include "amqp_core.hpp"

#include "manage/common/logging.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace manage::infra::detail {
namespace {

// Queue names are AMQP short strings (255 bytes) and get ".retry.<ms>" or ".dead" appended.
constexpr std::size_t kQueueNameMax = 200;
constexpr std::size_t kPatternMax = 255;

class AmqpSubscription final : public Subscription {
public:
    AmqpSubscription(std::weak_ptr<AmqpCore> core, std::shared_ptr<AmqpConsumer> consumer)
        : core_(std::move(core)), consumer_(std::move(consumer)) {}
    ~AmqpSubscription() override {
        if (auto core = core_.lock())
            core->unsubscribe(consumer_);
    }

private:
    std::weak_ptr<AmqpCore> core_;
    std::shared_ptr<AmqpConsumer> consumer_;
};

void check_names(const std::string &queue, const std::string &pattern) {
    if (queue.empty() || queue.size() > kQueueNameMax || queue.starts_with("amq."))
        throw std::invalid_argument("bus: queue name '" + queue +
                                    "' must have 1 to 200 bytes and must not start with 'amq.'");
    if (pattern.size() > kPatternMax)
        throw std::invalid_argument("bus: a binding pattern has at most 255 bytes");
}

void join_or_detach(std::thread &thread) {
    if (!thread.joinable())
        return;
    if (thread.get_id() == std::this_thread::get_id())
        thread.detach(); // it holds its consumer and ends once its handler returns
    else
        thread.join();
}

} // namespace

AmqpCore::AmqpCore(AmqpTarget target, AmqpBusOptions options, std::unique_ptr<AmqpConnection> publisher_connection)
    : context_(std::make_shared<AmqpContext>(std::move(target), std::move(options))),
      publisher_(context_->target, context_->options, std::move(publisher_connection)) {}

std::unique_ptr<Subscription> AmqpCore::subscribe(const std::string &queue, const std::string &pattern,
                                                  MessageHandler handler) {
    check_names(queue, pattern);
    assert(handler);
    {
        std::lock_guard lock(mutex_);
        if (shut_down_)
            return std::make_unique<Subscription>();
    }
    // What was published before this call is routed (or dropped) before the queue is bound, as on the
    // embedded bus.
    publisher_.flush(context_->options.connect_timeout);
    std::unique_ptr<AmqpConnection> connection;
    try {
        connection = connect_consumer(*context_, queue, pattern);
    } catch (const AmqpFailure &error) {
        logger("bus")->warn("bus: queue {}: cannot consume from {} yet: {}; retrying in the background", queue,
                            context_->target.display, error.what());
    }
    auto consumer = std::make_shared<AmqpConsumer>(context_, queue, pattern, std::move(handler), std::move(connection));
    std::lock_guard lock(mutex_);
    if (shut_down_)
        return std::make_unique<Subscription>();
    consumers_.push_back(consumer);
    consumer->thread = std::thread([consumer] { consumer->run(); });
    return std::make_unique<AmqpSubscription>(weak_from_this(), consumer);
}

void AmqpCore::unsubscribe(const std::shared_ptr<AmqpConsumer> &consumer) {
    std::thread thread;
    {
        std::lock_guard lock(mutex_);
        if (consumer->stop_requested())
            return; // the bus shut down first
        consumer->stop();
        consumers_.erase(std::remove(consumers_.begin(), consumers_.end(), consumer), consumers_.end());
        thread = std::move(consumer->thread);
        if (thread.get_id() == std::this_thread::get_id()) {
            orphans_.push_back(std::move(thread));
            return;
        }
    }
    thread.join();
}

void AmqpCore::shut_down() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        if (shut_down_)
            return;
        shut_down_ = true;
        for (const auto &consumer : consumers_) {
            consumer->stop();
            threads.push_back(std::move(consumer->thread));
        }
        consumers_.clear();
        std::move(orphans_.begin(), orphans_.end(), std::back_inserter(threads));
        orphans_.clear();
    }
    std::for_each(threads.begin(), threads.end(), join_or_detach);
    publisher_.flush(context_->options.close_timeout);
    publisher_.stop();
}

} // namespace manage::infra::detail
