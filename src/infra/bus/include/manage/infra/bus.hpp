#pragma once
#include "manage/common/clock.hpp"

#include <functional>
#include <memory>
#include <string>

namespace manage::infra {

// An event or command between services. `topic` is a dot-separated routing key such as
// "charger.CP-1.status"; `payload` is JSON text; `id` makes consumers idempotent.
struct Message {
    std::string id;
    std::string topic;
    std::string payload;
    TimePoint time{};
    int delivery_attempt = 1; // set by the bus: 2 and more on redelivery
};

// true: done (acknowledged). false or an exception: deliver the message again later.
using MessageHandler = std::function<bool(const Message &)>;

// Stops delivery to its handler when destroyed; deliveries in progress finish first.
class Subscription {
public:
    virtual ~Subscription() = default;
};

// Topic publish/subscribe with at-least-once delivery to each queue. A pattern matches topics word by
// word: "*" matches exactly one word, "#" zero or more ("charger.*.status", "charger.#").
// Subscriptions naming the same queue share its messages (competing consumers); each queue gets
// every matching message. Embedded: InProcessBus. Production: RabbitMQ.
class Bus {
public:
    virtual ~Bus() = default;
    virtual void publish(Message message) = 0;
    virtual std::unique_ptr<Subscription> subscribe(const std::string &queue, const std::string &pattern,
                                                    MessageHandler handler) = 0;
    virtual bool ping() = 0;
    // True once every message published before the call is safely with the broker (publisher
    // confirms); false on timeout. The in-process bus holds what it is given: always true.
    virtual bool flush(Duration timeout) {
        (void)timeout;
        return true;
    }
};

// True when `topic` matches `pattern` under the rules above.
bool topic_matches(const std::string &pattern, const std::string &topic);

} // namespace manage::infra
