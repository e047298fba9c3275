// Server-initiated calls: one outstanding per charger (OCPP-J 1.6 §4.1.1, OCPP 2.0.1 Part 4 §4.1.1),
// FIFO behind it, each with its own timeout.
#include "call_queue.hpp"

#include <gtest/gtest.h>

namespace manage::connect {
namespace {

using namespace std::chrono_literals;

struct Recorder {
    std::vector<std::string> sent;
    std::vector<std::pair<std::string, CallResponse>> done;

    CallQueue::Send send() {
        return [this](const ocpp::Call &call) { sent.push_back(call.message_id); };
    }
    CallCompletion completion(std::string id) {
        return [this, id](CallResponse response) { done.emplace_back(id, std::move(response)); };
    }
};

CallResponse success() {
    CallResponse response;
    response.payload = ocpp::Json{{"status", "Accepted"}};
    return response;
}

TEST(CallQueue, SendsOneCallAtATimeInOrder) {
    asio::io_context io;
    Recorder recorder;
    auto queue = CallQueue::create(io.get_executor(), 30s, recorder.send());
    queue->push(ocpp::Call{"1", "Reset", {}}, recorder.completion("1"));
    queue->push(ocpp::Call{"2", "Reset", {}}, recorder.completion("2"));
    queue->push(ocpp::Call{"3", "Reset", {}}, recorder.completion("3"));
    EXPECT_EQ(recorder.sent, (std::vector<std::string>{"1"}));
    EXPECT_EQ(queue->waiting(), 2u);
    ASSERT_NE(queue->outstanding("1"), nullptr);
    EXPECT_EQ(queue->outstanding("2"), nullptr);

    queue->complete(success());
    EXPECT_EQ(recorder.sent, (std::vector<std::string>{"1", "2"}));
    ASSERT_EQ(recorder.done.size(), 1u);
    EXPECT_EQ(recorder.done[0].first, "1");
    EXPECT_TRUE(recorder.done[0].second.payload);

    queue->complete(success());
    queue->complete(success());
    EXPECT_EQ(recorder.sent, (std::vector<std::string>{"1", "2", "3"}));
    EXPECT_EQ(recorder.done.size(), 3u);
    EXPECT_EQ(queue->outstanding("3"), nullptr);
}

TEST(CallQueue, ATimeoutLetsTheNextCallGo) {
    asio::io_context io;
    Recorder recorder;
    auto queue = CallQueue::create(io.get_executor(), 10ms, recorder.send());
    queue->push(ocpp::Call{"1", "Reset", {}}, recorder.completion("1"));
    queue->push(ocpp::Call{"2", "Reset", {}}, recorder.completion("2"));
    while (recorder.done.size() < 1 && io.run_one_for(5s) > 0) {
    }
    ASSERT_EQ(recorder.done.size(), 1u);
    EXPECT_EQ(recorder.done[0].second.failure, CallFailure::Timeout);
    EXPECT_EQ(recorder.sent, (std::vector<std::string>{"1", "2"}));
    ASSERT_NE(queue->outstanding("2"), nullptr);
    queue->complete(success());
    EXPECT_TRUE(recorder.done[1].second.payload);
}

TEST(CallQueue, ALateAnswerAfterATimeoutMatchesNothing) {
    asio::io_context io;
    Recorder recorder;
    auto queue = CallQueue::create(io.get_executor(), 10ms, recorder.send());
    queue->push(ocpp::Call{"1", "Reset", {}}, recorder.completion("1"));
    while (recorder.done.empty() && io.run_one_for(5s) > 0) {
    }
    EXPECT_EQ(queue->outstanding("1"), nullptr);
}

TEST(CallQueue, CloseFailsTheOutstandingTheQueuedAndLaterCalls) {
    asio::io_context io;
    Recorder recorder;
    auto queue = CallQueue::create(io.get_executor(), 30s, recorder.send());
    queue->push(ocpp::Call{"1", "Reset", {}}, recorder.completion("1"));
    queue->push(ocpp::Call{"2", "Reset", {}}, recorder.completion("2"));
    queue->close(CallFailure::ConnectionLost, "gone");
    queue->push(ocpp::Call{"3", "Reset", {}}, recorder.completion("3"));
    ASSERT_EQ(recorder.done.size(), 3u);
    for (const auto &[id, response] : recorder.done) {
        EXPECT_EQ(response.failure, CallFailure::ConnectionLost) << id;
        EXPECT_EQ(response.description, "gone");
    }
    EXPECT_EQ(recorder.sent, (std::vector<std::string>{"1"}));
    io.poll(); // the cancelled timer completes without effect
    EXPECT_EQ(recorder.done.size(), 3u);
}

} // namespace
} // namespace manage::connect
