#include <gtest/gtest.h>

#include "websocket_wire.hpp"

namespace manage::bench {
namespace {

std::string masked_text(std::string_view payload) {
    const std::string mask = "\x37\xfa\x21\x3d";
    std::string frame = "\x81";
    frame += static_cast<char>(0x80 | payload.size());
    frame += mask;
    for (std::size_t i = 0; i < payload.size(); ++i)
        frame += static_cast<char>(payload[i] ^ mask[i % 4]);
    return frame;
}

TEST(WebSocketWire, AcceptKeyIsTheOneRfc6455Gives) {
    const auto response = upgrade_response(
        "GET /ocpp/CP1 HTTP/1.1\r\nHost: x\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", "ocpp1.6");
    ASSERT_TRUE(response);
    EXPECT_NE(response->find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), std::string::npos);
    EXPECT_NE(response->find("Sec-WebSocket-Protocol: ocpp1.6\r\n"), std::string::npos);
}

TEST(WebSocketWire, IncompleteUpgradeWaitsAndKeylessOneIsRefused) {
    EXPECT_FALSE(upgrade_response("GET / HTTP/1.1\r\nSec-WebSocket-Key: abc\r\n", "ocpp1.6"));
    EXPECT_THROW(upgrade_response("GET / HTTP/1.1\r\n\r\n", "ocpp1.6"), std::runtime_error);
}

TEST(WebSocketWire, UnmasksAFrameAndWaitsForAPartialOne) {
    const std::string frame = masked_text("Hello"); // the RFC's masked "Hello" example, other mask
    EXPECT_FALSE(next_frame(std::string_view(frame).substr(0, 5)));
    const auto parsed = next_frame(frame + "trailing");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->opcode, 1);
    EXPECT_EQ(parsed->payload, "Hello");
    EXPECT_EQ(parsed->consumed, frame.size());
}

TEST(WebSocketWire, ServerFramesCarryTheirLength) {
    EXPECT_EQ(text_frame("Hello"), std::string("\x81\x05Hello"));
    const std::string long_frame = text_frame(std::string(300, 'x'));
    EXPECT_EQ(long_frame.substr(0, 4), std::string("\x81\x7e\x01\x2c", 4));
    EXPECT_EQ(long_frame.size(), 304U);
}

TEST(WebSocketWire, AnswersEachCallWithItsIdAndTheResponseShape) {
    EXPECT_EQ(fixed_call_result(R"([2,"17","Heartbeat",{}])"), R"([3,"17",{"currentTime":"2026-01-01T00:00:00Z"}])");
    EXPECT_EQ(fixed_call_result(R"([2,"a","MeterValues",{"connectorId":1}])"), R"([3,"a",{}])");
    EXPECT_NE(fixed_call_result(R"([2,"b","BootNotification",{}])").find(R"("status":"Accepted")"), std::string::npos);
    EXPECT_THROW(fixed_call_result("[2,"), std::runtime_error);
}

} // namespace
} // namespace manage::bench
