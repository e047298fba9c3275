#pragma once
#include "bus_queue.hpp"
#include "manage/infra/in_process_bus.hpp"

#include <deque>
#include <map>
#include <mutex>

namespace manage::infra::detail {

// The state of an InProcessBus, shared with its consumer threads (which keep it alive until they end)
// and known weakly by its subscriptions (which may outlive it). One mutex guards everything; handlers
// run outside it.
class BusCore : public std::enable_shared_from_this<BusCore> {
public:
    explicit BusCore(InProcessBusOptions options);

    void publish(Message message);
    std::unique_ptr<Subscription> subscribe(const std::string &queue_name, const std::string &pattern,
                                            MessageHandler handler);
    // Stops the consumer and waits for its delivery in progress, unless called from that very delivery.
    void unsubscribe(const std::shared_ptr<BusQueue> &queue, const std::shared_ptr<Consumer> &consumer);
    // Stops every consumer and joins every thread but the caller's own.
    void shut_down();

    bool running() const;
    bool wait_idle(std::chrono::milliseconds timeout);
    std::vector<DeadLetter> dead_letters() const;
    std::uint64_t dead_lettered_count() const;

private:
    void consume(BusQueue &queue, Consumer &consumer);
    void wait_for_work(std::unique_lock<std::mutex> &lock, BusQueue &queue);
    void handle_failure(BusQueue &queue, Message message, std::string reason);
    void dead_letter(const BusQueue &queue, Message message, std::string reason);
    void drop_queue(BusQueue &queue);
    bool idle() const;

    const InProcessBusOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable idle_changed_;
    std::map<std::string, std::shared_ptr<BusQueue>> queues_;
    std::vector<std::thread> orphans_; // threads of consumers that unsubscribed from their own handler
    std::deque<DeadLetter> dead_letters_;
    std::uint64_t dead_lettered_ = 0;
    int in_flight_ = 0;
    bool shut_down_ = false;
};

} // namespace manage::infra::detail
