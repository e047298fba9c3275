// Sessions tied to vehicles over the API: a vehicle's card, the depot's charger assignments, linking
// by hand, the vehicleId filter and CSV column, the errors, and another organisation kept out.
#include "e2e_fixture.hpp"

#include "manage/core/api_keys.hpp"
#include "manage/core/organisations.hpp"

using namespace manage;
using namespace manage::testing;

namespace {

class SessionVehiclesApi : public PlatformFixture {
protected:
    void SetUp() override {
        PlatformFixture::SetUp();
        fleet_ = created("/api/v1/fleets", {{"name", "Buses"}})["id"].get<std::string>();
        bus7_ = created("/api/v1/vehicles", vehicle("Bus 7", {"CARD-7"}))["id"].get<std::string>();
        bus8_ = created("/api/v1/vehicles", vehicle("Bus 8", Json::array()))["id"].get<std::string>();
        put_id_tag("CARD-7");
        put_id_tag("DEPOT");
        charger_ = boot("CP-BAY");
    }

    Json vehicle(const std::string &name, const Json &tokens) const {
        return {{"fleetId", fleet_}, {"name", name}, {"batteryKwh", 350}, {"maxDcKw", 150}, {"rfidTokens", tokens}};
    }

    Json created(const std::string &target, const Json &body) {
        const auto reply = post(target, body.dump());
        EXPECT_EQ(reply.status, 201) << target << " " << reply.body;
        return Json::parse(reply.body, nullptr, false);
    }

    long long start(int connector, const std::string &tag, const std::string &at) {
        return result_of(charger_->call(
            "StartTransaction",
            {{"connectorId", connector}, {"idTag", tag}, {"meterStart", 0}, {"timestamp", at}}))["transactionId"]
            .get<long long>();
    }

    std::string other_key() {
        auto database = infra::Database::open("sqlite://" + (dir_ / "manage.db").string(), 1);
        EXPECT_TRUE(database) << database.error().message;
        RealClock clock;
        core::Organisations organisations(*database.value(), clock);
        EXPECT_TRUE(organisations.create("Other fleet", "org-b"));
        core::ApiKeys keys(*database.value(), clock);
        auto key = keys.create("org-b", "key", core::Role::Admin);
        EXPECT_TRUE(key);
        return key ? key.value().key : std::string();
    }

    HttpReply as(const std::string &key, const std::string &method, const std::string &target,
                 const std::string &body = {}) {
        return http_request(http_port(), method, target, {{"Authorization", "Bearer " + key}}, body);
    }

    std::string fleet_, bus7_, bus8_;
    std::unique_ptr<OcppTestClient> charger_;
};

void expect_error(const HttpReply &reply, int status, const std::string &code, const std::string &field) {
    EXPECT_EQ(reply.status, status) << reply.body;
    const auto error = api_error(reply);
    EXPECT_EQ(error.value("code", ""), code) << reply.body;
    EXPECT_EQ(error.value("field", ""), field) << reply.body;
}

} // namespace

TEST_F(SessionVehiclesApi, ACardAnAssignmentAndAnOperatorEachLinkASession) {
    created("/api/v1/vehicle-assignments", {{"vehicleId", bus8_},
                                            {"chargerId", "CP-BAY"},
                                            {"connectorId", 2},
                                            {"startsAt", "2026-11-27T17:00:00Z"},
                                            {"endsAt", "2026-11-28T05:00:00Z"}});
    const auto by_card = start(1, "CARD-7", "2026-11-27T18:00:00Z");
    const auto by_plan = start(2, "DEPOT", "2026-11-27T18:05:00Z");
    const auto unknown = start(1, "DEPOT", "2026-11-28T07:00:00Z");

    const auto card = get_json("/api/v1/sessions/" + std::to_string(by_card));
    EXPECT_EQ(card["vehicleId"], bus7_);
    EXPECT_EQ(card["vehicleLink"], "token");
    const auto plan = get_json("/api/v1/sessions/" + std::to_string(by_plan));
    EXPECT_EQ(plan["vehicleId"], bus8_);
    EXPECT_EQ(plan["vehicleLink"], "schedule");
    EXPECT_TRUE(get_json("/api/v1/sessions/" + std::to_string(unknown))["vehicleId"].is_null());

    const auto linked =
        put("/api/v1/sessions/" + std::to_string(unknown) + "/vehicle", Json{{"vehicleId", bus7_}}.dump());
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_EQ(Json::parse(linked.body)["vehicleLink"], "manual");

    const auto bus7_sessions = get_json("/api/v1/sessions?vehicleId=" + bus7_);
    std::vector<long long> ids;
    for (const auto &item : bus7_sessions["items"])
        ids.push_back(item["transactionId"].get<long long>());
    EXPECT_EQ(ids, (std::vector<long long>{unknown, by_card}));

    const auto csv = get("/api/v1/sessions.csv?vehicleId=" + bus8_);
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find(",vehicleId,vehicleLink\r\n"), std::string::npos);
    EXPECT_NE(csv.body.find("," + bus8_ + ",schedule\r\n"), std::string::npos) << csv.body;

    const auto unlinked = put("/api/v1/sessions/" + std::to_string(unknown) + "/vehicle", R"({"vehicleId":null})");
    ASSERT_EQ(unlinked.status, 200);
    EXPECT_TRUE(Json::parse(unlinked.body)["vehicleLink"].is_null());
}

TEST_F(SessionVehiclesApi, AssignmentsAreCheckedAndListed) {
    const Json plan{{"vehicleId", bus8_},
                    {"chargerId", "CP-BAY"},
                    {"startsAt", "2026-11-27T17:00:00Z"},
                    {"endsAt", "2026-11-28T05:00:00Z"}};
    const auto first = created("/api/v1/vehicle-assignments", plan);
    EXPECT_TRUE(first["connectorId"].is_null());
    auto clash = plan;
    clash["vehicleId"] = bus7_;
    clash["connectorId"] = 1;
    expect_error(post("/api/v1/vehicle-assignments", clash.dump()), 409, "assignment_overlaps", "startsAt");
    auto backwards = plan;
    backwards["endsAt"] = "2026-11-27T16:00:00Z";
    expect_error(post("/api/v1/vehicle-assignments", backwards.dump()), 422, "invalid_period", "endsAt");
    auto nowhere = plan;
    nowhere["chargerId"] = "CP-NONE";
    expect_error(post("/api/v1/vehicle-assignments", nowhere.dump()), 422, "charger_not_found", "chargerId");
    auto extra = plan;
    extra["bay"] = 4;
    expect_error(post("/api/v1/vehicle-assignments", extra.dump()), 422, "unknown_field", "bay");
    auto bad_connector = plan;
    bad_connector["connectorId"] = 0;
    expect_error(post("/api/v1/vehicle-assignments", bad_connector.dump()), 422, "invalid_field", "connectorId");

    EXPECT_EQ(get_json("/api/v1/vehicle-assignments?vehicleId=" + bus8_)["items"].size(), 1u);
    EXPECT_EQ(get_json("/api/v1/vehicle-assignments?vehicleId=" + bus7_)["items"].size(), 0u);
    EXPECT_EQ(del("/api/v1/vehicle-assignments/" + first["id"].get<std::string>()).status, 204);
    expect_error(del("/api/v1/vehicle-assignments/" + first["id"].get<std::string>()), 404, "assignment_not_found",
                 "assignmentId");
}

TEST_F(SessionVehiclesApi, AnotherOrganisationCanNeitherSeeNorLink) {
    const auto session = start(1, "CARD-7", "2026-11-27T18:00:00Z");
    created("/api/v1/vehicle-assignments", {{"vehicleId", bus8_},
                                            {"chargerId", "CP-BAY"},
                                            {"startsAt", "2026-11-27T17:00:00Z"},
                                            {"endsAt", "2026-11-28T05:00:00Z"}});
    const auto key = other_key();
    expect_error(
        as(key, "PUT", "/api/v1/sessions/" + std::to_string(session) + "/vehicle", Json{{"vehicleId", bus8_}}.dump()),
        404, "session_not_found", "transactionId");
    EXPECT_EQ(Json::parse(as(key, "GET", "/api/v1/vehicle-assignments").body)["items"].size(), 0u);
    EXPECT_EQ(Json::parse(as(key, "GET", "/api/v1/sessions?vehicleId=" + bus7_).body)["items"].size(), 0u);
    const auto theirs = as(key, "POST", "/api/v1/vehicle-assignments",
                           Json{{"vehicleId", bus8_},
                                {"chargerId", "CP-BAY"},
                                {"startsAt", "2026-12-01T17:00:00Z"},
                                {"endsAt", "2026-12-02T05:00:00Z"}}
                               .dump());
    expect_error(theirs, 422, "vehicle_not_found", "vehicleId");
    // Our own session cannot be pointed at a vehicle we do not have.
    expect_error(put("/api/v1/sessions/" + std::to_string(session) + "/vehicle", R"({"vehicleId":"nope"})"), 422,
                 "vehicle_not_found", "vehicleId");
}
