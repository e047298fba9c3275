#pragma once
#include <chrono>

namespace manage::infra::detail {

// An eventfd that one thread signals to wake another from poll(): the AMQP threads wait on their
// socket and on this at once, so publishing or stopping needs no polling interval.
class Wakeup {
public:
    Wakeup();
    ~Wakeup();
    Wakeup(const Wakeup &) = delete;
    Wakeup &operator=(const Wakeup &) = delete;

    int fd() const { return fd_; }
    void notify();
    // Clears pending notifications.
    void drain();
    // Waits for a notification (and clears it); false on timeout.
    bool wait(std::chrono::milliseconds timeout);

private:
    int fd_;
};

} // namespace manage::infra::detail
