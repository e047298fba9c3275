// Live state over real HTTP: a charger's StatusNotification and MeterValues reach the event stream
// (GET /api/v1/stream) of its organisation, with the power rolled up into its load group and site,
// and the snapshot (GET /api/v1/live); another organisation's stream hears nothing of it; both routes
// need a credential; a reconnecting client starts again from a snapshot; stopping the server ends
// the stream.
#include "e2e_fixture.hpp"

#include "manage/common/clock.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/organisations.hpp"
#include "manage/infra/database.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace manage;
using namespace manage::testing;
using namespace std::chrono_literals;

namespace {

struct SseEvent {
    std::string id;
    std::string event;
    Json data;
};

// A raw-socket client of an event stream: it sends the request, then splits what arrives into events.
class SseClient {
public:
    SseClient(std::uint16_t port, const std::string &key, const std::string &extra_headers = {}) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::connect(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        std::string request = "GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n";
        if (!key.empty())
            request += "Authorization: Bearer " + key + "\r\n";
        request += extra_headers + "\r\n";
        EXPECT_EQ(::send(fd_, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
    }
    ~SseClient() { ::close(fd_); }
    SseClient(const SseClient &) = delete;
    SseClient &operator=(const SseClient &) = delete;

    // The response's header (status line and fields), waited for up to 10 s.
    std::string header() {
        while (!header_done_ && read_some(10s)) {
        }
        return header_;
    }
    // Events until one satisfies `predicate` (returned) or 10 s pass without one (nullopt).
    std::optional<SseEvent> wait_for(const std::function<bool(const SseEvent &)> &predicate) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        for (;;) {
            while (auto event = take()) {
                seen_.push_back(*event);
                if (predicate(*event))
                    return event;
            }
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left <= 0ms || !read_some(left))
                return std::nullopt;
        }
    }
    // True when the server closes the connection within 10 s.
    bool closed_by_server() {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < deadline)
            if (!read_some(100ms) && eof_)
                return true;
        return false;
    }
    const std::vector<SseEvent> &seen() const { return seen_; }
    const std::string &raw() const { return raw_; }

private:
    // False on timeout or end of stream.
    bool read_some(std::chrono::milliseconds timeout) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0)
            return false;
        char chunk[4096];
        const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) {
            eof_ = true;
            return false;
        }
        raw_.append(chunk, static_cast<std::size_t>(n));
        if (!header_done_) {
            buffer_.append(chunk, static_cast<std::size_t>(n));
            const auto end = buffer_.find("\r\n\r\n");
            if (end != std::string::npos) {
                header_ = buffer_.substr(0, end);
                buffer_.erase(0, end + 4);
                header_done_ = true;
            }
        } else {
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
        return true;
    }
    std::optional<SseEvent> take() {
        if (!header_done_)
            return std::nullopt;
        for (;;) {
            const auto end = buffer_.find("\n\n");
            if (end == std::string::npos)
                return std::nullopt;
            const auto block = buffer_.substr(0, end);
            buffer_.erase(0, end + 2);
            SseEvent event;
            std::string data;
            std::size_t start = 0;
            while (start <= block.size()) {
                auto stop = block.find('\n', start);
                if (stop == std::string::npos)
                    stop = block.size();
                const auto line = block.substr(start, stop - start);
                start = stop + 1;
                if (line.starts_with("id: "))
                    event.id = line.substr(4);
                else if (line.starts_with("event: "))
                    event.event = line.substr(7);
                else if (line.starts_with("data: "))
                    data += line.substr(6);
            }
            if (event.event.empty())
                continue; // a comment (heartbeat) or the retry hint
            event.data = Json::parse(data, nullptr, false);
            return event;
        }
    }

    int fd_ = -1;
    std::string raw_;
    std::string buffer_;
    std::string header_;
    bool header_done_ = false;
    bool eof_ = false;
    std::vector<SseEvent> seen_;
};

std::function<bool(const SseEvent &)> connector_where(const std::string &charger,
                                                      const std::function<bool(const Json &)> &test) {
    return [charger, test](const SseEvent &e) {
        return e.event == "connector" && e.data.value("chargerId", "") == charger && test(e.data);
    };
}

class LiveApi : public PlatformFixture {
protected:
    HttpReply with_key(const std::string &key, const std::string &method, const std::string &target,
                       const Json &body = nullptr) {
        return http_request(http_port(), method, target, {{"Authorization", "Bearer " + key}},
                            body.is_null() ? std::string() : body.dump());
    }

    // A second organisation with an admin key, made as an operator of the platform would.
    std::string second_organisation_key(const std::string &id) {
        auto database = infra::Database::open("sqlite://" + (dir_ / "manage.db").string(), 1);
        EXPECT_TRUE(database) << database.error().message;
        RealClock clock;
        core::Organisations organisations(*database.value(), clock);
        EXPECT_TRUE(organisations.create("Other fleet", id));
        core::ApiKeys keys(*database.value(), clock);
        auto key = keys.create(id, "other-admin", core::Role::Admin);
        EXPECT_TRUE(key);
        return key ? key.value().key : std::string();
    }

    // A site with one load group holding `charger`; the group's id.
    std::string place(const std::string &charger) {
        const Json site{{"name", "Depot"},
                        {"address", {{"line1", "Havenweg 1"}, {"city", "Amsterdam"}, {"country", "NL"}}},
                        {"timezone", "Europe/Amsterdam"},
                        {"gridLimitKw", 400}};
        const auto created = post("/api/v1/sites", site.dump());
        EXPECT_EQ(created.status, 201) << created.body;
        site_id_ = Json::parse(created.body).value("id", "");
        const Json group{{"name", "Bank A"}, {"kind", "chargerGroup"}, {"limit", {{"unit", "kW"}, {"value", 150}}}};
        const auto grouped = post("/api/v1/sites/" + site_id_ + "/load-groups", group.dump());
        EXPECT_EQ(grouped.status, 201) << grouped.body;
        const auto group_id = Json::parse(grouped.body).value("id", "");
        const auto placed = with_key(api_key_, "PATCH", "/api/v1/chargers/" + charger,
                                     Json{{"siteId", site_id_}, {"loadGroupId", group_id}});
        EXPECT_EQ(placed.status, 200) << placed.body;
        return group_id;
    }

    std::string site_id_;
};

Json status_notification(const std::string &status) {
    return {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", status}};
}

Json power_reading(double watts) {
    return {{"connectorId", 1},
            {"meterValue", Json::array({meter_value("2026-11-27T10:00:00Z",
                                                    Json::array({sampled_value(std::to_string(static_cast<int>(watts)),
                                                                               "Power.Active.Import", "W")}))})}};
}

TEST_F(LiveApi, AStatusAndAPowerReadingReachTheStreamOfTheChargersOrganisationOnly) {
    // Placed before it first speaks: the hub reads chargers' places when it first hears of the
    // organisation, then every 10 s.
    ASSERT_EQ(post("/api/v1/chargers", Json{{"id", "CP-1"}}.dump()).status, 201);
    const auto group = place("CP-1");
    auto charger = boot("CP-1");
    const auto other_key = second_organisation_key("org-b");
    SseClient mine(http_port(), api_key_);
    SseClient theirs(http_port(), other_key);
    const auto header = mine.header();
    EXPECT_TRUE(header.starts_with("HTTP/1.1 200")) << header;
    EXPECT_NE(header.find("Content-Type: text/event-stream"), std::string::npos) << header;
    const auto snapshot = mine.wait_for([](const SseEvent &e) { return e.event == "snapshot"; });
    ASSERT_TRUE(snapshot) << mine.raw();
    EXPECT_TRUE(snapshot->data.contains("connectors")) << snapshot->data;
    ASSERT_TRUE(theirs.wait_for([](const SseEvent &e) { return e.event == "snapshot"; })) << theirs.raw();

    result_of(charger->call("StatusNotification", status_notification("Charging")));
    const auto charging =
        mine.wait_for(connector_where("CP-1", [](const Json &c) { return c["status"] == "Charging"; }));
    ASSERT_TRUE(charging) << mine.raw();
    EXPECT_EQ(charging->data["evseId"], 1);
    EXPECT_FALSE(charging->id.empty());

    result_of(charger->call("MeterValues", power_reading(7200)));
    const auto powered = mine.wait_for(connector_where("CP-1", [](const Json &c) { return c["powerW"] == 7200.0; }));
    ASSERT_TRUE(powered) << mine.raw();
    EXPECT_GT(std::stoll(powered->id), std::stoll(charging->id)) << "ids grow with every change";
    const auto rolled = mine.wait_for(
        [&](const SseEvent &e) { return e.event == "loadGroup" && e.data["id"] == group && e.data["powerKw"] == 7.2; });
    ASSERT_TRUE(rolled) << mine.raw();
    EXPECT_EQ(rolled->data["limitKwNow"], 150.0);
    ASSERT_TRUE(mine.wait_for([&](const SseEvent &e) {
        return e.event == "site" && e.data["id"] == site_id_ && e.data["powerKw"] == 7.2;
    })) << mine.raw();

    // The other organisation's own change comes after all of those on its stream: had any of CP-1's
    // reached it, it would be there by now.
    ASSERT_EQ(with_key(other_key, "POST", "/api/v1/chargers", Json{{"id", "CP-B"}}).status, 201);
    auto their_charger = boot("CP-B");
    result_of(their_charger->call("StatusNotification", status_notification("Available")));
    ASSERT_TRUE(theirs.wait_for(connector_where("CP-B", [](const Json &) { return true; }))) << theirs.raw();
    EXPECT_EQ(theirs.raw().find("CP-1"), std::string::npos) << theirs.raw();
    EXPECT_EQ(theirs.raw().find(site_id_), std::string::npos) << theirs.raw();

    // The snapshot holds the same, for its organisation only.
    const auto live = get_json("/api/v1/live");
    ASSERT_EQ(live["connectors"].size(), 1u) << live;
    EXPECT_EQ(live["connectors"][0]["powerW"], 7200.0);
    EXPECT_EQ(live["loadGroups"][0]["powerKw"], 7.2);
    EXPECT_EQ(live["sites"][0]["powerKw"], 7.2);
    EXPECT_EQ(live["sites"][0]["limitKwNow"], 400.0);
    const auto their_live = Json::parse(with_key(other_key, "GET", "/api/v1/live").body);
    EXPECT_EQ(their_live.dump().find("CP-1"), std::string::npos) << their_live;
}

TEST_F(LiveApi, TheStreamAndTheSnapshotNeedACredential) {
    EXPECT_EQ(anonymous("GET", "/api/v1/stream").status, 401);
    EXPECT_EQ(anonymous("GET", "/api/v1/live").status, 401);
    SseClient nobody(http_port(), "");
    EXPECT_TRUE(nobody.header().starts_with("HTTP/1.1 401")) << nobody.raw();
}

TEST_F(LiveApi, AReconnectingClientStartsAgainFromASnapshotHoldingWhatItMissed) {
    auto charger = boot("CP-1");
    std::string last_id;
    {
        SseClient first(http_port(), api_key_);
        const auto snapshot = first.wait_for([](const SseEvent &e) { return e.event == "snapshot"; });
        ASSERT_TRUE(snapshot) << first.raw();
        last_id = snapshot->id;
    }
    result_of(charger->call("StatusNotification", status_notification("Faulted")));
    wait_for("/api/v1/live", [](const Json &live) { return live["connectors"].size() == 1; });
    SseClient again(http_port(), api_key_, "Last-Event-ID: " + last_id + "\r\n");
    const auto snapshot = again.wait_for([](const SseEvent &e) { return e.event == "snapshot"; });
    ASSERT_TRUE(snapshot) << again.raw();
    EXPECT_EQ(again.seen().front().event, "snapshot") << "the snapshot comes first";
    ASSERT_EQ(snapshot->data["connectors"].size(), 1u) << snapshot->data;
    EXPECT_EQ(snapshot->data["connectors"][0]["status"], "Faulted");
    EXPECT_GT(std::stoll(snapshot->id), std::stoll(last_id));
}

TEST_F(LiveApi, StoppingTheServerEndsOpenStreams) {
    SseClient client(http_port(), api_key_);
    ASSERT_TRUE(client.wait_for([](const SseEvent &e) { return e.event == "snapshot"; })) << client.raw();
    stop();
    EXPECT_TRUE(client.closed_by_server());
}

} // namespace
