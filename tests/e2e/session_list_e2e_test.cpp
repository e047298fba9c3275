// The session list as operators and integrators page through it: filters, orders, cursors, the cost
// fixed when a session stops, and the CSV export.
#include "e2e_fixture.hpp"

#include <set>
#include <sstream>

using namespace manage;
using namespace manage::testing;

namespace {

class SessionList : public PlatformFixture {
protected:
    // Five stopped 1.6 sessions on CP-LIST, started an hour apart from 01:00, with 1, 5, 2, 4, 3 kWh,
    // then one active session started at 06:00; billed by a flat tariff of 0.50 EUR/kWh.
    void SetUp() override {
        PlatformFixture::SetUp();
        ASSERT_EQ(put("/api/v1/tariffs/flat", R"({"name":"Flat","currency":"EUR","timezone":"UTC","pricePerKwh":0.5})")
                      .status,
                  201);
        charger_ = boot("CP-LIST");
        ASSERT_EQ(put("/api/v1/chargers/CP-LIST/tariff", R"({"tariffId":"flat"})").status, 200);
        const int kwh[] = {1, 5, 2, 4, 3};
        for (int i = 0; i < 5; ++i) {
            const auto started = "2026-11-27T0" + std::to_string(i + 1) + ":00:00Z";
            const auto stopped = "2026-11-27T0" + std::to_string(i + 1) + ":30:00Z";
            const auto tag = i == 2 ? std::string("=HACK,1") : "CARD-" + std::to_string(i);
            put_id_tag(tag);
            const auto start = result_of(
                charger_->call("StartTransaction",
                               {{"connectorId", 1}, {"idTag", tag}, {"meterStart", 10000}, {"timestamp", started}}));
            const auto id = start["transactionId"].get<long long>();
            ids_.push_back(id);
            result_of(charger_->call(
                "StopTransaction",
                {{"transactionId", id}, {"meterStop", 10000 + kwh[i] * 1000}, {"timestamp", stopped}, {"idTag", tag}}));
        }
        put_id_tag("CARD-LIVE");
        active_ =
            result_of(charger_->call("StartTransaction", {{"connectorId", 2},
                                                          {"idTag", "CARD-LIVE"},
                                                          {"meterStart", 0},
                                                          {"timestamp", "2026-11-27T06:00:00Z"}}))["transactionId"]
                .get<long long>();
    }

    // Every page of `query` (with its own limit) following nextCursor; the transaction ids in order.
    std::vector<long long> all_pages(const std::string &query, int *pages = nullptr) {
        std::vector<long long> ids;
        std::string cursor;
        for (int page = 1; page < 20; ++page) {
            const auto body = get_json("/api/v1/sessions?" + query + (cursor.empty() ? "" : "&cursor=" + cursor));
            for (const auto &item : body["items"])
                ids.push_back(item["transactionId"].get<long long>());
            if (pages)
                *pages = page;
            if (body["nextCursor"].is_null())
                break;
            cursor = body["nextCursor"].get<std::string>();
        }
        return ids;
    }

    std::unique_ptr<OcppTestClient> charger_;
    std::vector<long long> ids_;
    long long active_ = 0;
};

} // namespace

TEST_F(SessionList, CursorPagesGoThroughEverySessionOnceNewestFirst) {
    int pages = 0;
    const auto ids = all_pages("limit=2", &pages);
    EXPECT_EQ(pages, 3);
    const std::vector<long long> expected{active_, ids_[4], ids_[3], ids_[2], ids_[1], ids_[0]};
    EXPECT_EQ(ids, expected);
    EXPECT_EQ(all_pages("limit=4&sort=startedAt"), std::vector<long long>(expected.rbegin(), expected.rend()));
}

TEST_F(SessionList, SortsByEnergyWithTheActiveSessionAsNone) {
    const std::vector<long long> ascending{active_, ids_[0], ids_[2], ids_[4], ids_[3], ids_[1]};
    EXPECT_EQ(all_pages("sort=energyWh&limit=4"), ascending);
    EXPECT_EQ(all_pages("sort=-energyWh&limit=5"), std::vector<long long>(ascending.rbegin(), ascending.rend()));
}

TEST_F(SessionList, FiltersByStatusTagAndStartTime) {
    EXPECT_EQ(all_pages("status=active"), std::vector<long long>{active_});
    EXPECT_EQ(all_pages("status=stopped&limit=10").size(), 5u);
    EXPECT_EQ(all_pages("idTag=CARD-3"), std::vector<long long>{ids_[3]});
    EXPECT_EQ(all_pages("from=2026-11-27T02:00:00Z&to=2026-11-27T04:00:00Z"),
              (std::vector<long long>{ids_[2], ids_[1]}));
    EXPECT_EQ(all_pages("chargerId=CP-OTHER").size(), 0u);
}

TEST_F(SessionList, BadParametersAndForeignCursorsAreRefusedWithTheirField) {
    const auto page = get_json("/api/v1/sessions?limit=2");
    const auto cursor = page["nextCursor"].get<std::string>();
    const auto other_sort = get("/api/v1/sessions?sort=energyWh&cursor=" + cursor);
    EXPECT_EQ(other_sort.status, 422);
    EXPECT_EQ(api_error(other_sort)["code"], "invalid_cursor");
    EXPECT_EQ(api_error(get("/api/v1/sessions?cursor=zz"))["field"], "cursor");
    EXPECT_EQ(api_error(get("/api/v1/sessions?sort=cost"))["field"], "sort");
    EXPECT_EQ(api_error(get("/api/v1/sessions?from=yesterday"))["field"], "from");
    EXPECT_EQ(api_error(get("/api/v1/sessions?from=2026-11-27T02:00:00Z&to=2026-11-27T01:00:00Z"))["field"], "to");
    EXPECT_EQ(api_error(get("/api/v1/sessions?limit=0"))["field"], "limit");
    EXPECT_EQ(api_error(get("/api/v1/sessions?colour=red"))["field"], "colour");
}

TEST_F(SessionList, AStoppedSessionKeepsItsCostAndDuration) {
    const auto session = get_json("/api/v1/sessions/" + std::to_string(ids_[1]));
    EXPECT_EQ(session["durationS"], 1800);
    ASSERT_TRUE(session["cost"].is_object()) << session.dump();
    EXPECT_DOUBLE_EQ(session["cost"]["amount"].get<double>(), 2.5) << "5 kWh at 0.50";
    EXPECT_EQ(session["cost"]["currency"], "EUR");
    // The tariff changes later: the stopped session's cost stays what it was.
    ASSERT_EQ(
        put("/api/v1/tariffs/flat", R"({"name":"Flat","currency":"EUR","timezone":"UTC","pricePerKwh":9})").status,
        200);
    EXPECT_DOUBLE_EQ(get_json("/api/v1/sessions/" + std::to_string(ids_[1]))["cost"]["amount"].get<double>(), 2.5);
    const auto live = get_json("/api/v1/sessions/" + std::to_string(active_));
    EXPECT_TRUE(live["cost"].is_null());
    EXPECT_TRUE(live["durationS"].is_null());
}

TEST_F(SessionList, TheCsvExportHasEveryMatchingSessionSafeForSpreadsheets) {
    const auto reply = get("/api/v1/sessions.csv?status=stopped&sort=startedAt");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.headers.at("content-type").rfind("text/csv", 0), 0u);
    EXPECT_NE(reply.headers.at("content-disposition").find("sessions.csv"), std::string::npos);
    std::istringstream in(reply.body);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line.substr(0, line.size() - (line.empty() || line.back() != '\r' ? 0 : 1)));
    ASSERT_EQ(lines.size(), 6u) << reply.body;
    EXPECT_EQ(lines[0], "transactionId,chargerId,evseId,connectorId,idTag,status,startedAt,stoppedAt,durationS,"
                        "energyKwh,costAmount,costCurrency,stopReason,vehicleId,vehicleLink");
    EXPECT_EQ(lines[1], std::to_string(ids_[0]) +
                            ",CP-LIST,1,1,CARD-0,stopped,2026-11-27T01:00:00.000Z,2026-11-27T01:30:00.000Z,1800,1,0.5,"
                            "EUR,Local,,");
    EXPECT_NE(lines[3].find(",\"'=HACK,1\","), std::string::npos)
        << "a comma is quoted and a formula is defused: " << lines[3];
    const auto refused = get("/api/v1/sessions.csv?limit=5");
    EXPECT_EQ(refused.status, 422) << "the export has no pages";
}
