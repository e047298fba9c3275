// Commands between nodes: the registry's values, the messages' round trip, and what the core does
// after an attempt that found no answer.
#include "command_route.hpp"

#include <gtest/gtest.h>

namespace manage::platform::route {
namespace {

TEST(CommandRoute, KeysAndQueuesAreNamedAfterTheChargerOrTheNode) {
    EXPECT_EQ(node_key("CP-1"), "charger-node:CP-1");
    EXPECT_EQ(epoch_key("CP-1"), "charger-epoch:CP-1");
    EXPECT_EQ(command_topic("connect-a"), "commands.node.connect-a");
    EXPECT_EQ(command_queue("connect-a"), "connect.commands.connect-a");
    EXPECT_EQ(reply_topic("core-1"), "commands.reply.core-1");
    EXPECT_EQ(reply_queue("core-1"), "core.replies.core-1");
}

TEST(CommandRoute, AClaimRoundTripsThroughItsText) {
    const Claim claim{"connect-a.depot", 42};
    EXPECT_EQ(format_claim(claim), "connect-a.depot|42");
    EXPECT_EQ(parse_claim("connect-a.depot|42"), claim);
}

TEST(CommandRoute, AMalformedClaimIsNone) {
    for (const auto *text :
         {"", "|3", "node", "node|", "node|0", "node|-1", "node|x", "node|3x", "node|99999999999999999999"})
        EXPECT_EQ(parse_claim(text), std::nullopt) << text;
}

TEST(CommandRoute, ACommandRoundTripsThroughItsMessage) {
    RoutedCommand command{"r-1",
                          "CP/1",
                          7,
                          "Reset",
                          {{"type", "Soft"}},
                          "commands.reply.core",
                          TimePoint(std::chrono::milliseconds(1'790'000'000'123))};
    const auto decoded = decode_command(encode_command(command));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->request_id, "r-1");
    EXPECT_EQ(decoded->charger_id, "CP/1");
    EXPECT_EQ(decoded->epoch, 7);
    EXPECT_EQ(decoded->action, "Reset");
    EXPECT_EQ(decoded->payload, command.payload);
    EXPECT_EQ(decoded->reply_topic, "commands.reply.core");
    EXPECT_EQ(decoded->expires_at, command.expires_at);
    EXPECT_EQ(decode_command("{}"), std::nullopt);
    EXPECT_EQ(decode_command("not json"), std::nullopt);
}

TEST(CommandRoute, RepliesRoundTripWithEveryField) {
    RoutedReply answered{"r-1", false, {}};
    answered.result.response = nlohmann::json{{"status", "Accepted"}};
    auto decoded = decode_reply(encode_reply(answered));
    ASSERT_TRUE(decoded);
    EXPECT_FALSE(decoded->not_here);
    EXPECT_EQ(decoded->result.response, answered.result.response);
    EXPECT_FALSE(decoded->result.failure);

    RoutedReply failed{"r-2", false, {}};
    failed.result.failure = core::CommandFailure::CallError;
    failed.result.error_code = "NotSupported";
    failed.result.error_description = "no";
    failed.result.description = "the charger refused";
    decoded = decode_reply(encode_reply(failed));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->result.failure, core::CommandFailure::CallError);
    EXPECT_EQ(decoded->result.error_code, "NotSupported");
    EXPECT_EQ(decoded->result.error_description, "no");
    EXPECT_EQ(decoded->result.description, "the charger refused");

    decoded = decode_reply(encode_reply(RoutedReply{"r-3", true, {}}));
    ASSERT_TRUE(decoded);
    EXPECT_TRUE(decoded->not_here);
    EXPECT_EQ(decode_reply(R"({"requestId":"r","failure":"Bogus"})"), std::nullopt);
    EXPECT_EQ(decode_reply(R"({"requestId":"r"})"), std::nullopt) << "neither a response nor a failure";
}

TEST(CommandRoute, AChargerThatReconnectedElsewhereIsFollowed) {
    const auto next = after_miss(Miss{false, {"a", 1}, Claim{"b", 2}, 1}, 3, "CP-1");
    EXPECT_EQ(next.resend_to, (Claim{"b", 2}));
    // The same node with a newer epoch (the charger reconnected to it) is followed as well.
    EXPECT_EQ(after_miss(Miss{true, {"a", 1}, Claim{"a", 2}, 1}, 3, "CP-1").resend_to, (Claim{"a", 2}));
}

TEST(CommandRoute, AttemptsAreBounded) {
    const auto next = after_miss(Miss{false, {"b", 2}, Claim{"c", 3}, 3}, 3, "CP-1");
    EXPECT_FALSE(next.resend_to);
    EXPECT_EQ(next.failure.failure, core::CommandFailure::NotConnected);
    EXPECT_NE(next.failure.description.find("moved between nodes"), std::string::npos);
}

TEST(CommandRoute, NotHereWithTheSameClaimOrNoneIsNotConnected) {
    auto next = after_miss(Miss{false, {"a", 1}, Claim{"a", 1}, 1}, 3, "CP-1");
    EXPECT_FALSE(next.resend_to);
    EXPECT_EQ(next.failure.failure, core::CommandFailure::NotConnected);
    EXPECT_NE(next.failure.description.find("node a no longer holds"), std::string::npos);
    next = after_miss(Miss{false, {"a", 1}, std::nullopt, 1}, 3, "CP-1");
    EXPECT_EQ(next.failure.failure, core::CommandFailure::NotConnected);
    EXPECT_EQ(next.failure.description, "charger CP-1 is not connected");
}

TEST(CommandRoute, NoAnswerFromTheStillOwningNodeIsATimeout) {
    const auto next = after_miss(Miss{true, {"a", 1}, Claim{"a", 1}, 1}, 3, "CP-1");
    EXPECT_FALSE(next.resend_to);
    EXPECT_EQ(next.failure.failure, core::CommandFailure::Timeout);
    EXPECT_NE(next.failure.description.find("no answer from node a"), std::string::npos);
}

} // namespace
} // namespace manage::platform::route
