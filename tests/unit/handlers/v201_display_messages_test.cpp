// OCPP 2.0.1 functional block O, Display message: O04 NotifyDisplayMessages, the station's answer to
// GetDisplayMessages. What reaches core, and the CALLERRORs for payloads that break the schema or the
// rules beyond it.
#include "dispatcher_fixture.hpp"
#include "v16_samples.hpp"

#include <nlohmann/json.hpp>

namespace manage::connect::testing {
namespace {

using Json = ocpp::Json;
constexpr auto kV201 = ocpp::Version::v201;

Json message_info(int id) {
    return Json{{"id", id},
                {"priority", "InFront"},
                {"state", "Charging"},
                {"startDateTime", "2026-11-26T08:00:00Z"},
                {"endDateTime", "2026-11-27T08:00:00Z"},
                {"transactionId", "TX-0042"},
                {"message", {{"format", "UTF8"}, {"language", "nl"}, {"content", "Welkom bij het depot"}}},
                {"display", {{"name", "Display"}, {"instance", "front"}, {"evse", {{"id", 2}}}}}};
}

Json notify_display_messages() {
    return Json{{"requestId", 21}, {"tbc", true}, {"messageInfo", Json::array({message_info(1)})}};
}

TEST_F(DispatcherTest, O04_NotifyDisplayMessagesReachesCoreWithEveryField) {
    EXPECT_EQ(result(kV201, "NotifyDisplayMessages", notify_display_messages()), Json::object());
    const auto &part = core_.last_display_messages;
    EXPECT_EQ(part.request_id, 21);
    EXPECT_TRUE(part.tbc);
    ASSERT_EQ(part.messages.size(), 1u);
    const auto &m = part.messages[0];
    EXPECT_EQ(m.id, 1);
    EXPECT_EQ(m.priority, "InFront");
    EXPECT_EQ(m.state, "Charging");
    EXPECT_EQ(m.start_date_time, parse_time("2026-11-26T08:00:00Z"));
    EXPECT_EQ(m.end_date_time, parse_time("2026-11-27T08:00:00Z"));
    EXPECT_EQ(m.transaction_id, "TX-0042");
    EXPECT_EQ(m.format, "UTF8");
    EXPECT_EQ(m.language, "nl");
    EXPECT_EQ(m.content, "Welkom bij het depot");
    ASSERT_TRUE(m.display);
    EXPECT_EQ(m.display->name, "Display");
    EXPECT_EQ(m.display->instance, "front");
    EXPECT_EQ(m.display->evse_id, 2);
}

TEST_F(DispatcherTest, O04_MinimalMessageAndEmptyLastPartReachCore) {
    const Json minimal{{"id", 0}, {"priority", "NormalCycle"}, {"message", {{"format", "ASCII"}, {"content", "Hi"}}}};
    EXPECT_EQ(result(kV201, "NotifyDisplayMessages", {{"requestId", 22}, {"messageInfo", Json::array({minimal})}}),
              Json::object());
    const auto &m = core_.last_display_messages.messages.at(0);
    EXPECT_FALSE(core_.last_display_messages.tbc);
    EXPECT_EQ(m.id, 0);
    EXPECT_EQ(m.state, "");
    EXPECT_EQ(m.start_date_time, std::nullopt);
    EXPECT_EQ(m.language, "");
    EXPECT_FALSE(m.display);
    EXPECT_EQ(result(kV201, "NotifyDisplayMessages", {{"requestId", 23}}), Json::object());
    EXPECT_TRUE(core_.last_display_messages.messages.empty());
}

TEST_F(DispatcherTest, O04_MalformedNotifyDisplayMessagesIsRefusedWith201Codes) {
    const auto request = notify_display_messages();
    auto twice = request;
    twice["messageInfo"].push_back(message_info(1));
    expect_refused(
        kV201, "NotifyDisplayMessages",
        {
            {"requestId missing", without(request, "/requestId"), "OccurrenceConstraintViolation", ""},
            {"requestId a string", with(request, "/requestId", "21"), "TypeConstraintViolation", "/requestId"},
            {"messageInfo empty", with(request, "/messageInfo", Json::array()), "OccurrenceConstraintViolation",
             "/messageInfo"},
            {"priority outside MessagePriorityEnumType", with(request, "/messageInfo/0/priority", "Urgent"),
             "PropertyConstraintViolation", "/messageInfo/0/priority"},
            {"content missing", without(request, "/messageInfo/0/message/content"), "OccurrenceConstraintViolation",
             "/messageInfo/0/message"},
            {"content over 512 characters", with(request, "/messageInfo/0/message/content", std::string(513, 'c')),
             "PropertyConstraintViolation", "/messageInfo/0/message/content"},
            {"language over 8 characters", with(request, "/messageInfo/0/message/language", "nl-NL-x-depot"),
             "PropertyConstraintViolation", "/messageInfo/0/message/language"},
            {"message id negative", with(request, "/messageInfo/0/id", -1), "PropertyConstraintViolation",
             "/messageInfo/0/id"},
            {"one message id twice", twice, "OccurrenceConstraintViolation", "/messageInfo/1/id"},
            {"display on EVSE 0", with(request, "/messageInfo/0/display/evse/id", 0), "PropertyConstraintViolation",
             "/messageInfo/0/display/evse/id"},
            {"a member the message does not have", with(request, "/seqNo", 0), "FormatViolation", "/seqNo"},
        });
}

} // namespace
} // namespace manage::connect::testing
