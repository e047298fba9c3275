#include "manage/infra/in_process_bus.hpp"

#include "bus_core.hpp"

namespace manage::infra {

InProcessBus::InProcessBus(InProcessBusOptions options) : core_(std::make_shared<detail::BusCore>(options)) {}

InProcessBus::~InProcessBus() {
    core_->shut_down();
}

void InProcessBus::publish(Message message) {
    core_->publish(std::move(message));
}

std::unique_ptr<Subscription> InProcessBus::subscribe(const std::string &queue, const std::string &pattern,
                                                      MessageHandler handler) {
    return core_->subscribe(queue, pattern, std::move(handler));
}

bool InProcessBus::ping() {
    return core_->running();
}

bool InProcessBus::wait_idle(std::chrono::milliseconds timeout) {
    return core_->wait_idle(timeout);
}

std::vector<DeadLetter> InProcessBus::dead_letters() const {
    return core_->dead_letters();
}

std::uint64_t InProcessBus::dead_lettered_count() const {
    return core_->dead_lettered_count();
}

} // namespace manage::infra
