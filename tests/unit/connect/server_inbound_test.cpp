// CALLs from the charger (OCPP-J 1.6 §4; OCPP 2.0.1 Part 4 §4): framing errors, unknown actions,
// schema violations, dispatch, and what a misbehaving charger or handler cannot break.
#include "server_fixture.hpp"

#include "manage/ocpp/validation.hpp"

namespace manage::connect {
namespace {

class InboundTest : public ServerTest {};

const ocpp::CallResult &result_of(const testing::CallAnswer &answer) {
    if (const auto *error = std::get_if<ocpp::CallError>(&answer)) {
        ADD_FAILURE() << "CALLERROR " << error->error_code << ": " << error->description;
    }
    return std::get<ocpp::CallResult>(answer);
}

ocpp::CallError error_of(const testing::CallAnswer &answer) {
    if (const auto *error = std::get_if<ocpp::CallError>(&answer)) {
        return *error;
    }
    ADD_FAILURE() << "expected a CALLERROR, got " << std::get<ocpp::CallResult>(answer).payload.dump();
    return {};
}

TEST_F(InboundTest, AValidCallIsDispatchedAndAnswered) {
    start();
    auto charger = connect("CP-1", {"ocpp1.6"});
    const auto answer = charger->call("BootNotification", boot_request(ocpp::Version::v16));
    EXPECT_EQ(result_of(answer).payload.at("status"), "Accepted");
    const auto calls = dispatcher_.calls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].action, "BootNotification");
    EXPECT_EQ(calls[0].payload, boot_request(ocpp::Version::v16));
}

TEST_F(InboundTest, AValidCallIsDispatchedAndAnsweredIn201) {
    start();
    auto charger = connect("CP-1", {"ocpp2.0.1"});
    EXPECT_EQ(result_of(charger->call("BootNotification", boot_request(ocpp::Version::v201))).payload.at("status"),
              "Accepted");
    EXPECT_TRUE(result_of(charger->call("Heartbeat", ocpp::Json::object())).payload.contains("currentTime"));
}

TEST_F(InboundTest, AnUnknownActionIsNotImplemented) {
    start();
    auto charger = connect("CP-1");
    EXPECT_EQ(error_of(charger->call("BrewCoffee", ocpp::Json::object())).error_code, "NotImplemented");
    // 2.0.1 actions are unknown to a 1.6 charger.
    EXPECT_EQ(error_of(charger->call("TransactionEvent", ocpp::Json::object())).error_code, "NotImplemented");
    EXPECT_TRUE(dispatcher_.calls().empty());
    EXPECT_EQ(metric("manage_ocpp_frame_errors_total", {{"reason", "unknown_action"}}), 2.0);
}

TEST_F(InboundTest, ASchemaViolationIsAnsweredInThe16Spelling) {
    start();
    auto charger = connect("CP-1", {"ocpp1.6"});
    const ocpp::Json missing_model{{"chargePointVendor", "Acme"}};
    const auto violation =
        ocpp::validate(ocpp::Version::v16, "BootNotification", ocpp::Direction::Request, missing_model);
    ASSERT_TRUE(violation);

    const auto error = error_of(charger->call("BootNotification", missing_model));
    EXPECT_EQ(error.error_code, "OccurenceConstraintViolation"); // sic: OCPP-J 1.6 §4.2.3
    EXPECT_EQ(error.description, violation->description);
    EXPECT_EQ(error.details, (ocpp::Json{{"path", violation->path}}));

    const auto wrong_type =
        error_of(charger->call("BootNotification", ocpp::Json{{"chargePointVendor", 5}, {"chargePointModel", "X1"}}));
    EXPECT_EQ(wrong_type.error_code, "TypeConstraintViolation");
    EXPECT_EQ(wrong_type.details.at("path"), "/chargePointVendor");
    EXPECT_TRUE(dispatcher_.calls().empty());
}

TEST_F(InboundTest, ASchemaViolationIsAnsweredInThe201Spelling) {
    start();
    auto charger = connect("CP-1", {"ocpp2.0.1"});
    const ocpp::Json missing_station{{"reason", "PowerUp"}};
    EXPECT_EQ(error_of(charger->call("BootNotification", missing_station)).error_code, "OccurrenceConstraintViolation");

    auto extra = boot_request(ocpp::Version::v201);
    extra["coffee"] = "black";
    const auto violation = ocpp::validate(ocpp::Version::v201, "BootNotification", ocpp::Direction::Request, extra);
    ASSERT_TRUE(violation);
    const auto error = error_of(charger->call("BootNotification", extra));
    EXPECT_EQ(error.error_code, ocpp::error_code_name(violation->error, ocpp::Version::v201));
    EXPECT_EQ(error.details, (ocpp::Json{{"path", violation->path}}));
    EXPECT_TRUE(dispatcher_.calls().empty());
}

TEST_F(InboundTest, GarbageWithoutAMessageIdIsDroppedAndTheConnectionLives) {
    start();
    auto charger = connect("CP-1");
    charger->send_text("this is not json");
    charger->send_text("[2]");
    // Frames are answered in order: had the garbage been answered, it would be here before the result.
    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(charger->call("Heartbeat", ocpp::Json::object())));
    EXPECT_EQ(charger->next_frame(0ms), std::nullopt);
    EXPECT_TRUE(charger->is_open());
    EXPECT_EQ(metric("manage_ocpp_frame_errors_total", {{"reason", "malformed"}}), 2.0);
}

TEST_F(InboundTest, AMalformedMessageWithAnIdGetsACallError) {
    start();
    auto charger = connect("CP-1");
    charger->send_text(R"([2,"m-1","Heartbeat"])"); // no payload
    const auto frame = charger->next_frame();
    ASSERT_TRUE(frame);
    const auto json = ocpp::Json::parse(*frame);
    EXPECT_EQ(json.at(0), 4);
    EXPECT_EQ(json.at(1), "m-1");
    EXPECT_TRUE(ocpp::parse_error_code(json.at(2).get<std::string>(), ocpp::Version::v16));
    EXPECT_TRUE(charger->is_open());
}

TEST_F(InboundTest, AnOversizedFrameClosesThatConnectionWith1009Only) {
    OcppServerOptions options;
    options.max_frame_bytes = 1024;
    start(options);
    auto big = connect("CP-BIG");
    auto other = connect("CP-OTHER");

    big->send_text(R"([2,"m-1","DataTransfer",{"vendorId":")" + std::string(4096, 'x') + R"("}])");
    const auto closed = big->wait_closed();
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->code, 1009) << closed->reason;
    EXPECT_TRUE(dispatcher_.wait_disconnected());
    EXPECT_FALSE(server().is_connected("CP-BIG"));

    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(other->call("Heartbeat", ocpp::Json::object())));
    EXPECT_TRUE(server().is_connected("CP-OTHER"));
    EXPECT_EQ(metric("manage_ocpp_frame_errors_total", {{"reason", "too_big"}}), 1.0);
}

TEST_F(InboundTest, AnAbsurdlyBigFrameIsCutOffAtItsHeader) {
    OcppServerOptions options;
    options.max_frame_bytes = 1024;
    start(options);
    auto big = connect("CP-BIG");
    auto other = connect("CP-OTHER");

    // Over Beast's own limit (4 x max_frame_bytes): the connection is failed without reading the payload.
    big->send_text(R"([2,"m-1","DataTransfer",{"vendorId":")" + std::string(64 * 1024, 'x') + R"("}])");
    ASSERT_TRUE(big->wait_closed());
    EXPECT_TRUE(dispatcher_.wait_disconnected());
    EXPECT_FALSE(server().is_connected("CP-BIG"));
    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(other->call("Heartbeat", ocpp::Json::object())));
    EXPECT_EQ(metric("manage_ocpp_frame_errors_total", {{"reason", "too_big"}}), 1.0);
}

TEST_F(InboundTest, ABinaryFrameClosesWith1003) {
    start();
    auto charger = connect("CP-1");
    charger->send_binary(R"([2,"m-1","Heartbeat",{}])");
    const auto closed = charger->wait_closed();
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed->code, 1003);
    EXPECT_TRUE(dispatcher_.wait_disconnected());
    EXPECT_EQ(metric("manage_ocpp_frame_errors_total", {{"reason", "binary"}}), 1.0);
}

TEST_F(InboundTest, AThrowingHandlerGivesInternalErrorAndTheConnectionLives) {
    dispatcher_.handler = [](const ConnectionInfo &, const ocpp::Call &call) -> asio::awaitable<CallOutcome> {
        if (call.action == "BootNotification") {
            throw std::runtime_error("the database is on fire");
        }
        co_return heartbeat_response();
    };
    start();
    auto charger = connect("CP-1");
    const auto error = error_of(charger->call("BootNotification", boot_request(ocpp::Version::v16)));
    EXPECT_EQ(error.error_code, "InternalError");
    EXPECT_EQ(error.description.find("fire"), std::string::npos) << "internals stay inside";
    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(charger->call("Heartbeat", ocpp::Json::object())));
}

TEST_F(InboundTest, AResponseBreakingTheSchemaBecomesInternalError) {
    dispatcher_.handler = [](const ConnectionInfo &, const ocpp::Call &) -> asio::awaitable<CallOutcome> {
        co_return ocpp::Json{{"status", "Maybe"}};
    };
    start();
    auto charger = connect("CP-1");
    EXPECT_EQ(error_of(charger->call("BootNotification", boot_request(ocpp::Version::v16))).error_code,
              "InternalError");
}

TEST_F(InboundTest, CallsFromOneChargerAreAnsweredInOrder) {
    // The first CALL's handler waits; the second must still be answered after it.
    dispatcher_.handler = [](const ConnectionInfo &, const ocpp::Call &call) -> asio::awaitable<CallOutcome> {
        if (call.message_id == "first") {
            asio::steady_timer timer(co_await asio::this_coro::executor, 200ms);
            co_await timer.async_wait(asio::use_awaitable);
        }
        co_return heartbeat_response();
    };
    start();
    auto charger = connect("CP-1");
    charger->send_text(R"([2,"first","Heartbeat",{}])");
    charger->send_text(R"([2,"second","Heartbeat",{}])");
    const auto one = charger->next_frame();
    const auto two = charger->next_frame();
    ASSERT_TRUE(one && two);
    EXPECT_EQ(ocpp::Json::parse(*one).at(1), "first");
    EXPECT_EQ(ocpp::Json::parse(*two).at(1), "second");
}

} // namespace
} // namespace manage::connect
