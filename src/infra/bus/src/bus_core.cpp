#include "bus_core.hpp"

#include "delivery.hpp"

#include "manage/common/logging.hpp"

#include <algorithm>
#include <cassert>

namespace manage::infra::detail {
namespace {

std::shared_ptr<spdlog::logger> log() {
    return logger("bus");
}

class InProcessSubscription final : public Subscription {
public:
    InProcessSubscription(std::weak_ptr<BusCore> core, std::shared_ptr<BusQueue> queue,
                          std::shared_ptr<Consumer> consumer)
        : core_(std::move(core)), queue_(std::move(queue)), consumer_(std::move(consumer)) {}
    ~InProcessSubscription() override {
        if (auto core = core_.lock())
            core->unsubscribe(queue_, consumer_);
    }

private:
    std::weak_ptr<BusCore> core_;
    std::shared_ptr<BusQueue> queue_;
    std::shared_ptr<Consumer> consumer_;
};

void join_or_detach(std::thread &thread) {
    if (!thread.joinable())
        return;
    if (thread.get_id() == std::this_thread::get_id())
        thread.detach(); // it holds the core and ends when its handler returns
    else
        thread.join();
}

} // namespace

BusCore::BusCore(InProcessBusOptions options) : options_(options) {
    assert(options_.max_attempts >= 1);
}

void BusCore::publish(Message message) {
    std::lock_guard lock(mutex_);
    if (shut_down_)
        return;
    message.delivery_attempt = 1;
    for (auto &[name, queue] : queues_) {
        if (!queue->binds(message.topic))
            continue;
        queue->push(message);
        queue->wakeup().notify_all();
    }
}

std::unique_ptr<Subscription> BusCore::subscribe(const std::string &queue_name, const std::string &pattern,
                                                 MessageHandler handler) {
    assert(!queue_name.empty() && handler);
    std::lock_guard lock(mutex_);
    if (shut_down_)
        return std::make_unique<Subscription>();
    auto &queue = queues_[queue_name];
    if (!queue)
        queue = std::make_shared<BusQueue>(queue_name);
    auto consumer = std::make_shared<Consumer>(Consumer{pattern, std::move(handler)});
    queue->add(consumer);
    consumer->thread = std::thread([core = shared_from_this(), queue, consumer] { core->consume(*queue, *consumer); });
    return std::make_unique<InProcessSubscription>(weak_from_this(), queue, consumer);
}

void BusCore::unsubscribe(const std::shared_ptr<BusQueue> &queue, const std::shared_ptr<Consumer> &consumer) {
    std::thread thread;
    {
        std::lock_guard lock(mutex_);
        if (consumer->stopping)
            return; // the bus shut down first
        consumer->stopping = true;
        queue->remove(consumer);
        queue->wakeup().notify_all();
        if (queue->consumers().empty())
            drop_queue(*queue);
        thread = std::move(consumer->thread);
        if (thread.get_id() == std::this_thread::get_id()) {
            orphans_.push_back(std::move(thread));
            return;
        }
    }
    thread.join();
    idle_changed_.notify_all();
}

void BusCore::drop_queue(BusQueue &queue) {
    if (queue.held() > 0)
        log()->info("queue {} removed with its last subscription; {} message(s) dropped", queue.name(), queue.held());
    queue.detach();
    queues_.erase(queue.name());
}

void BusCore::shut_down() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        if (shut_down_)
            return;
        shut_down_ = true;
        for (auto &[name, queue] : queues_) {
            for (const auto &consumer : queue->consumers()) {
                consumer->stopping = true;
                threads.push_back(std::move(consumer->thread));
            }
            queue->detach();
            queue->wakeup().notify_all();
        }
        queues_.clear();
        std::move(orphans_.begin(), orphans_.end(), std::back_inserter(threads));
        orphans_.clear();
    }
    std::for_each(threads.begin(), threads.end(), join_or_detach);
    idle_changed_.notify_all();
}

void BusCore::consume(BusQueue &queue, Consumer &consumer) {
    std::unique_lock lock(mutex_);
    while (!consumer.stopping) {
        auto message = queue.take_due(std::chrono::steady_clock::now());
        if (!message) {
            wait_for_work(lock, queue);
            continue;
        }
        ++in_flight_;
        lock.unlock();
        auto failure = run_handler(consumer.handler, *message);
        lock.lock();
        --in_flight_;
        if (failure)
            handle_failure(queue, std::move(*message), std::move(*failure));
        idle_changed_.notify_all();
    }
}

void BusCore::wait_for_work(std::unique_lock<std::mutex> &lock, BusQueue &queue) {
    if (const auto due = queue.next_retry())
        queue.wakeup().wait_until(lock, *due);
    else
        queue.wakeup().wait(lock);
}

void BusCore::handle_failure(BusQueue &queue, Message message, std::string reason) {
    if (queue.detached())
        return; // its last subscription went while the handler ran
    if (message.delivery_attempt >= options_.max_attempts) {
        dead_letter(queue, std::move(message), std::move(reason));
        return;
    }
    const auto delay = retry_delay(options_.first_retry_delay, options_.max_retry_delay, message.delivery_attempt);
    log()->debug("queue {}: message {} ({}) attempt {} failed ({}); retry in {} ms", queue.name(), message.id,
                 message.topic, message.delivery_attempt, reason, delay.count());
    ++message.delivery_attempt;
    queue.retry_at(std::chrono::steady_clock::now() + delay, std::move(message));
    queue.wakeup().notify_all();
}

void BusCore::dead_letter(const BusQueue &queue, Message message, std::string reason) {
    log()->warn("queue {}: message {} ({}) dead-lettered after {} attempt(s): {}", queue.name(), message.id,
                message.topic, message.delivery_attempt, reason);
    ++dead_lettered_;
    dead_letters_.push_back(DeadLetter{queue.name(), std::move(message), std::move(reason)});
    while (dead_letters_.size() > options_.dead_letters_kept)
        dead_letters_.pop_front();
}

bool BusCore::running() const {
    std::lock_guard lock(mutex_);
    return !shut_down_;
}

bool BusCore::idle() const {
    return in_flight_ == 0 &&
           std::all_of(queues_.begin(), queues_.end(), [](const auto &entry) { return entry.second->held() == 0; });
}

bool BusCore::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_changed_.wait_for(lock, timeout, [this] { return idle(); });
}

std::vector<DeadLetter> BusCore::dead_letters() const {
    std::lock_guard lock(mutex_);
    return {dead_letters_.begin(), dead_letters_.end()};
}

std::uint64_t BusCore::dead_lettered_count() const {
    std::lock_guard lock(mutex_);
    return dead_lettered_;
}

} // namespace manage::infra::detail
