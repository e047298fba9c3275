// Fleets, vehicles and departure schedules over real HTTP: create, read, update and delete; every
// validation error with its field; ETag and If-Match; roles; and tenancy (another organisation reaches
// none of it, on every route).
#include "e2e_fixture.hpp"

#include "manage/common/clock.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/organisations.hpp"
#include "manage/infra/database.hpp"

using namespace manage;
using namespace manage::testing;

namespace {

class FleetApi : public PlatformFixture {
protected:
    HttpReply send(const std::string &method, const std::string &target, const std::string &body = {},
                   const std::map<std::string, std::string> &extra = {}, const std::string &key = {}) {
        auto headers = extra;
        headers["Authorization"] = "Bearer " + (key.empty() ? api_key_ : key);
        return http_request(http_port(), method, target, headers, body);
    }
    HttpReply patch(const std::string &target, const Json &body, const std::map<std::string, std::string> &extra = {}) {
        return send("PATCH", target, body.dump(), extra);
    }

    // The created record's body; a test failure unless the answer is 201 with an ETag "1".
    Json created(const std::string &target, const Json &body) {
        const auto reply = post(target, body.dump());
        EXPECT_EQ(reply.status, 201) << target << " " << reply.body;
        EXPECT_EQ(reply.headers.count("etag") ? reply.headers.at("etag") : "", "\"1\"");
        return Json::parse(reply.body, nullptr, false);
    }

    void expect_error(const HttpReply &reply, int status, const std::string &code, const std::string &field) {
        EXPECT_EQ(reply.status, status) << reply.body;
        const auto error = api_error(reply);
        EXPECT_EQ(error.value("code", ""), code) << reply.body;
        EXPECT_EQ(error.value("field", ""), field) << reply.body;
    }

    std::string key_of(const std::string &organisation, core::Role role) {
        auto database = infra::Database::open("sqlite://" + (dir_ / "manage.db").string(), 1);
        EXPECT_TRUE(database) << database.error().message;
        RealClock clock;
        if (organisation != "default") {
            core::Organisations organisations(*database.value(), clock);
            EXPECT_TRUE(organisations.create("Other fleet", organisation));
        }
        core::ApiKeys keys(*database.value(), clock);
        auto key = keys.create(organisation, "key", role);
        EXPECT_TRUE(key);
        return key ? key.value().key : std::string();
    }

    // A fleet, a vehicle in it and a weekly departure of it; their ids.
    struct Made {
        std::string fleet, vehicle, departure;
    };
    Made make_all() {
        const auto fleet = created("/api/v1/fleets", {{"name", "Buses"}});
        const auto vehicle = created("/api/v1/vehicles", {{"fleetId", fleet["id"]},
                                                          {"name", "Bus 12"},
                                                          {"batteryKwh", 300},
                                                          {"maxDcKw", 150},
                                                          {"rfidTokens", {"CARD-12"}}});
        const auto departure = created("/api/v1/vehicles/" + vehicle["id"].get<std::string>() + "/departures",
                                       {{"kind", "weekly"}, {"days", {"Mon", "Fri"}}, {"time", "06:45"}, {"soc", 80}});
        return {fleet.value("id", ""), vehicle.value("id", ""), departure.value("id", "")};
    }

    Json vehicle_body(const std::string &fleet_id) {
        return {{"fleetId", fleet_id}, {"name", "Van"}, {"batteryKwh", 75}, {"maxAcKw", 11}};
    }
};

// `pattern` with {fleetId}, {vehicleId} and {departureId} replaced.
std::string filled(std::string pattern, const std::map<std::string, std::string> &values) {
    for (const auto &[name, value] : values) {
        const auto placeholder = "{" + name + "}";
        for (auto at = pattern.find(placeholder); at != std::string::npos; at = pattern.find(placeholder))
            pattern.replace(at, placeholder.size(), value);
    }
    return pattern;
}

bool fleet_route(const std::string &pattern) {
    return pattern.rfind("/api/v1/fleets", 0) == 0 || pattern.rfind("/api/v1/vehicles", 0) == 0;
}

} // namespace

TEST_F(FleetApi, FleetsAreCreatedReadRenamedAndDeleted) {
    const auto fleet = created("/api/v1/fleets", {{"name", "Buses"}, {"description", "Depot north"}});
    const auto id = fleet["id"].get<std::string>();
    EXPECT_EQ(id.size(), 36u);
    EXPECT_EQ(fleet["name"], "Buses");
    EXPECT_EQ(fleet["description"], "Depot north");
    created("/api/v1/fleets", {{"name", "Airport"}});
    const auto items = get_json("/api/v1/fleets")["items"];
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0]["name"], "Airport") << "by name";

    const auto read = get("/api/v1/fleets/" + id);
    EXPECT_EQ(read.status, 200);
    EXPECT_EQ(read.headers.at("etag"), "\"1\"");
    const auto renamed =
        patch("/api/v1/fleets/" + id, {{"name", "City buses"}, {"description", nullptr}}, {{"If-Match", "\"1\""}});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(renamed.headers.at("etag"), "\"2\"");
    EXPECT_EQ(Json::parse(renamed.body)["name"], "City buses");
    EXPECT_TRUE(Json::parse(renamed.body)["description"].is_null());
    // The same If-Match again is stale: 412 with the current ETag, nothing changed.
    const auto stale = patch("/api/v1/fleets/" + id, {{"name", "Lost"}}, {{"If-Match", "\"1\""}});
    expect_error(stale, 412, "precondition_failed", "If-Match");
    EXPECT_EQ(stale.headers.at("etag"), "\"2\"");
    expect_error(send("DELETE", "/api/v1/fleets/" + id, "", {{"If-Match", "\"1\""}}), 412, "precondition_failed",
                 "If-Match");
    expect_error(send("DELETE", "/api/v1/fleets/" + id, "", {{"If-Match", "2"}}), 400, "invalid_if_match", "If-Match");
    EXPECT_EQ(get_json("/api/v1/fleets/" + id)["name"], "City buses");
    EXPECT_EQ(send("DELETE", "/api/v1/fleets/" + id, "", {{"If-Match", "\"2\""}}).status, 204);
    expect_error(get("/api/v1/fleets/" + id), 404, "fleet_not_found", "fleetId");
    expect_error(del("/api/v1/fleets/" + id), 404, "fleet_not_found", "fleetId");
}

TEST_F(FleetApi, FleetFieldsAreValidated) {
    expect_error(post("/api/v1/fleets", "{}"), 422, "missing_field", "name");
    expect_error(post("/api/v1/fleets", R"({"name":""})"), 422, "invalid_name", "name");
    expect_error(post("/api/v1/fleets", Json{{"name", std::string(201, 'x')}}.dump()), 422, "invalid_name", "name");
    expect_error(post("/api/v1/fleets", R"({"name":7})"), 422, "invalid_type", "name");
    expect_error(post("/api/v1/fleets", Json{{"name", "x"}, {"description", std::string(2001, 'd')}}.dump()), 422,
                 "invalid_description", "description");
    expect_error(post("/api/v1/fleets", R"({"name":"x","colour":"red"})"), 422, "unknown_field", "colour");
    expect_error(post("/api/v1/fleets", R"([1])"), 422, "invalid_body", "");
    const auto fleet = created("/api/v1/fleets", {{"name", "Buses"}});
    expect_error(patch("/api/v1/fleets/" + fleet["id"].get<std::string>(), {{"name", nullptr}}), 422, "invalid_type",
                 "name");
    expect_error(get("/api/v1/fleets?limit=3"), 422, "unknown_parameter", "limit");
}

TEST_F(FleetApi, VehiclesAreCreatedReadUpdatedAndDeleted) {
    const auto fleet = created("/api/v1/fleets", {{"name", "Buses"}})["id"].get<std::string>();
    const auto other_fleet = created("/api/v1/fleets", {{"name", "Vans"}})["id"].get<std::string>();
    const auto bus = created("/api/v1/vehicles", {{"fleetId", fleet},
                                                  {"name", "Bus 12"},
                                                  {"registration", "AB-123-C"},
                                                  {"vin", "WDB9066331S123456"},
                                                  {"batteryKwh", 300},
                                                  {"maxAcKw", 22},
                                                  {"maxDcKw", 150},
                                                  {"targetSoc", 90},
                                                  {"timezone", "Europe/Amsterdam"},
                                                  {"rfidTokens", {"CARD-1", "CARD-2"}}});
    const auto id = bus["id"].get<std::string>();
    EXPECT_EQ(bus["fleetId"], fleet);
    EXPECT_EQ(bus["vin"], "WDB9066331S123456");
    EXPECT_EQ(bus["rfidTokens"], Json({"CARD-1", "CARD-2"}));
    const auto van = created("/api/v1/vehicles", vehicle_body(other_fleet));
    EXPECT_EQ(van["targetSoc"], 100) << "the default";
    EXPECT_EQ(van["timezone"], "UTC");
    EXPECT_TRUE(van["registration"].is_null());
    EXPECT_EQ(van["rfidTokens"], Json::array());

    EXPECT_EQ(get_json("/api/v1/vehicles")["items"].size(), 2u);
    const auto buses = get_json("/api/v1/vehicles?fleetId=" + fleet)["items"];
    ASSERT_EQ(buses.size(), 1u);
    EXPECT_EQ(buses[0]["id"], id);
    EXPECT_EQ(get_json("/api/v1/vehicles?fleetId=nope")["items"].size(), 0u);

    const auto moved =
        patch("/api/v1/vehicles/" + id,
              {{"fleetId", other_fleet}, {"targetSoc", 80}, {"vin", nullptr}, {"rfidTokens", {"CARD-3"}}},
              {{"If-Match", "\"1\""}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.headers.at("etag"), "\"2\"");
    const auto after = Json::parse(moved.body);
    EXPECT_EQ(after["fleetId"], other_fleet);
    EXPECT_EQ(after["targetSoc"], 80);
    EXPECT_TRUE(after["vin"].is_null());
    EXPECT_EQ(after["name"], "Bus 12") << "members not sent stay";
    EXPECT_EQ(after["rfidTokens"], Json({"CARD-3"}));
    expect_error(patch("/api/v1/vehicles/" + id, {{"name", "x"}}, {{"If-Match", "\"1\""}}), 412, "precondition_failed",
                 "If-Match");
    expect_error(del("/api/v1/fleets/" + other_fleet), 409, "fleet_in_use", "fleetId");

    EXPECT_EQ(send("DELETE", "/api/v1/vehicles/" + id, "", {{"If-Match", "\"2\""}}).status, 204);
    expect_error(get("/api/v1/vehicles/" + id), 404, "vehicle_not_found", "vehicleId");
    EXPECT_EQ(get_json("/api/v1/vehicles")["items"].size(), 1u);
}

TEST_F(FleetApi, VehicleFieldsAreValidated) {
    const auto fleet = created("/api/v1/fleets", {{"name", "Buses"}})["id"].get<std::string>();
    const auto with = [&](const std::string &name, const Json &value) {
        auto body = vehicle_body(fleet);
        body[name] = value;
        return post("/api/v1/vehicles", body.dump());
    };
    const auto without = [&](const std::string &name) {
        auto body = vehicle_body(fleet);
        body.erase(name);
        return post("/api/v1/vehicles", body.dump());
    };
    expect_error(without("fleetId"), 422, "missing_field", "fleetId");
    expect_error(without("name"), 422, "missing_field", "name");
    expect_error(without("batteryKwh"), 422, "missing_field", "batteryKwh");
    expect_error(with("fleetId", "no-such-fleet"), 422, "unknown_fleet", "fleetId");
    expect_error(with("name", ""), 422, "invalid_name", "name");
    expect_error(with("registration", std::string(21, 'A')), 422, "invalid_registration", "registration");
    expect_error(with("vin", "WDB9066331I123456"), 422, "invalid_vin", "vin");
    expect_error(with("batteryKwh", 0), 422, "invalid_battery", "batteryKwh");
    expect_error(with("batteryKwh", 2001), 422, "invalid_battery", "batteryKwh");
    expect_error(with("batteryKwh", "big"), 422, "invalid_type", "batteryKwh");
    expect_error(with("maxAcKw", 51), 422, "invalid_power", "maxAcKw");
    expect_error(with("maxAcKw", 0), 422, "invalid_power", "maxAcKw"); // neither AC nor DC
    expect_error(with("maxDcKw", 1001), 422, "invalid_power", "maxDcKw");
    expect_error(with("targetSoc", 0), 422, "invalid_soc", "targetSoc");
    expect_error(with("targetSoc", 101), 422, "invalid_soc", "targetSoc");
    expect_error(with("timezone", "Mars/Olympus"), 422, "unknown_timezone", "timezone");
    expect_error(with("rfidTokens", "CARD"), 422, "invalid_type", "rfidTokens");
    expect_error(with("rfidTokens", {"A", 7}), 422, "invalid_type", "rfidTokens/1");
    expect_error(with("rfidTokens", {"A", "has space"}), 422, "invalid_id_tag", "rfidTokens/1");
    expect_error(with("rfidTokens", {"A", "B", "A"}), 422, "duplicate_id_tag", "rfidTokens/2");
    expect_error(
        with("rfidTokens", Json(std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"})),
        422, "too_many_rfid_tokens", "rfidTokens");
    expect_error(with("colour", "red"), 422, "unknown_field", "colour");
    expect_error(get("/api/v1/vehicles?fleetId="), 422, "invalid_parameter", "fleetId");
    expect_error(get("/api/v1/vehicles?fleet=1"), 422, "unknown_parameter", "fleet");

    // A token is one vehicle's: the answer names the vehicle that has it.
    ASSERT_EQ(with("rfidTokens", {"CARD-1"}).status, 201);
    const auto taken = with("rfidTokens", {"CARD-9", "CARD-1"});
    expect_error(taken, 409, "rfid_token_taken", "rfidTokens/1");
    EXPECT_NE(api_error(taken)["message"].get<std::string>().find("'Van'"), std::string::npos) << taken.body;
    EXPECT_EQ(get_json("/api/v1/vehicles")["items"].size(), 1u);
}

TEST_F(FleetApi, DeparturesAreWeeklyOrTripsWithEnergyOrSoc) {
    const auto made = make_all();
    const auto base = "/api/v1/vehicles/" + made.vehicle + "/departures";
    const auto weekly = get(base + "/" + made.departure);
    ASSERT_EQ(weekly.status, 200);
    EXPECT_EQ(weekly.headers.at("etag"), "\"1\"");
    const auto json = Json::parse(weekly.body);
    EXPECT_EQ(json["kind"], "weekly");
    EXPECT_EQ(json["days"], Json({"Mon", "Fri"}));
    EXPECT_EQ(json["time"], "06:45");
    EXPECT_EQ(json["soc"], 80);
    EXPECT_TRUE(json["energyKwh"].is_null());
    EXPECT_EQ(json["vehicleId"], made.vehicle);

    const auto trip =
        created(base, {{"kind", "trip"}, {"at", "2027-01-04T05:30:00Z"}, {"energyKwh", 120}, {"name", "Block 4"}});
    EXPECT_EQ(trip["at"], "2027-01-04T05:30:00.000Z");
    EXPECT_EQ(trip["name"], "Block 4");
    EXPECT_EQ(get_json(base)["items"].size(), 2u);

    // Sending soc replaces energyKwh; a trip can become weekly with the weekly members.
    const auto trip_path = base + "/" + trip["id"].get<std::string>();
    const auto to_soc = patch(trip_path, {{"soc", 90}}, {{"If-Match", "\"1\""}});
    ASSERT_EQ(to_soc.status, 200) << to_soc.body;
    EXPECT_TRUE(Json::parse(to_soc.body)["energyKwh"].is_null());
    EXPECT_EQ(to_soc.headers.at("etag"), "\"2\"");
    expect_error(patch(trip_path, {{"kind", "weekly"}}), 422, "missing_field", "days");
    const auto now_weekly = patch(trip_path, {{"kind", "weekly"}, {"days", {"Sun"}}, {"time", "23:59"}});
    ASSERT_EQ(now_weekly.status, 200) << now_weekly.body;
    EXPECT_FALSE(Json::parse(now_weekly.body).contains("at"));
    expect_error(patch(trip_path, {{"time", "07:00"}}, {{"If-Match", "\"2\""}}), 412, "precondition_failed",
                 "If-Match");
    expect_error(send("DELETE", trip_path, "", {{"If-Match", "\"2\""}}), 412, "precondition_failed", "If-Match");
    EXPECT_EQ(send("DELETE", trip_path, "", {{"If-Match", "\"3\""}}).status, 204);
    expect_error(get(trip_path), 404, "departure_not_found", "departureId");
    expect_error(get("/api/v1/vehicles/nope/departures"), 404, "vehicle_not_found", "vehicleId");

    // Deleting the vehicle deletes its departures.
    EXPECT_EQ(del("/api/v1/vehicles/" + made.vehicle).status, 204);
    expect_error(get(base + "/" + made.departure), 404, "vehicle_not_found", "vehicleId");
}

TEST_F(FleetApi, DepartureFieldsAreValidated) {
    const auto made = make_all();
    const auto base = "/api/v1/vehicles/" + made.vehicle + "/departures";
    const Json weekly{{"kind", "weekly"}, {"days", {"Mon"}}, {"time", "07:00"}, {"soc", 50}};
    const auto with = [&](const std::string &name, const Json &value) {
        auto body = weekly;
        body[name] = value;
        return post(base, body.dump());
    };
    expect_error(post(base, R"({"days":["Mon"],"time":"07:00","soc":50})"), 422, "missing_field", "kind");
    expect_error(with("kind", "daily"), 422, "invalid_kind", "kind");
    expect_error(with("days", Json::array()), 422, "invalid_days", "days");
    expect_error(with("days", {"Mon", "Funday"}), 422, "invalid_days", "days/1");
    expect_error(with("days", "Mon"), 422, "invalid_type", "days");
    expect_error(with("time", "24:00"), 422, "invalid_time_of_day", "time");
    expect_error(with("time", "7:00"), 422, "invalid_time_of_day", "time");
    expect_error(with("at", "2027-01-01T00:00:00Z"), 422, "unknown_field", "at");
    expect_error(with("energyKwh", 10), 422, "invalid_energy", "energyKwh"); // both
    expect_error(post(base, R"({"kind":"weekly","days":["Mon"],"time":"07:00"})"), 422, "invalid_energy",
                 "energyKwh"); // neither
    expect_error(with("soc", 0), 422, "invalid_soc", "soc");
    expect_error(with("soc", 100.5), 422, "invalid_soc", "soc");
    expect_error(with("soc", "full"), 422, "invalid_type", "soc");
    expect_error(with("name", std::string(201, 'r')), 422, "invalid_name", "name");
    expect_error(with("colour", "red"), 422, "unknown_field", "colour");
    expect_error(post(base, R"({"kind":"trip","energyKwh":10})"), 422, "missing_field", "at");
    expect_error(post(base, R"({"kind":"trip","at":"tomorrow","energyKwh":10})"), 422, "invalid_time", "at");
    expect_error(post(base, R"({"kind":"trip","at":"2027-01-01T00:00:00Z","days":["Mon"],"energyKwh":10})"), 422,
                 "unknown_field", "days");
    // More than the 300 kWh battery.
    expect_error(post(base, R"({"kind":"trip","at":"2027-01-01T00:00:00Z","energyKwh":300.5})"), 422, "invalid_energy",
                 "energyKwh");
    expect_error(post(base, R"({"kind":"trip","at":"2027-01-01T00:00:00Z","energyKwh":0})"), 422, "invalid_energy",
                 "energyKwh");
    expect_error(post("/api/v1/vehicles/nope/departures", weekly.dump()), 404, "vehicle_not_found", "vehicleId");
    // A smaller battery than a departure needs is refused.
    ASSERT_EQ(post(base, R"({"kind":"trip","at":"2027-01-01T00:00:00Z","energyKwh":250})").status, 201);
    expect_error(patch("/api/v1/vehicles/" + made.vehicle, {{"batteryKwh", 200}}), 422, "invalid_battery",
                 "batteryKwh");
}

TEST_F(FleetApi, NextDeparturesListTheWindowInTimeOrderWithEnergy) {
    const auto made = make_all(); // Mon and Fri 06:45 UTC, 80 % of 300 kWh
    const auto base = "/api/v1/vehicles/" + made.vehicle;
    created(base + "/departures", {{"kind", "trip"}, {"at", "2026-12-05T10:00:00Z"}, {"energyKwh", 100}});
    created(base + "/departures", {{"kind", "trip"}, {"at", "2026-11-01T10:00:00Z"}, {"energyKwh", 100}});
    // Thursday 3 December to Thursday 10 December 2026.
    const auto next = get_json(base + "/next-departures?from=2026-12-03T00:00:00Z&to=2026-12-10T00:00:00Z")["items"];
    ASSERT_EQ(next.size(), 3u) << next.dump();
    EXPECT_EQ(next[0]["at"], "2026-12-04T06:45:00.000Z");
    EXPECT_EQ(next[0]["departureId"], made.departure);
    EXPECT_EQ(next[0]["energyKwh"], 240);
    EXPECT_EQ(next[0]["soc"], 80);
    EXPECT_EQ(next[0]["kind"], "weekly");
    EXPECT_EQ(next[1]["at"], "2026-12-05T10:00:00.000Z");
    EXPECT_EQ(next[1]["energyKwh"], 100);
    EXPECT_EQ(next[2]["at"], "2026-12-07T06:45:00.000Z");
    // Without `to`: seven days from `from`.
    EXPECT_EQ(get_json(base + "/next-departures?from=2026-12-03T00:00:00Z")["items"].size(), 3u);
    // Without either: from now; the past trip never comes.
    EXPECT_EQ(get(base + "/next-departures").status, 200);
    expect_error(get(base + "/next-departures?from=2026-12-03T00:00:00Z&to=2026-12-03T00:00:00Z"), 422,
                 "invalid_parameter", "to");
    expect_error(get(base + "/next-departures?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:01Z"), 422,
                 "invalid_parameter", "to");
    EXPECT_EQ(get(base + "/next-departures?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z").status, 200)
        << "31 days is allowed";
    expect_error(get(base + "/next-departures?from=soon"), 422, "invalid_parameter", "from");
    expect_error(get(base + "/next-departures?limit=3"), 422, "unknown_parameter", "limit");
    expect_error(get("/api/v1/vehicles/nope/next-departures"), 404, "vehicle_not_found", "vehicleId");
}

TEST_F(FleetApi, AViewerReadsButCannotWriteAndAnOperatorCan) {
    const auto made = make_all();
    const auto viewer = key_of("default", core::Role::Viewer);
    const auto operator_key = key_of("default", core::Role::Operator);
    const std::map<std::string, std::string> ids{
        {"fleetId", made.fleet}, {"vehicleId", made.vehicle}, {"departureId", made.departure}};
    for (const auto &[method, pattern] : platform_->http_routes()) {
        if (!fleet_route(pattern))
            continue;
        const auto target = filled(pattern, ids);
        SCOPED_TRACE(method + " " + target);
        const auto reply = send(method, target, method == "GET" || method == "DELETE" ? "" : "{}", {}, viewer);
        if (method == "GET") {
            EXPECT_EQ(reply.status, 200) << reply.body;
        } else {
            EXPECT_EQ(reply.status, 403) << reply.body;
            EXPECT_EQ(api_error(reply)["code"], "forbidden");
        }
    }
    EXPECT_EQ(get_json("/api/v1/fleets/" + made.fleet)["name"], "Buses") << "nothing changed";
    EXPECT_EQ(get_json("/api/v1/vehicles/" + made.vehicle + "/departures")["items"].size(), 1u);
    EXPECT_EQ(send("POST", "/api/v1/fleets", R"({"name":"Ops"})", {}, operator_key).status, 201);
    EXPECT_EQ(send("PATCH", "/api/v1/vehicles/" + made.vehicle, R"({"name":"Bus 13"})", {}, operator_key).status, 200);
}

TEST_F(FleetApi, AnotherOrganisationReachesNoneOfItOnEveryRoute) {
    const auto made = make_all();
    const auto other = key_of("org-b", core::Role::Admin);
    EXPECT_EQ(Json::parse(send("GET", "/api/v1/fleets", "", {}, other).body)["items"].size(), 0u);
    EXPECT_EQ(Json::parse(send("GET", "/api/v1/vehicles", "", {}, other).body)["items"].size(), 0u);
    EXPECT_EQ(Json::parse(send("GET", "/api/v1/vehicles?fleetId=" + made.fleet, "", {}, other).body)["items"].size(),
              0u);
    const std::map<std::string, std::string> ids{
        {"fleetId", made.fleet}, {"vehicleId", made.vehicle}, {"departureId", made.departure}};
    int routes = 0;
    for (const auto &[method, pattern] : platform_->http_routes()) {
        if (!fleet_route(pattern) || pattern == "/api/v1/fleets" || pattern == "/api/v1/vehicles")
            continue;
        ++routes;
        const auto target = filled(pattern, ids);
        SCOPED_TRACE(method + " " + target);
        // Valid bodies, so that only the organisation stands in the way.
        std::string body;
        if (method == "PATCH" || method == "POST")
            body = pattern.find("departures") != std::string::npos
                       ? R"({"kind":"trip","at":"2027-01-01T00:00:00Z","soc":50})"
                       : R"({"name":"Mine"})";
        const auto reply = send(method, target, body, {}, other);
        EXPECT_EQ(reply.status, 404) << reply.body;
        // The organisation's own key reaches the same record.
        if (method == "GET") {
            EXPECT_EQ(get(target).status, 200);
        }
    }
    EXPECT_EQ(routes, 12) << "every fleet route with an id was tried";
    // Another organisation's vehicle cannot join this organisation's fleet, nor take its token's vehicle.
    const auto theirs = Json::parse(send("POST", "/api/v1/fleets", R"({"name":"Theirs"})", {}, other).body);
    auto body = vehicle_body(made.fleet);
    expect_error(send("POST", "/api/v1/vehicles", body.dump(), {}, other), 422, "unknown_fleet", "fleetId");
    body["fleetId"] = theirs["id"];
    body["rfidTokens"] = {"CARD-12"};
    EXPECT_EQ(send("POST", "/api/v1/vehicles", body.dump(), {}, other).status, 201)
        << "the same card number in another organisation";
    expect_error(patch("/api/v1/vehicles/" + made.vehicle, {{"fleetId", theirs["id"]}}), 422, "unknown_fleet",
                 "fleetId");
    // Nothing of ours changed.
    EXPECT_EQ(get_json("/api/v1/fleets/" + made.fleet)["name"], "Buses");
    EXPECT_EQ(get_json("/api/v1/vehicles/" + made.vehicle)["name"], "Bus 12");
    EXPECT_EQ(get_json("/api/v1/vehicles/" + made.vehicle + "/departures")["items"].size(), 1u);
}
