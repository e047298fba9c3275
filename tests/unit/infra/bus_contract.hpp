#pragma once
// The Bus port's contract: every adapter passes these tests. An adapter's test file instantiates
// them with a harness factory:
//   INSTANTIATE_TEST_SUITE_P(InProcess, BusContract, ::testing::Values(BusAdapter{"InProcess", make}),
//                            bus_adapter_name);
// Tests wait for conditions (with a generous deadline), never for a fixed time.
#include "manage/infra/bus.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

namespace manage::infra::testing {

using namespace std::chrono_literals;

// How long a test waits for something that should happen promptly before it fails.
inline constexpr std::chrono::milliseconds kPatience = 10s;

// One adapter under test. Each test names its queues and topics with a prefix of its own, so a real
// broker shared between tests needs no cleaning.
class BusHarness {
public:
    virtual ~BusHarness() = default;
    virtual Bus &bus() = 0;
    // The bus under test gives a message up after this many failed deliveries; its harness makes
    // retries quick.
    virtual int max_attempts() const = 0;
    // Waits until everything published so far has been delivered, acknowledged or dead-lettered;
    // false on timeout.
    virtual bool settle(std::chrono::milliseconds timeout) = 0;
    // The messages given up so far, oldest first.
    virtual std::vector<Message> dead_letters() = 0;
};

struct BusAdapter {
    std::string name;
    std::function<std::unique_ptr<BusHarness>()> make;
};

// Names the adapter in test output instead of dumping its bytes.
inline void PrintTo(const BusAdapter &adapter, std::ostream *out) {
    *out << adapter.name;
}

inline std::string bus_adapter_name(const ::testing::TestParamInfo<BusAdapter> &info) {
    return info.param.name;
}

// What handlers received, recorded from the bus's threads; tests wait on it.
class Inbox {
public:
    struct Delivery {
        std::string consumer;
        Message message;
    };

    // A handler that records each delivery under `consumer` and acknowledges it.
    MessageHandler handler(const std::string &consumer = "");
    void record(const std::string &consumer, const Message &message);
    // Waits until `done` holds for the deliveries so far (checked under the inbox's lock).
    bool wait_until(const std::function<bool(const std::vector<Delivery> &)> &done,
                    std::chrono::milliseconds timeout = kPatience);
    bool wait_for_count(std::size_t count, std::chrono::milliseconds timeout = kPatience);
    std::vector<Delivery> deliveries() const;
    std::vector<std::string> payloads() const;
    std::size_t count_from(const std::string &consumer) const;

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Delivery> deliveries_;
};

class BusContract : public ::testing::TestWithParam<BusAdapter> {
protected:
    void SetUp() override;
    void TearDown() override { harness_.reset(); }

    Bus &bus() { return harness_->bus(); }
    BusHarness &harness() { return *harness_; }
    // Names unique to this test: "<prefix>.suffix" for topics and patterns, "<prefix>-name" for queues.
    std::string topic(const std::string &suffix) const { return prefix_ + "." + suffix; }
    std::string queue(const std::string &name) const { return prefix_ + "-" + name; }
    Message message(const std::string &topic_suffix, const std::string &payload = "{}");
    // Publishes `message(topic_suffix, payload)` and returns its id.
    std::string publish(const std::string &topic_suffix, const std::string &payload = "{}");

private:
    std::unique_ptr<BusHarness> harness_;
    std::string prefix_;
};

} // namespace manage::infra::testing
