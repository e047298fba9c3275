// One event-stream client: the snapshot first, then changes after it, a heartbeat when idle, and a
// client too far behind dropped rather than holding anyone up.
#include "live/live_stream.hpp"

#include "manage/infra/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace manage::core {
namespace {

using namespace std::chrono_literals;

class LiveStreamTest : public ::testing::Test {
protected:
    // The pieces next() yields until it ends or `count` came, reading on an io_context of its own.
    std::vector<std::string> read(const std::shared_ptr<LiveStream> &stream, std::size_t count) {
        std::vector<std::string> pieces;
        asio::io_context io;
        auto reader = [&]() -> asio::awaitable<void> {
            while (pieces.size() < count) {
                auto piece = co_await stream->next();
                if (!piece)
                    co_return;
                pieces.push_back(std::move(*piece));
            }
        };
        asio::co_spawn(io, reader(), asio::detached);
        io.run();
        return pieces;
    }

    infra::Metrics metrics;
    std::shared_ptr<LiveStreams> streams = std::make_shared<LiveStreams>(metrics, 10min, 4);
};

TEST_F(LiveStreamTest, TheSnapshotComesFirstAndChangesItHoldsAreNotRepeated) {
    auto stream = streams->open("org-a");
    streams->push("org-a", 3, "three");
    streams->push("org-a", 5, "five");
    stream->begin("snapshot", 4);
    streams->push("org-a", 6, "six");
    streams->push("org-b", 7, "another organisation's");
    EXPECT_EQ(read(stream, 3), (std::vector<std::string>{"snapshot", "five", "six"}));
}

TEST_F(LiveStreamTest, AChangePushedFromAnotherThreadWakesTheWaitingReader) {
    auto stream = streams->open("org-a");
    stream->begin("snapshot", 0);
    std::thread pusher([&] {
        std::this_thread::sleep_for(20ms); // lets the reader wait first; the result holds either way
        streams->push("org-a", 1, "one");
    });
    EXPECT_EQ(read(stream, 2), (std::vector<std::string>{"snapshot", "one"}));
    pusher.join();
}

TEST_F(LiveStreamTest, AClientTooFarBehindIsDropped) {
    auto stream = streams->open("org-a");
    stream->begin("snapshot", 0);
    for (int i = 1; i <= 5; ++i)
        streams->push("org-a", i, "change");
    EXPECT_TRUE(stream->closed());
    EXPECT_TRUE(read(stream, 10).empty()) << "the stream ends; the client reconnects to a fresh snapshot";
}

TEST_F(LiveStreamTest, AnIdleStreamSendsAHeartbeatComment) {
    auto quick = std::make_shared<LiveStreams>(metrics, 5ms, 4);
    auto stream = quick->open("org-a");
    stream->begin("snapshot", 0);
    EXPECT_EQ(read(stream, 2), (std::vector<std::string>{"snapshot", ": heartbeat\n\n"}));
}

TEST_F(LiveStreamTest, ClosingEndsAWaitingReaderAndTheGaugeCountsOpenClients) {
    auto stream = streams->open("org-a");
    auto other = streams->open("org-b");
    EXPECT_EQ(metrics.value("manage_stream_clients"), 2);
    stream->begin("snapshot", 0);
    std::thread closer([&] {
        std::this_thread::sleep_for(20ms);
        stream->close();
    });
    EXPECT_EQ(read(stream, 5), (std::vector<std::string>{"snapshot"}));
    closer.join();
    EXPECT_EQ(metrics.value("manage_stream_clients"), 1);
    other->close();
    other->close();
    EXPECT_EQ(metrics.value("manage_stream_clients"), 0);
}

TEST(SseEvent, IsOneEventWithItsIdNameAndData) {
    EXPECT_EQ(sse_event("connector", 12, R"({"powerW":7200})"),
              "id: 12\nevent: connector\ndata: {\"powerW\":7200}\n\n");
}

} // namespace
} // namespace manage::core
