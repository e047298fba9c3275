// OCPP-J framing: OCPP-J 1.6 §4 and OCPP 2.0.1 Part 4 §4.
#include "manage/ocpp/rpc.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace manage::ocpp;

namespace {

Frame frame_of(std::string_view text, Version version = Version::v16) {
    auto result = parse_frame(text, version);
    if (auto *problem = std::get_if<FrameProblem>(&result))
        ADD_FAILURE() << "unexpected problem: " << problem->description << " in " << text;
    return std::get<Frame>(std::move(result));
}

FrameProblem problem_of(std::string_view text, Version version = Version::v16) {
    auto result = parse_frame(text, version);
    if (!std::holds_alternative<FrameProblem>(result)) {
        ADD_FAILURE() << "expected a problem for " << text;
        return FrameProblem{std::nullopt, RpcError::GenericError, ""};
    }
    return std::get<FrameProblem>(std::move(result));
}

} // namespace

TEST(ParseFrame, ReadsACall) {
    const auto frame =
        frame_of(R"([2,"19223201","BootNotification",{"chargePointVendor":"VendorX","chargePointModel":"M1"}])");
    const auto &call = std::get<Call>(frame);
    EXPECT_EQ(call.message_id, "19223201");
    EXPECT_EQ(call.action, "BootNotification");
    EXPECT_EQ(call.payload, Json::parse(R"({"chargePointVendor":"VendorX","chargePointModel":"M1"})"));
}

TEST(ParseFrame, ReadsACallResult) {
    const auto frame =
        frame_of(R"([3, "19223201", {"status":"Accepted","currentTime":"2013-02-01T20:53:32.486Z","interval":300}])");
    const auto &result = std::get<CallResult>(frame);
    EXPECT_EQ(result.message_id, "19223201");
    EXPECT_EQ(result.payload["interval"], 300);
}

TEST(ParseFrame, ReadsACallError) {
    const auto frame =
        frame_of(R"([4,"162376037","NotSupported","SetDisplayMessageRequest not implemented",{}])", Version::v201);
    const auto &error = std::get<CallError>(frame);
    EXPECT_EQ(error.message_id, "162376037");
    EXPECT_EQ(error.error_code, "NotSupported");
    EXPECT_EQ(error.description, "SetDisplayMessageRequest not implemented");
    EXPECT_EQ(error.details, Json::object());
}

TEST(ParseFrame, KeepsCallErrorDetailsAndUnknownCodesAsReceived) {
    const auto frame = frame_of(R"([4,"1","VendorSpecificCode","",{"reason":"x"}])");
    const auto &error = std::get<CallError>(frame);
    EXPECT_EQ(error.error_code, "VendorSpecificCode");
    EXPECT_EQ(error.details, Json::parse(R"({"reason":"x"})"));
}

TEST(ParseFrame, PassesAnyPayloadToValidation) {
    // A payload that is not an object is the validator's FormationViolation, not a framing problem.
    EXPECT_TRUE(std::get<Call>(frame_of(R"([2,"1","Heartbeat",[]])")).payload.is_array());
    EXPECT_TRUE(std::get<CallResult>(frame_of(R"([3,"1",null])")).payload.is_null());
}

TEST(ParseFrame, AcceptsAMessageIdOf36Characters) {
    const std::string id(36, 'a');
    EXPECT_EQ(std::get<Call>(frame_of(R"([2,")" + id + R"(","Heartbeat",{}])")).message_id, id);
    const std::string unicode = "€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€"; // 36 characters, 108 bytes
    EXPECT_EQ(std::get<Call>(frame_of(R"([2,")" + unicode + R"(","Heartbeat",{}])")).message_id, unicode);
}

// ---- problems without a message id: the caller logs and drops the frame -------------------------------------

TEST(ParseFrame, NotJsonHasNoMessageId) {
    for (const char *text : {"", "   ", "[2,\"1\",\"Heartbeat\",{}", "hello", "[2,'1','Heartbeat',{}]", "{\"a\":}"}) {
        const auto p = problem_of(text);
        EXPECT_EQ(p.message_id, std::nullopt) << text;
        EXPECT_EQ(p.error, RpcError::ProtocolError) << text;
    }
}

TEST(ParseFrame, InvalidUtf8IsNotJson) {
    const auto p = problem_of("[2,\"1\",\"Heartbeat\",{\"a\":\"\xff\xfe\"}]");
    EXPECT_EQ(p.message_id, std::nullopt);
}

TEST(ParseFrame, NotAnArrayHasNoMessageId) {
    for (const char *text : {"{}", R"({"messageId":"1"})", "2", "\"[2,\\\"1\\\"]\"", "null", "true"}) {
        const auto p = problem_of(text);
        EXPECT_EQ(p.message_id, std::nullopt) << text;
        EXPECT_EQ(p.error, RpcError::ProtocolError) << text;
    }
}

TEST(ParseFrame, UnreadableMessageIdHasNoMessageId) {
    for (const char *text : {"[]", "[2]", R"([2,1,"Heartbeat",{}])", R"([2,null,"Heartbeat",{}])",
                             R"([2,["1"],"Heartbeat",{}])", R"(["2",7])"}) {
        const auto p = problem_of(text);
        EXPECT_EQ(p.message_id, std::nullopt) << text;
        EXPECT_EQ(p.error, RpcError::ProtocolError) << text;
    }
}

TEST(ParseFrame, TooDeeplyNestedJsonIsDropped) {
    std::string text = R"([2,"1","DataTransfer",{"vendorId":"x","data":)";
    text += std::string(200, '[') + std::string(200, ']') + "}]";
    const auto p = problem_of(text);
    EXPECT_EQ(p.message_id, std::nullopt);
    // ... while brackets inside strings do not count.
    const std::string in_string =
        R"([2,"1","DataTransfer",{"vendorId":"x","data":")" + std::string(200, '[') + R"("}])";
    EXPECT_TRUE(std::holds_alternative<Frame>(parse_frame(in_string, Version::v16)));
}

// ---- problems with a message id: the peer gets a CALLERROR -----------------------------------------------------

TEST(ParseFrame, MessageTypeIdMustBeAnInteger) {
    for (const char *text :
         {R"(["2","abc","Heartbeat",{}])", R"([2.0,"abc","Heartbeat",{}])", R"([null,"abc","Heartbeat",{}])"}) {
        const auto p = problem_of(text);
        EXPECT_EQ(p.message_id, "abc") << text;
        EXPECT_EQ(p.error, RpcError::ProtocolError) << text;
    }
}

TEST(ParseFrame, MessageIdLongerThan36CharactersIsAProtocolError) {
    const std::string id(37, 'a');
    const auto p = problem_of(R"([2,")" + id + R"(","Heartbeat",{}])");
    EXPECT_EQ(p.message_id, id);
    EXPECT_EQ(p.error, RpcError::ProtocolError);
}

TEST(ParseFrame, WrongElementCountIsAProtocolError) {
    for (const char *text :
         {R"([2,"abc","Heartbeat"])", R"([2,"abc","Heartbeat",{},{}])", R"([2,"abc"])", R"([3,"abc"])",
          R"([3,"abc",{},{}])", R"([4,"abc","GenericError","x"])", R"([4,"abc","GenericError","x",{},1])"}) {
        const auto p = problem_of(text);
        EXPECT_EQ(p.message_id, "abc") << text;
        EXPECT_EQ(p.error, RpcError::ProtocolError) << text;
    }
}

TEST(ParseFrame, WrongElementTypesAreAProtocolError) {
    for (const char *text : {R"([2,"abc",17,{}])", R"([2,"abc",null,{}])", R"([4,"abc",3,"x",{}])",
                             R"([4,"abc","GenericError",null,{}])", R"([4,"abc","GenericError","x",[]])",
                             R"([4,"abc","GenericError","x",null])", R"([4,"abc","GenericError","x","{}"])"}) {
        const auto p = problem_of(text);
        EXPECT_EQ(p.message_id, "abc") << text;
        EXPECT_EQ(p.error, RpcError::ProtocolError) << text;
    }
}

TEST(ParseFrame, UnknownMessageTypeIdDependsOnTheVersion) {
    for (const char *text : {R"([5,"abc",{}])", R"([6,"abc","Heartbeat",{}])", R"([0,"abc"])", R"([-2,"abc",{}])",
                             R"([18446744073709551615,"abc",{}])"}) {
        const auto p201 = problem_of(text, Version::v201);
        EXPECT_EQ(p201.message_id, "abc") << text;
        EXPECT_EQ(p201.error, RpcError::MessageTypeNotSupported) << text;
        EXPECT_EQ(error_code_name(p201.error, Version::v201), "MessageTypeNotSupported");
        const auto p16 = problem_of(text, Version::v16);
        EXPECT_EQ(p16.message_id, "abc") << text;
        EXPECT_EQ(p16.error, RpcError::ProtocolError) << text;
        EXPECT_EQ(error_code_name(p16.error, Version::v16), "ProtocolError");
    }
}

// ---- serialize ------------------------------------------------------------------------------------------------

TEST(Serialize, ProducesCompactFrames) {
    EXPECT_EQ(serialize(Call{"1", "Heartbeat", Json::object()}), R"([2,"1","Heartbeat",{}])");
    EXPECT_EQ(serialize(CallResult{"1", Json::parse(R"({"currentTime": "2013-02-01T20:53:32.486Z"})")}),
              R"([3,"1",{"currentTime":"2013-02-01T20:53:32.486Z"}])");
    EXPECT_EQ(serialize(CallError{"1", "FormatViolation", "bad", Json::parse(R"({"path": "/a"})")}),
              R"([4,"1","FormatViolation","bad",{"path":"/a"}])");
}

TEST(Serialize, CallErrorDetailsAreAlwaysAnObject) {
    EXPECT_EQ(serialize(CallError{"1", "GenericError", "", Json()}), R"([4,"1","GenericError","",{}])");
    EXPECT_EQ(serialize(CallError{"1", "GenericError", "", Json::array()}), R"([4,"1","GenericError","",{}])");
}

TEST(Serialize, EscapesStringsAndReplacesInvalidUtf8) {
    const auto text = serialize(Call{"q\"1", "DataTransfer", Json{{"data", "line\nbreak \xff"}}});
    EXPECT_EQ(text, "[2,\"q\\\"1\",\"DataTransfer\",{\"data\":\"line\\nbreak \xef\xbf\xbd\"}]");
}

TEST(Serialize, RoundTripsThroughParseFrame) {
    const Call call{"a7c6-11", "StatusNotification",
                    Json::parse(R"({"connectorId":1,"errorCode":"NoError","status":"Available"})")};
    const auto back = std::get<Call>(frame_of(serialize(call)));
    EXPECT_EQ(back.message_id, call.message_id);
    EXPECT_EQ(back.action, call.action);
    EXPECT_EQ(back.payload, call.payload);

    const CallResult result{"a7c6-11", Json::object()};
    const auto result_back = std::get<CallResult>(frame_of(serialize(result)));
    EXPECT_EQ(result_back.message_id, result.message_id);
    EXPECT_EQ(result_back.payload, result.payload);

    const CallError error{"a7c6-11", "OccurrenceConstraintViolation", "required property 'status' is missing",
                          Json{{"path", ""}}};
    const auto error_back = std::get<CallError>(frame_of(serialize(error), Version::v201));
    EXPECT_EQ(error_back.message_id, error.message_id);
    EXPECT_EQ(error_back.error_code, error.error_code);
    EXPECT_EQ(error_back.description, error.description);
    EXPECT_EQ(error_back.details, error.details);
}
