// The OCPP message log through the API, after real traffic both ways over a WebSocket: every frame in
// order with its time, direction, message id, action, payload and response time; filters by action
// and time range; cursor pagination that visits each frame once; malformed frames; the API key.
#include "e2e_fixture.hpp"
#include "manage/testing/eventually.hpp"

#include <algorithm>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp16MessageLog : public PlatformFixture {
protected:
    // Boots `id` (the fixture's charger answers the boot policy's commands), waits until the boot
    // policy is done, then: a Heartbeat from the charger, a Reset from the operator, an UnlockConnector
    // the charger answers with a CALLERROR, and a CALL of an action OCPP 1.6 does not define.
    std::unique_ptr<OcppTestClient> traffic(const std::string &id) {
        auto charger = boot(id);
        poll("/api/v1/chargers/" + id + "/commands", [](const Json &body) {
            const auto &items = body["items"];
            return items.size() == 3 && std::none_of(items.begin(), items.end(), [](const Json &item) {
                       return item.value("outcome", "") == "pending";
                   });
        });
        charger->on_call([this](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
            std::lock_guard lock(mutex_);
            last_call_id_ = call.message_id;
            if (call.action == "UnlockConnector")
                return ocpp::CallError{call.message_id, "NotSupported", "no lock", Json{{"lock", "none"}}};
            return Json{{"status", "Accepted"}};
        });
        result_of(charger->call("Heartbeat", Json::object()));
        EXPECT_EQ(post("/api/v1/chargers/" + id + "/commands/Reset", R"({"type":"Soft"})").status, 200);
        EXPECT_EQ(post("/api/v1/chargers/" + id + "/commands/UnlockConnector", R"({"connectorId":1})").status, 502);
        EXPECT_EQ(error_of(charger->call("Teleport", Json{{"to", "Mars"}})).error_code, "NotImplemented");
        return charger;
    }

    // Polls `target` every 20 ms (the boot policy waits a second, the log's writer up to 200 ms: no
    // need to hammer the API) until `predicate` holds for its body; the last body.
    Json poll(const std::string &target, const std::function<bool(const Json &)> &predicate) {
        Json last;
        const bool held = manage::testing::eventually(
            [&] {
                last = get_json(target);
                return predicate(last);
            },
            std::chrono::seconds(10), std::chrono::milliseconds(20));
        EXPECT_TRUE(held) << "condition on " << target << " never held; last: " << last.dump();
        return last;
    }

    // Waits until the log holds `count` frames for `id` (the writer stores them in batches); all of
    // them, oldest first.
    Json all_frames(const std::string &id, std::size_t count) {
        return poll("/api/v1/chargers/" + id + "/messages?limit=1000",
                    [count](const Json &body) { return body["items"].size() >= count; })["items"];
    }

    std::string last_call_id() {
        std::lock_guard lock(mutex_);
        return last_call_id_;
    }

    // The frames of `target` (with its limit) page by page, following nextCursor to the end.
    std::vector<Json> pages(const std::string &target, std::size_t &page_count) {
        std::vector<Json> frames;
        std::string cursor;
        page_count = 0;
        for (int guard = 0; guard < 100; ++guard) {
            const auto body = get_json(target + (cursor.empty() ? "" : "&cursor=" + cursor));
            ++page_count;
            for (const auto &item : body["items"])
                frames.push_back(item);
            if (body["nextCursor"].is_null())
                return frames;
            cursor = body["nextCursor"].get<std::string>();
        }
        ADD_FAILURE() << "the cursors of " << target << " never ended";
        return frames;
    }

private:
    std::mutex mutex_;
    std::string last_call_id_; // of the last CALL the charger received
};

constexpr std::size_t kTrafficFrames = 16;

// Expects frame `f` to be `direction` `type` `action`.
void expect_frame(const Json &f, const std::string &direction, const std::string &type, const std::string &action) {
    EXPECT_EQ(f["chargerId"], "CP-LOG") << f.dump();
    EXPECT_EQ(f["direction"], direction) << f.dump();
    EXPECT_EQ(f["type"], type) << f.dump();
    EXPECT_EQ(f["action"], action) << f.dump();
    EXPECT_TRUE(f["time"].is_string()) << f.dump();
    EXPECT_TRUE(f["messageId"].is_string() && !f["messageId"].get<std::string>().empty()) << f.dump();
}

std::vector<std::string> ids_of(const std::vector<Json> &frames) {
    std::vector<std::string> ids;
    for (const auto &f : frames)
        ids.push_back(f["direction"].get<std::string>() + " " + f["type"].get<std::string>() + " " +
                      f["messageId"].get<std::string>());
    return ids;
}

} // namespace

TEST_F(Ocpp16MessageLog, EveryFrameBothWaysInOrder) {
    auto charger = traffic("CP-LOG");
    const auto frames = all_frames("CP-LOG", kTrafficFrames);
    ASSERT_EQ(frames.size(), kTrafficFrames) << frames.dump(1);

    expect_frame(frames[0], "in", "CALL", "BootNotification");
    EXPECT_EQ(frames[0]["payload"], boot_payload("ACME", "Volt 22"));
    expect_frame(frames[1], "out", "CALLRESULT", "BootNotification");
    EXPECT_EQ(frames[1]["payload"]["status"], "Accepted");
    // The boot policy.
    expect_frame(frames[2], "out", "CALL", "ChangeConfiguration");
    EXPECT_EQ(frames[2]["payload"], (Json{{"key", "HeartbeatInterval"}, {"value", "120"}}));
    expect_frame(frames[3], "in", "CALLRESULT", "ChangeConfiguration");
    expect_frame(frames[4], "out", "CALL", "ChangeConfiguration");
    EXPECT_EQ(frames[4]["payload"]["key"], "MeterValueSampleInterval");
    expect_frame(frames[5], "in", "CALLRESULT", "ChangeConfiguration");
    expect_frame(frames[6], "out", "CALL", "GetConfiguration");
    expect_frame(frames[7], "in", "CALLRESULT", "GetConfiguration");
    EXPECT_EQ(frames[7]["payload"], (Json{{"configurationKey", Json::array()}}));
    // The charger's Heartbeat and the operator's commands.
    expect_frame(frames[8], "in", "CALL", "Heartbeat");
    expect_frame(frames[9], "out", "CALLRESULT", "Heartbeat");
    EXPECT_TRUE(frames[9]["payload"]["currentTime"].is_string()) << frames[9].dump();
    expect_frame(frames[10], "out", "CALL", "Reset");
    EXPECT_EQ(frames[10]["payload"], (Json{{"type", "Soft"}}));
    EXPECT_EQ(frames[10]["frame"], Json::parse(R"([2, ")" + frames[10]["messageId"].get<std::string>() +
                                               R"(", "Reset", {"type": "Soft"}])"));
    expect_frame(frames[11], "in", "CALLRESULT", "Reset");
    EXPECT_EQ(frames[11]["payload"], (Json{{"status", "Accepted"}}));
    expect_frame(frames[12], "out", "CALL", "UnlockConnector");
    EXPECT_EQ(frames[12]["messageId"], last_call_id()); // what the charger received
    expect_frame(frames[13], "in", "CALLERROR", "UnlockConnector");
    EXPECT_EQ(
        frames[13]["payload"],
        (Json{{"errorCode", "NotSupported"}, {"errorDescription", "no lock"}, {"errorDetails", {{"lock", "none"}}}}));
    expect_frame(frames[14], "in", "CALL", "Teleport");
    EXPECT_EQ(frames[14]["payload"], (Json{{"to", "Mars"}}));
    expect_frame(frames[15], "out", "CALLERROR", "Teleport");
    EXPECT_EQ(frames[15]["payload"]["errorCode"], "NotImplemented");

    for (std::size_t i = 0; i < frames.size(); ++i) {
        const auto &f = frames[i];
        SCOPED_TRACE(f.dump());
        // Answers share their CALL's message id: frames come in CALL / answer pairs here.
        if (i % 2 == 1) {
            EXPECT_EQ(f["messageId"], frames[i - 1]["messageId"]);
        }
        if (i > 0) {
            EXPECT_LE(frames[i - 1]["time"].get<std::string>(), f["time"].get<std::string>()) << "out of order";
        }
        // The frame as it went over the wire, matching the decoded fields.
        ASSERT_TRUE(f["frame"].is_array());
        EXPECT_EQ(f["frame"][1], f["messageId"]);
        EXPECT_EQ(f["frame"][0], f["type"] == "CALL" ? 2 : f["type"] == "CALLRESULT" ? 3 : 4);
        // Answers, both ways, carry the time since their CALL.
        if (f["type"] == "CALL") {
            EXPECT_TRUE(f["responseTimeMs"].is_null());
        } else {
            ASSERT_TRUE(f["responseTimeMs"].is_number());
            EXPECT_GE(f["responseTimeMs"].get<double>(), 0.0);
            EXPECT_LT(f["responseTimeMs"].get<double>(), 10000.0);
        }
    }

    // desc is the same, newest first; and the log outlives the connection.
    charger->close();
    auto newest_first = get_json("/api/v1/chargers/CP-LOG/messages?limit=1000&order=desc")["items"];
    std::reverse(newest_first.begin(), newest_first.end());
    EXPECT_EQ(newest_first, frames);
}

TEST_F(Ocpp16MessageLog, FiltersByActionAndTimeRange) {
    auto charger = traffic("CP-LOG");
    const auto frames = all_frames("CP-LOG", kTrafficFrames);
    ASSERT_EQ(frames.size(), kTrafficFrames);

    const auto reset = get_json("/api/v1/chargers/CP-LOG/messages?action=Reset")["items"];
    ASSERT_EQ(reset.size(), 2u) << reset.dump();
    EXPECT_EQ(reset[0], frames[10]);
    EXPECT_EQ(reset[1], frames[11]);
    const auto change = get_json("/api/v1/chargers/CP-LOG/messages?action=ChangeConfiguration")["items"];
    EXPECT_EQ(change, Json::array({frames[2], frames[3], frames[4], frames[5]}));
    EXPECT_TRUE(get_json("/api/v1/chargers/CP-LOG/messages?action=Authorize")["items"].empty());

    // [from, to): from the Heartbeat (the boot is about a second earlier) to the Reset's answer.
    const auto from = frames[8]["time"].get<std::string>();
    const auto to = frames[11]["time"].get<std::string>();
    ASSERT_LT(frames[7]["time"].get<std::string>(), from) << "the boot policy ends a second before the Heartbeat";
    auto expected = Json::array();
    for (const auto &f : frames)
        if (f["time"].get<std::string>() >= from && f["time"].get<std::string>() < to)
            expected.push_back(f);
    const auto range = get_json("/api/v1/chargers/CP-LOG/messages?from=" + from + "&to=" + to)["items"];
    EXPECT_EQ(range, expected);
    EXPECT_EQ(range.front(), frames[8]);
    EXPECT_TRUE(std::find(range.begin(), range.end(), frames[11]) == range.end()) << "`to` is exclusive";

    const auto only_from = get_json("/api/v1/chargers/CP-LOG/messages?from=" + from)["items"];
    EXPECT_EQ(only_from, Json(std::vector<Json>(frames.begin() + 8, frames.end())));
    const auto heartbeat_before = get_json("/api/v1/chargers/CP-LOG/messages?action=Heartbeat&to=" + to)["items"];
    EXPECT_EQ(heartbeat_before, Json::array({frames[8], frames[9]}));

    const auto bad = get("/api/v1/chargers/CP-LOG/messages?from=yesterday");
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(api_error(bad).value("field", ""), "from");
}

TEST_F(Ocpp16MessageLog, CursorPaginationVisitsEachFrameExactlyOnce) {
    auto charger = traffic("CP-LOG");
    const auto all = all_frames("CP-LOG", kTrafficFrames);
    ASSERT_EQ(all.size(), kTrafficFrames);
    const std::vector<Json> frames(all.begin(), all.end());

    std::size_t page_count = 0;
    const auto paged = pages("/api/v1/chargers/CP-LOG/messages?limit=3", page_count);
    EXPECT_EQ(ids_of(paged), ids_of(frames));
    EXPECT_EQ(paged, frames);
    EXPECT_EQ(page_count, 6u); // 16 frames in pages of 3

    auto reversed = frames;
    std::reverse(reversed.begin(), reversed.end());
    EXPECT_EQ(pages("/api/v1/chargers/CP-LOG/messages?limit=5&order=desc", page_count), reversed);

    // With a filter and a cursor: the ChangeConfiguration frames one by one.
    const auto change = pages("/api/v1/chargers/CP-LOG/messages?action=ChangeConfiguration&limit=1", page_count);
    EXPECT_EQ(change, (std::vector<Json>{frames[2], frames[3], frames[4], frames[5]}));

    const auto bad_cursor = get("/api/v1/chargers/CP-LOG/messages?cursor=not-a-cursor");
    EXPECT_EQ(bad_cursor.status, 422) << bad_cursor.body;
    EXPECT_EQ(api_error(bad_cursor).value("code", ""), "invalid_cursor");
    const auto bad_limit = get("/api/v1/chargers/CP-LOG/messages?limit=0");
    EXPECT_EQ(bad_limit.status, 422) << bad_limit.body;
    EXPECT_EQ(api_error(bad_limit).value("field", ""), "limit");
}

TEST_F(Ocpp16MessageLog, AMalformedFrameFromTheChargerIsLoggedAsMalformed) {
    auto charger = boot("CP-BAD");
    charger->send_text("this is not OCPP");
    charger->send_text(R"([2, "bad-1", "Heartbeat"])"); // a CALL without its payload
    const auto answer = charger->next_frame();
    ASSERT_TRUE(answer.has_value());
    const auto error = Json::parse(*answer);
    EXPECT_EQ(error[0], 4);
    EXPECT_EQ(error[1], "bad-1");

    const auto logged = poll("/api/v1/chargers/CP-BAD/messages?limit=1000", [](const Json &body) {
        return std::count_if(body["items"].begin(), body["items"].end(),
                             [](const Json &f) { return f["type"] == "MALFORMED"; }) == 2;
    })["items"];
    std::vector<Json> malformed;
    for (const auto &f : logged)
        if (f["type"] == "MALFORMED")
            malformed.push_back(f);
    ASSERT_EQ(malformed.size(), 2u) << logged.dump();
    EXPECT_EQ(malformed[0]["direction"], "in");
    EXPECT_EQ(malformed[0]["frame"], "this is not OCPP");
    EXPECT_TRUE(malformed[0]["payload"].is_null());
    EXPECT_EQ(malformed[0]["messageId"], "");
    EXPECT_EQ(malformed[1]["direction"], "in");
    EXPECT_EQ(malformed[1]["messageId"], "bad-1");
    EXPECT_EQ(malformed[1]["frame"], Json::parse(R"([2, "bad-1", "Heartbeat"])"));
    // Its CALLERROR went out and is logged after it.
    const auto is_answer = [](const Json &f) {
        return f["direction"] == "out" && f["type"] == "CALLERROR" && f["messageId"] == "bad-1";
    };
    const auto all = poll("/api/v1/chargers/CP-BAD/messages?limit=1000", [&](const Json &body) {
        return std::any_of(body["items"].begin(), body["items"].end(), is_answer);
    })["items"];
    const auto call = std::find(all.begin(), all.end(), malformed[1]);
    const auto reply = std::find_if(all.begin(), all.end(), is_answer);
    ASSERT_NE(reply, all.end()) << all.dump();
    EXPECT_LT(call, reply);
    EXPECT_EQ((*reply)["frame"], error);
    EXPECT_EQ((*reply)["payload"]["errorCode"], error[2]);
}

TEST_F(Ocpp16MessageLog, NeedsAnApiKeyAndAKnownCharger) {
    auto charger = boot("CP-KEY");
    const auto reply = anonymous("GET", "/api/v1/chargers/CP-KEY/messages");
    EXPECT_EQ(reply.status, 401) << reply.body;
    EXPECT_EQ(api_error(reply).value("code", ""), "unauthenticated");
    EXPECT_EQ(reply.headers.count("www-authenticate"), 1u);
    const auto wrong =
        http_request(http_port(), "GET", "/api/v1/chargers/CP-KEY/messages", {{"Authorization", "Bearer mng_nope"}});
    EXPECT_EQ(wrong.status, 401) << wrong.body;
    const auto unknown = get("/api/v1/chargers/NO-SUCH-CP/messages");
    EXPECT_EQ(unknown.status, 404) << unknown.body;
    EXPECT_EQ(api_error(unknown).value("code", ""), "charger_not_found");
}
