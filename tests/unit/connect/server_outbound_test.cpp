// Server-initiated calls (OcppServer::call): one outstanding per charger, FIFO behind it, each with
// its own timeout, matched by message id (OCPP-J 1.6 §4.1.1; OCPP 2.0.1 Part 4 §4.1.1).
#include "server_fixture.hpp"

namespace manage::connect {
namespace {

class OutboundTest : public ServerTest {};

const ocpp::Json kReset{{"type", "Soft"}};

ocpp::Call parse_call(const std::optional<std::string> &frame) {
    EXPECT_TRUE(frame) << "no CALL arrived";
    auto parsed = ocpp::parse_frame(frame.value_or("[]"), ocpp::Version::v16);
    if (auto *message = std::get_if<ocpp::Frame>(&parsed); message && std::holds_alternative<ocpp::Call>(*message)) {
        return std::get<ocpp::Call>(*message);
    }
    ADD_FAILURE() << "not a CALL: " << frame.value_or("");
    return {};
}

TEST_F(OutboundTest, ACallGetsTheChargersResult) {
    start();
    auto charger = connect("CP-1");
    charger->on_call([](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
        EXPECT_EQ(call.action, "Reset");
        EXPECT_EQ(call.payload, kReset);
        return ocpp::Json{{"status", "Accepted"}};
    });
    const auto response = call("CP-1", "Reset", kReset);
    EXPECT_FALSE(response.failure) << response.description;
    ASSERT_TRUE(response.payload);
    EXPECT_EQ(response.payload->at("status"), "Accepted");
}

TEST_F(OutboundTest, ACallErrorFromTheChargerIsReported) {
    start();
    auto charger = connect("CP-1");
    charger->on_call([](const ocpp::Call &) -> std::variant<ocpp::Json, ocpp::CallError> {
        return ocpp::CallError{"", "NotSupported", "no resets today", ocpp::Json::object()};
    });
    const auto response = call("CP-1", "Reset", kReset);
    EXPECT_EQ(response.failure, CallFailure::CallError);
    ASSERT_TRUE(response.call_error);
    EXPECT_EQ(response.call_error->error_code, "NotSupported");
    EXPECT_EQ(response.call_error->description, "no resets today");
    EXPECT_FALSE(response.payload);
}

TEST_F(OutboundTest, AResultBreakingTheSchemaIsAnInvalidResponse) {
    start();
    auto charger = connect("CP-1");
    charger->on_call([](const ocpp::Call &) -> std::variant<ocpp::Json, ocpp::CallError> {
        return ocpp::Json{{"status", "Maybe"}};
    });
    const auto response = call("CP-1", "Reset", kReset);
    EXPECT_EQ(response.failure, CallFailure::InvalidResponse);
    EXPECT_NE(response.description.find("/status"), std::string::npos) << response.description;
}

TEST_F(OutboundTest, AnOfflineChargerIsNotConnected) {
    start();
    const auto response = call("CP-NOBODY", "Reset", kReset);
    EXPECT_EQ(response.failure, CallFailure::NotConnected);
}

TEST_F(OutboundTest, OnlyOneCallIsOutstandingAtATime) {
    start();
    auto charger = connect("CP-1");
    auto first = call_async("CP-1", "Reset", kReset);
    auto second = call_async("CP-1", "Reset", ocpp::Json{{"type", "Hard"}});
    const auto sent_first = parse_call(charger->next_frame());
    EXPECT_EQ(sent_first.payload, kReset);
    // A round trip after both calls reached the connection: had the second CALL been sent without
    // waiting, it would have arrived before this answer.
    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(charger->call("Heartbeat", ocpp::Json::object())));
    EXPECT_EQ(charger->next_frame(0ms), std::nullopt);

    charger->send_text(ocpp::serialize(ocpp::CallResult{sent_first.message_id, {{"status", "Accepted"}}}));
    ASSERT_EQ(first.wait_for(10s), std::future_status::ready);
    EXPECT_FALSE(first.get().failure);
    const auto sent_second = parse_call(charger->next_frame());
    EXPECT_EQ(sent_second.payload.at("type"), "Hard");
    EXPECT_NE(sent_second.message_id, sent_first.message_id);
    charger->send_text(ocpp::serialize(ocpp::CallResult{sent_second.message_id, {{"status", "Rejected"}}}));
    ASSERT_EQ(second.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(second.get().payload.value_or(ocpp::Json{}).value("status", ""), "Rejected");
}

TEST_F(OutboundTest, AnAnswerWithAnUnknownIdIsDropped) {
    start();
    auto charger = connect("CP-1");
    auto pending = call_async("CP-1", "Reset", kReset);
    const auto sent = parse_call(charger->next_frame());
    charger->send_text(ocpp::serialize(ocpp::CallResult{"not-" + sent.message_id, {{"status", "Rejected"}}}));
    charger->send_text(ocpp::serialize(ocpp::CallResult{sent.message_id, {{"status", "Accepted"}}}));
    ASSERT_EQ(pending.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(pending.get().payload.value_or(ocpp::Json{}).value("status", ""), "Accepted");
    EXPECT_EQ(metric("manage_ocpp_frame_errors_total", {{"reason", "unmatched"}}), 1.0);
}

TEST_F(OutboundTest, ATimeoutLetsTheNextQueuedCallProceed) {
    OcppServerOptions options;
    options.call_timeout = 1s;
    start(options);
    auto charger = connect("CP-1");
    auto first = call_async("CP-1", "Reset", kReset);
    auto second = call_async("CP-1", "Reset", ocpp::Json{{"type", "Hard"}});
    parse_call(charger->next_frame()); // never answered

    ASSERT_EQ(first.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(first.get().failure, CallFailure::Timeout);
    const auto sent_second = parse_call(charger->next_frame());
    EXPECT_EQ(sent_second.payload.at("type"), "Hard");
    charger->send_text(ocpp::serialize(ocpp::CallResult{sent_second.message_id, {{"status", "Accepted"}}}));
    ASSERT_EQ(second.wait_for(10s), std::future_status::ready);
    EXPECT_FALSE(second.get().failure);
}

TEST_F(OutboundTest, ADisconnectFailsThePendingAndQueuedCalls) {
    start();
    auto charger = connect("CP-1");
    auto first = call_async("CP-1", "Reset", kReset);
    auto second = call_async("CP-1", "Reset", kReset);
    parse_call(charger->next_frame());
    charger->close();
    ASSERT_EQ(first.wait_for(10s), std::future_status::ready);
    ASSERT_EQ(second.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(first.get().failure, CallFailure::ConnectionLost);
    EXPECT_EQ(second.get().failure, CallFailure::ConnectionLost);
    EXPECT_EQ(call("CP-1", "Reset", kReset).failure, CallFailure::NotConnected);
}

TEST_F(OutboundTest, WorksWithTheLongestChargePointId) {
    // 48 characters: past std::string's small-buffer size, so that AddressSanitizer sees any copy gone wrong.
    const std::string id(48, 'L');
    start();
    auto charger = connect(id, {"ocpp2.0.1"});
    charger->on_call([](const ocpp::Call &) -> std::variant<ocpp::Json, ocpp::CallError> {
        return ocpp::Json{{"status", "Accepted"}};
    });
    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(charger->call("Heartbeat", ocpp::Json::object())));
    const auto response = call(id, "Reset", ocpp::Json{{"type", "Immediate"}});
    EXPECT_FALSE(response.failure) << response.description;
    EXPECT_EQ(server().connected_chargers(), std::vector<std::string>{id});
}

TEST_F(OutboundTest, CallsMayComeFromAnyThread) {
    start();
    auto charger = connect("CP-1");
    charger->on_call([](const ocpp::Call &) -> std::variant<ocpp::Json, ocpp::CallError> {
        return ocpp::Json{{"status", "Accepted"}};
    });
    asio::thread_pool elsewhere(2);
    std::vector<std::future<CallResponse>> responses;
    for (int i = 0; i < 8; ++i) {
        responses.push_back(asio::co_spawn(elsewhere, server().call("CP-1", "Reset", kReset), asio::use_future));
    }
    for (auto &response : responses) {
        ASSERT_EQ(response.wait_for(10s), std::future_status::ready);
        EXPECT_FALSE(response.get().failure);
    }
    elsewhere.join();
}

} // namespace
} // namespace manage::connect
