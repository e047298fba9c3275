// Sites (depots), their load groups and where chargers and connectors sit, over real HTTP: create,
// read, update, delete; each validation error with its field; ETag and If-Match; roles; and tenancy
// (another organisation finds nothing on any of these routes).
#include "e2e_fixture.hpp"

#include "manage/common/clock.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/organisations.hpp"
#include "manage/infra/database.hpp"

using namespace manage;
using namespace manage::testing;

namespace {

Json site_body(const std::string &name = "Depot North") {
    return {{"name", name},
            {"address", {{"line1", "Havenweg 1"}, {"postcode", "1000 AA"}, {"city", "Amsterdam"}, {"country", "NL"}}},
            {"timezone", "Europe/Amsterdam"},
            {"gridLimitKw", 400}};
}

class SitesApi : public PlatformFixture {
protected:
    HttpReply with_key(const std::string &key, const std::string &method, const std::string &target,
                       const std::string &body = {}, const std::string &if_match = {}) {
        std::map<std::string, std::string> headers{{"Authorization", "Bearer " + key}};
        if (!if_match.empty())
            headers["If-Match"] = if_match;
        return http_request(http_port(), method, target, headers, body);
    }
    HttpReply send(const std::string &method, const std::string &target, const Json &body = nullptr,
                   const std::string &if_match = {}) {
        return with_key(api_key_, method, target, body.is_null() ? std::string() : body.dump(), if_match);
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

    std::string key_with_role(const std::string &role) {
        const auto reply = post("/api/v1/api-keys", Json{{"name", role + "-key"}, {"role", role}}.dump());
        EXPECT_EQ(reply.status, 201) << reply.body;
        return Json::parse(reply.body).value("key", "");
    }

    std::string create_site(const std::string &name = "Depot North") {
        const auto reply = send("POST", "/api/v1/sites", site_body(name));
        EXPECT_EQ(reply.status, 201) << reply.body;
        return Json::parse(reply.body).value("id", "");
    }

    std::string create_group(const std::string &site, const Json &body) {
        const auto reply = send("POST", "/api/v1/sites/" + site + "/load-groups", body);
        EXPECT_EQ(reply.status, 201) << reply.body;
        return Json::parse(reply.body).value("id", "");
    }

    // A session on the charger's connector 1 on 10 November: 10 kWh in 10:00–10:15 (40 kW), then
    // 5 kWh in 10:15–10:30 (20 kW).
    void charge_40_then_20_kw(OcppTestClient &charger) {
        const auto id =
            result_of(charger.call("StartTransaction", {{"connectorId", 1},
                                                        {"idTag", "ANY"},
                                                        {"meterStart", 0},
                                                        {"timestamp", "2026-11-10T10:00:00Z"}}))["transactionId"]
                .get<long long>();
        result_of(charger.call(
            "MeterValues",
            {{"connectorId", 1},
             {"transactionId", id},
             {"meterValue",
              {{{"timestamp", "2026-11-10T10:15:00Z"},
                {"sampledValue",
                 {{{"value", "10000"}, {"measurand", "Energy.Active.Import.Register"}, {"unit", "Wh"}}}}}}}}));
        wait_for("/api/v1/sessions/" + std::to_string(id) + "/meter-values",
                 [](const Json &body) { return body["items"].size() == 1; });
        result_of(charger.call("StopTransaction",
                               {{"transactionId", id}, {"meterStop", 15000}, {"timestamp", "2026-11-10T10:30:00Z"}}));
    }

    // A 422 (or other `status`) with `code` naming `field`.
    void expect_error(const HttpReply &reply, int status, const std::string &code, const std::string &field) {
        EXPECT_EQ(reply.status, status) << reply.body;
        const auto error = api_error(reply);
        EXPECT_EQ(error["code"], code) << reply.body;
        EXPECT_EQ(error["field"], field) << reply.body;
    }
};

Json kw_group(const std::string &name, const Json &parent = nullptr) {
    return {{"name", name}, {"kind", "feeder"}, {"parentId", parent}, {"limit", {{"unit", "kW"}, {"value", 150}}}};
}

} // namespace

TEST_F(SitesApi, ASiteIsCreatedReadChangedWithItsETagAndDeleted) {
    const auto created = send("POST", "/api/v1/sites", site_body("South"));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.headers.at("etag"), "\"1\"");
    const auto site = Json::parse(created.body);
    const auto id = site["id"].get<std::string>();
    EXPECT_EQ(id.size(), 36u) << "a server-made UUID";
    EXPECT_EQ(site["address"]["line1"], "Havenweg 1");
    EXPECT_TRUE(site["address"]["line2"].is_null());
    EXPECT_EQ(site["address"]["country"], "NL");
    EXPECT_EQ(site["gridLimitKw"], 400);
    EXPECT_EQ(site["timezone"], "Europe/Amsterdam");
    create_site("North");

    const auto listed = get_json("/api/v1/sites")["items"];
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0]["name"], "North") << "ordered by name";
    const auto read = send("GET", "/api/v1/sites/" + id);
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.headers.at("etag"), "\"1\"");

    const auto changed = send("PATCH", "/api/v1/sites/" + id, {{"gridLimitKw", 250}, {"name", "South yard"}}, "\"1\"");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.headers.at("etag"), "\"2\"");
    EXPECT_EQ(Json::parse(changed.body)["gridLimitKw"], 250);
    EXPECT_EQ(Json::parse(changed.body)["address"]["city"], "Amsterdam") << "what is not sent stays";

    const auto stale = send("PATCH", "/api/v1/sites/" + id, {{"gridLimitKw", 300}}, "\"1\"");
    expect_error(stale, 412, "precondition_failed", "If-Match");
    EXPECT_EQ(stale.headers.at("etag"), "\"2\"");
    EXPECT_EQ(get_json("/api/v1/sites/" + id)["gridLimitKw"], 250);
    EXPECT_EQ(send("PATCH", "/api/v1/sites/" + id, {{"gridLimitKw", 300}}, "2").status, 400) << "not an ETag";

    expect_error(send("DELETE", "/api/v1/sites/" + id, nullptr, "\"1\""), 412, "precondition_failed", "If-Match");
    EXPECT_EQ(send("DELETE", "/api/v1/sites/" + id, nullptr, "\"2\"").status, 204);
    expect_error(send("GET", "/api/v1/sites/" + id), 404, "site_not_found", "siteId");
    expect_error(send("PATCH", "/api/v1/sites/" + id, {{"name", "x"}}), 404, "site_not_found", "siteId");
    expect_error(send("DELETE", "/api/v1/sites/" + id), 404, "site_not_found", "siteId");
}

TEST_F(SitesApi, EachSiteFieldIsCheckedAndNamed) {
    struct Case {
        std::function<void(Json &)> change;
        std::string code;
        std::string field;
    };
    const std::vector<Case> cases{
        {[](Json &b) { b.erase("name"); }, "missing_field", "name"},
        {[](Json &b) { b["name"] = ""; }, "missing_field", "name"},
        {[](Json &b) { b["name"] = std::string(201, 'x'); }, "invalid_name", "name"},
        {[](Json &b) { b["name"] = 7; }, "invalid_type", "name"},
        {[](Json &b) { b["colour"] = "red"; }, "unknown_field", "colour"},
        {[](Json &b) { b.erase("address"); }, "missing_field", "address"},
        {[](Json &b) { b["address"] = "Havenweg 1"; }, "invalid_type", "address"},
        {[](Json &b) { b["address"].erase("line1"); }, "missing_field", "address/line1"},
        {[](Json &b) { b["address"]["line1"] = ""; }, "missing_field", "address/line1"},
        {[](Json &b) { b["address"].erase("city"); }, "missing_field", "address/city"},
        {[](Json &b) { b["address"]["country"] = "nl"; }, "invalid_country", "address/country"},
        {[](Json &b) { b["address"]["country"] = "NLD"; }, "invalid_country", "address/country"},
        {[](Json &b) { b["address"]["postcode"] = 1000; }, "invalid_type", "address/postcode"},
        {[](Json &b) { b["address"]["floor"] = 2; }, "unknown_field", "address/floor"},
        {[](Json &b) { b["timezone"] = "Europe/Atlantis"; }, "unknown_timezone", "timezone"},
        {[](Json &b) { b["gridLimitKw"] = 0; }, "invalid_limit", "gridLimitKw"},
        {[](Json &b) { b["gridLimitKw"] = 100001; }, "invalid_limit", "gridLimitKw"},
        {[](Json &b) { b["gridLimitKw"] = "400"; }, "invalid_type", "gridLimitKw"},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(cases[i].field + " " + std::to_string(i));
        auto body = site_body();
        cases[i].change(body);
        expect_error(send("POST", "/api/v1/sites", body), 422, cases[i].code, cases[i].field);
    }
    EXPECT_EQ(get_json("/api/v1/sites")["items"].size(), 0u) << "nothing was made";
    const auto id = create_site();
    expect_error(send("PATCH", "/api/v1/sites/" + id, {{"address", {{"line1", "x"}, {"city", "y"}, {"country", "N"}}}}),
                 422, "invalid_country", "address/country");
    expect_error(send("PATCH", "/api/v1/sites/" + id, {{"id", "mine"}}), 422, "unknown_field", "id");
    EXPECT_EQ(send("GET", "/api/v1/sites/" + id).headers.at("etag"), "\"1\"") << "failed PATCHes change nothing";
}

TEST_F(SitesApi, LoadGroupsFormATreeWithLimitsByTimeOfDay) {
    const auto site = create_site();
    const Json board{
        {"name", "Main board"},
        {"kind", "subBoard"},
        {"limit",
         {{"unit", "A"},
          {"value", 250},
          {"phases", 3},
          {"schedule", {{{"days", {"Mon", "Tue"}}, {"start", "07:00"}, {"end", "19:00"}, {"value", 160}}}}}}};
    const auto created = send("POST", "/api/v1/sites/" + site + "/load-groups", board);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.headers.at("etag"), "\"1\"");
    const auto main = Json::parse(created.body);
    EXPECT_EQ(main["limit"]["voltage"], 230) << "the default";
    EXPECT_EQ(main["limit"]["schedule"][0]["start"], "07:00");
    EXPECT_TRUE(main["parentId"].is_null());
    const auto main_id = main["id"].get<std::string>();
    const auto feeder = create_group(site, kw_group("Feeder 1", main_id));
    const auto bank = create_group(site, kw_group("Bank A", feeder));

    const auto groups = get_json("/api/v1/sites/" + site + "/load-groups")["items"];
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(groups[0]["name"], "Bank A") << "a flat list by name";
    const auto one = send("GET", "/api/v1/sites/" + site + "/load-groups/" + feeder);
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.headers.at("etag"), "\"1\"");
    EXPECT_EQ(Json::parse(one.body)["parentId"], main_id);

    ASSERT_EQ(post("/api/v1/chargers", R"({"id":"CP-1"})").status, 201);
    ASSERT_EQ(
        send("PATCH", "/api/v1/chargers/CP-1", {{"siteId", site}, {"loadGroupId", bank}, {"maxPowerKw", 22}}).status,
        200);
    const auto tree = get_json("/api/v1/sites/" + site + "/tree");
    EXPECT_EQ(tree["id"], site);
    EXPECT_EQ(tree["kind"], "site");
    EXPECT_EQ(tree["limit"]["value"], 400);
    ASSERT_EQ(tree["children"].size(), 1u);
    const auto &root = tree["children"][0];
    EXPECT_EQ(root["id"], main_id);
    EXPECT_EQ(root["limit"]["unit"], "A");
    EXPECT_TRUE(root["limitKwNow"].is_number());
    const auto &bank_node = root["children"][0]["children"][0];
    EXPECT_EQ(bank_node["id"], bank);
    ASSERT_EQ(bank_node["chargers"].size(), 1u);
    EXPECT_EQ(bank_node["chargers"][0]["id"], "CP-1");
    EXPECT_EQ(bank_node["chargers"][0]["maxPowerKw"], 22);

    // Moves that would loop are refused; an ETag guards concurrent edits.
    const auto group_path = "/api/v1/sites/" + site + "/load-groups/";
    expect_error(send("PATCH", group_path + main_id, {{"parentId", bank}}), 422, "invalid_parent", "parentId");
    expect_error(send("PATCH", group_path + main_id, {{"parentId", main_id}}), 422, "invalid_parent", "parentId");
    const auto renamed = send("PATCH", group_path + feeder, {{"name", "Feeder one"}}, "\"1\"");
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(renamed.headers.at("etag"), "\"2\"");
    const auto stale = send("PATCH", group_path + feeder, {{"name", "Feeder uno"}}, "\"1\"");
    expect_error(stale, 412, "precondition_failed", "If-Match");
    EXPECT_EQ(stale.headers.at("etag"), "\"2\"");

    // Nothing with something in it goes.
    const auto in_use = send("DELETE", group_path + feeder);
    expect_error(in_use, 409, "load_group_in_use", "loadGroupId");
    EXPECT_NE(api_error(in_use)["message"].get<std::string>().find("Bank A"), std::string::npos);
    expect_error(send("DELETE", group_path + bank), 409, "load_group_in_use", "loadGroupId");
    const auto site_in_use = send("DELETE", "/api/v1/sites/" + site);
    expect_error(site_in_use, 409, "site_in_use", "siteId");
    EXPECT_NE(api_error(site_in_use)["message"].get<std::string>().find("CP-1"), std::string::npos);
    ASSERT_EQ(send("PATCH", "/api/v1/chargers/CP-1", {{"siteId", nullptr}}).status, 200);
    expect_error(send("DELETE", group_path + bank, nullptr, "\"7\""), 412, "precondition_failed", "If-Match");
    EXPECT_EQ(send("DELETE", group_path + bank, nullptr, "\"1\"").status, 204);
    expect_error(send("GET", group_path + bank), 404, "load_group_not_found", "loadGroupId");
    expect_error(send("GET", "/api/v1/sites/nowhere/load-groups"), 404, "site_not_found", "siteId");
    expect_error(send("GET", "/api/v1/sites/nowhere/tree"), 404, "site_not_found", "siteId");
}

TEST_F(SitesApi, EachLoadGroupFieldIsCheckedAndNamed) {
    const auto site = create_site();
    const auto other_site = create_site("Other");
    const auto elsewhere = create_group(other_site, kw_group("Elsewhere"));
    struct Case {
        Json body;
        std::string code;
        std::string field;
    };
    auto with = [](const std::function<void(Json &)> &change) {
        auto body = kw_group("G");
        change(body);
        return body;
    };
    const Json window{{"days", {"Mon"}}, {"start", "07:00"}, {"end", "19:00"}, {"value", 80}};
    const std::vector<Case> cases{
        {with([](Json &b) { b.erase("name"); }), "missing_field", "name"},
        {with([](Json &b) { b["kind"] = "busbar"; }), "invalid_kind", "kind"},
        {with([](Json &b) { b.erase("kind"); }), "missing_field", "kind"},
        {with([](Json &b) { b["parentId"] = 3; }), "invalid_type", "parentId"},
        {with([&](Json &b) { b["parentId"] = elsewhere; }), "invalid_parent", "parentId"},
        {with([](Json &b) { b["parentId"] = "no-such-group"; }), "invalid_parent", "parentId"},
        {with([](Json &b) { b["extra"] = true; }), "unknown_field", "extra"},
        {with([](Json &b) { b.erase("limit"); }), "missing_field", "limit"},
        {with([](Json &b) { b["limit"]["unit"] = "MW"; }), "invalid_unit", "limit/unit"},
        {with([](Json &b) { b["limit"]["value"] = 0; }), "invalid_limit", "limit/value"},
        {with([](Json &b) { b["limit"]["value"] = "150"; }), "invalid_type", "limit/value"},
        {with([](Json &b) { b["limit"]["phases"] = 3; }), "unknown_field", "limit/phases"},
        {with([](Json &b) { b["limit"]["max"] = 3; }), "unknown_field", "limit/max"},
        {with([](Json &b) {
             b["limit"] = {{"unit", "A"}, {"value", 200}};
         }),
         "missing_field", "limit/phases"},
        {with([](Json &b) {
             b["limit"] = {{"unit", "A"}, {"value", 200}, {"phases", 2}};
         }),
         "invalid_phases", "limit/phases"},
        {with([](Json &b) {
             b["limit"] = {{"unit", "A"}, {"value", 200}, {"phases", 1}, {"voltage", 0}};
         }),
         "invalid_voltage", "limit/voltage"},
        {with([](Json &b) { b["limit"]["schedule"] = "peak"; }), "invalid_type", "limit/schedule"},
        {with([&](Json &b) {
             auto late = window;
             late["start"] = "7am";
             b["limit"]["schedule"] = {window, window, late};
         }),
         "invalid_time_of_day", "limit/schedule/2/start"},
        {with([&](Json &b) {
             auto backwards = window;
             backwards["end"] = "06:00";
             b["limit"]["schedule"] = {backwards};
         }),
         "invalid_time_of_day", "limit/schedule/0/end"},
        {with([&](Json &b) {
             auto bad_day = window;
             bad_day["days"] = {"Mon", "Funday"};
             b["limit"]["schedule"] = {window, bad_day};
         }),
         "invalid_days", "limit/schedule/1/days/1"},
        {with([&](Json &b) {
             auto none = window;
             none["value"] = -5;
             b["limit"]["schedule"] = {none};
         }),
         "invalid_limit", "limit/schedule/0/value"},
        {with([&](Json &b) {
             auto extra = window;
             extra["price"] = 1;
             b["limit"]["schedule"] = {extra};
         }),
         "unknown_field", "limit/schedule/0/price"},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(cases[i].field + " " + std::to_string(i));
        expect_error(send("POST", "/api/v1/sites/" + site + "/load-groups", cases[i].body), 422, cases[i].code,
                     cases[i].field);
    }
    EXPECT_EQ(get_json("/api/v1/sites/" + site + "/load-groups")["items"].size(), 0u);

    // Five deep at most.
    Json parent = nullptr;
    for (int depth = 1; depth <= 5; ++depth)
        parent = create_group(site, kw_group("Level " + std::to_string(depth), parent));
    expect_error(send("POST", "/api/v1/sites/" + site + "/load-groups", kw_group("Level 6", parent)), 422,
                 "load_group_too_deep", "parentId");
}

TEST_F(SitesApi, ChargersArePlacedWithTheirPowerAndConnectorsTyped) {
    const auto site = create_site();
    const auto other_site = create_site("Other");
    const auto bank = create_group(site, kw_group("Bank"));
    const auto other_bank = create_group(other_site, kw_group("Other bank"));
    ASSERT_EQ(post("/api/v1/chargers", R"({"id":"CP-1"})").status, 201);
    ASSERT_EQ(post("/api/v1/chargers", R"({"id":"CP-2"})").status, 201);

    const auto before = send("GET", "/api/v1/chargers/CP-1");
    EXPECT_EQ(before.headers.at("etag"), "\"1\"");
    const auto unset = Json::parse(before.body);
    for (const char *field : {"siteId", "loadGroupId", "maxPowerKw", "phases", "name"})
        EXPECT_TRUE(unset[field].is_null()) << field;

    const auto placed = send(
        "PATCH", "/api/v1/chargers/CP-1",
        {{"siteId", site}, {"loadGroupId", bank}, {"maxPowerKw", 22.5}, {"phases", 3}, {"name", "Bay 1"}}, "\"1\"");
    ASSERT_EQ(placed.status, 200) << placed.body;
    EXPECT_EQ(placed.headers.at("etag"), "\"2\"");
    const auto charger = Json::parse(placed.body);
    EXPECT_EQ(charger["siteId"], site);
    EXPECT_EQ(charger["loadGroupId"], bank);
    EXPECT_EQ(charger["maxPowerKw"], 22.5);
    EXPECT_EQ(charger["phases"], 3);
    EXPECT_EQ(charger["name"], "Bay 1");
    EXPECT_EQ(charger["ocppVersion"], "") << "the boot's to say";
    EXPECT_EQ(send("GET", "/api/v1/chargers/CP-1").headers.at("etag"), "\"2\"");
    const auto stale = send("PATCH", "/api/v1/chargers/CP-1", {{"maxPowerKw", 11}}, "\"1\"");
    expect_error(stale, 412, "precondition_failed", "If-Match");
    EXPECT_EQ(stale.headers.at("etag"), "\"2\"");

    expect_error(send("PATCH", "/api/v1/chargers/CP-1", {{"loadGroupId", other_bank}}), 422, "unknown_load_group",
                 "loadGroupId");
    expect_error(send("PATCH", "/api/v1/chargers/CP-1", {{"siteId", "no-such-site"}}), 422, "unknown_site", "siteId");
    expect_error(send("PATCH", "/api/v1/chargers/CP-1", {{"siteId", nullptr}, {"loadGroupId", bank}}), 422,
                 "unknown_load_group", "loadGroupId");
    expect_error(send("PATCH", "/api/v1/chargers/CP-1", {{"maxPowerKw", 0}}), 422, "invalid_power", "maxPowerKw");
    expect_error(send("PATCH", "/api/v1/chargers/CP-1", {{"phases", 2}}), 422, "invalid_phases", "phases");
    expect_error(send("PATCH", "/api/v1/chargers/CP-1", {{"phases", "3"}}), 422, "invalid_type", "phases");
    expect_error(send("PATCH", "/api/v1/chargers/CP-1", {{"ocppVersion", "2.0.1"}}), 422, "unknown_field",
                 "ocppVersion");
    expect_error(send("PATCH", "/api/v1/chargers/CP-9", {{"phases", 3}}), 404, "charger_not_found", "id");
    EXPECT_EQ(get_json("/api/v1/chargers/CP-1")["loadGroupId"], bank) << "refused PATCHes change nothing";

    const auto in_site = get_json("/api/v1/chargers?siteId=" + site)["items"];
    ASSERT_EQ(in_site.size(), 1u);
    EXPECT_EQ(in_site[0]["id"], "CP-1");
    EXPECT_EQ(get_json("/api/v1/chargers?siteId=" + other_site)["items"].size(), 0u);
    EXPECT_EQ(get_json("/api/v1/chargers")["items"].size(), 2u);
    expect_error(send("GET", "/api/v1/chargers?site=" + site), 422, "unknown_parameter", "site");

    // Connectors: made when the charger has not reported them, typed and powered.
    const auto typed =
        send("PUT", "/api/v1/chargers/CP-1/connectors/1/2", {{"type", "CCS2"}, {"maxPowerKw", 150}}, "\"2\"");
    ASSERT_EQ(typed.status, 200) << typed.body;
    EXPECT_EQ(typed.headers.at("etag"), "\"3\"");
    const auto connectors = Json::parse(typed.body)["connectors"];
    ASSERT_EQ(connectors.size(), 1u);
    EXPECT_EQ(connectors[0]["evseId"], 1);
    EXPECT_EQ(connectors[0]["connectorId"], 2);
    EXPECT_EQ(connectors[0]["type"], "CCS2");
    EXPECT_EQ(connectors[0]["maxPowerKw"], 150);
    expect_error(send("PUT", "/api/v1/chargers/CP-1/connectors/1/2", {{"type", "CCS2"}, {"maxPowerKw", 150}}, "\"2\""),
                 412, "precondition_failed", "If-Match");
    expect_error(send("PUT", "/api/v1/chargers/CP-1/connectors/1/2", {{"type", "Schuko"}, {"maxPowerKw", 3}}), 422,
                 "invalid_connector_type", "type");
    expect_error(send("PUT", "/api/v1/chargers/CP-1/connectors/1/2", {{"type", "Type2"}, {"maxPowerKw", -1}}), 422,
                 "invalid_power", "maxPowerKw");
    expect_error(send("PUT", "/api/v1/chargers/CP-1/connectors/1/2", {{"type", "Type2"}}), 422, "missing_field",
                 "maxPowerKw");
    expect_error(send("PUT", "/api/v1/chargers/CP-1/connectors/1/2", {{"type", "Type2"}, {"maxPowerKw", 22}, {"x", 1}}),
                 422, "unknown_field", "x");
    expect_error(send("PUT", "/api/v1/chargers/CP-1/connectors/0/1", {{"type", "Type2"}, {"maxPowerKw", 22}}), 422,
                 "invalid_parameter", "evseId");
    expect_error(send("PUT", "/api/v1/chargers/CP-9/connectors/1/1", {{"type", "Type2"}, {"maxPowerKw", 22}}), 404,
                 "charger_not_found", "id");
    const auto cleared =
        send("PUT", "/api/v1/chargers/CP-1/connectors/1/2", {{"type", nullptr}, {"maxPowerKw", nullptr}});
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_TRUE(Json::parse(cleared.body)["connectors"][0]["type"].is_null());
}

TEST_F(SitesApi, ViewersReadAndOnlyAdminsWrite) {
    const auto site = create_site();
    const auto group = create_group(site, kw_group("Bank"));
    ASSERT_EQ(post("/api/v1/chargers", R"({"id":"CP-1"})").status, 201);
    const auto viewer = key_with_role("viewer");
    const auto operator_key = key_with_role("operator");
    EXPECT_EQ(with_key(viewer, "GET", "/api/v1/sites").status, 200);
    EXPECT_EQ(with_key(viewer, "GET", "/api/v1/sites/" + site).status, 200);
    EXPECT_EQ(with_key(viewer, "GET", "/api/v1/sites/" + site + "/tree").status, 200);
    EXPECT_EQ(with_key(viewer, "GET", "/api/v1/sites/" + site + "/load-groups").status, 200);
    EXPECT_EQ(with_key(viewer, "GET", "/api/v1/sites/" + site + "/load-groups/" + group).status, 200);
    const auto group_path = "/api/v1/sites/" + site + "/load-groups/" + group;
    const std::vector<std::pair<std::string, std::string>> writes{
        {"POST", "/api/v1/sites"},
        {"PATCH", "/api/v1/sites/" + site},
        {"DELETE", "/api/v1/sites/" + site},
        {"POST", "/api/v1/sites/" + site + "/load-groups"},
        {"PATCH", group_path},
        {"DELETE", group_path},
        {"PATCH", "/api/v1/chargers/CP-1"},
        {"PUT", "/api/v1/chargers/CP-1/connectors/1/1"},
    };
    for (const auto &[method, target] : writes) {
        SCOPED_TRACE(method + " " + target);
        for (const auto &key : {viewer, operator_key}) {
            const auto reply = with_key(key, method, target, "{}");
            EXPECT_EQ(reply.status, 403) << reply.body;
            EXPECT_EQ(api_error(reply)["code"], "forbidden");
        }
    }
    EXPECT_EQ(get_json("/api/v1/sites/" + site + "/load-groups")["items"].size(), 1u) << "nothing changed";
}

TEST_F(SitesApi, AnotherOrganisationFindsNothingOfOurs) {
    const auto site = create_site();
    const auto group = create_group(site, kw_group("Bank"));
    ASSERT_EQ(post("/api/v1/chargers", R"({"id":"CP-1"})").status, 201);
    ASSERT_EQ(send("PATCH", "/api/v1/chargers/CP-1", {{"siteId", site}, {"loadGroupId", group}}).status, 200);
    const auto other = second_organisation_key("org-b");

    EXPECT_EQ(Json::parse(with_key(other, "GET", "/api/v1/sites").body)["items"].size(), 0u);
    EXPECT_EQ(Json::parse(with_key(other, "GET", "/api/v1/chargers?siteId=" + site).body)["items"].size(), 0u);
    const auto group_path = "/api/v1/sites/" + site + "/load-groups/" + group;
    const std::vector<std::tuple<std::string, std::string, std::string>> routes{
        {"GET", "/api/v1/sites/" + site, ""},
        {"PATCH", "/api/v1/sites/" + site, R"({"name":"Ours now"})"},
        {"DELETE", "/api/v1/sites/" + site, ""},
        {"GET", "/api/v1/sites/" + site + "/tree", ""},
        {"GET", "/api/v1/sites/" + site + "/load-groups", ""},
        {"POST", "/api/v1/sites/" + site + "/load-groups", kw_group("Mine").dump()},
        {"GET", group_path, ""},
        {"PATCH", group_path, R"({"name":"Mine"})"},
        {"DELETE", group_path, ""},
        {"PATCH", "/api/v1/chargers/CP-1", R"({"siteId":null})"},
        {"PUT", "/api/v1/chargers/CP-1/connectors/1/1", R"({"type":"Type2","maxPowerKw":22})"},
    };
    for (const auto &[method, target, body] : routes) {
        SCOPED_TRACE(method + " " + target);
        const auto reply = with_key(other, method, target, body);
        EXPECT_EQ(reply.status, 404) << reply.body;
    }
    // Its own records cannot point at ours either.
    const auto theirs = Json::parse(with_key(other, "POST", "/api/v1/sites", site_body("Theirs").dump()).body);
    ASSERT_TRUE(theirs.contains("id")) << theirs.dump();
    const auto their_site = theirs["id"].get<std::string>();
    const auto parent =
        with_key(other, "POST", "/api/v1/sites/" + their_site + "/load-groups", kw_group("X", group).dump());
    expect_error(parent, 422, "invalid_parent", "parentId");
    ASSERT_EQ(with_key(other, "POST", "/api/v1/chargers", R"({"id":"CP-B"})").status, 201);
    expect_error(with_key(other, "PATCH", "/api/v1/chargers/CP-B", Json{{"siteId", site}}.dump()), 422, "unknown_site",
                 "siteId");

    const auto ours = get_json("/api/v1/sites/" + site);
    EXPECT_EQ(ours["name"], "Depot North") << "untouched";
    EXPECT_EQ(get_json("/api/v1/sites/" + site + "/load-groups/" + group)["name"], "Bank");
    EXPECT_EQ(get_json("/api/v1/chargers/CP-1")["siteId"], site);
    EXPECT_EQ(get_json("/api/v1/chargers/CP-1")["connectors"].size(), 0u);
}

// A site's tariff bills its chargers; its month's bill adds the demand charge on the peak interval.
TEST_F(SitesApi, ASitesBillChargesItsPeakIntervalOnTopOfTheEnergy) {
    ASSERT_EQ(put("/api/v1/tariffs/depot", Json{{"name", "Depot"},
                                                {"currency", "EUR"},
                                                {"timezone", "Europe/Amsterdam"},
                                                {"pricePerKwh", 0.2},
                                                {"demandCharge", {{"pricePerKw", 10}, {"intervalMinutes", 15}}}}
                                               .dump())
                  .status,
              201);
    const auto site = create_site();
    auto charger = boot("CP-1");
    ASSERT_EQ(send("PATCH", "/api/v1/chargers/CP-1", {{"siteId", site}}).status, 200);
    const auto assigned = send("PUT", "/api/v1/sites/" + site + "/tariff", {{"tariffId", "depot"}});
    ASSERT_EQ(assigned.status, 200) << assigned.body;
    const auto billing = get_json("/api/v1/chargers/CP-1/tariff");
    EXPECT_EQ(billing["tariffId"], "depot");
    EXPECT_EQ(billing["billedBy"], "site");

    charge_40_then_20_kw(*charger);

    const auto bill = get_json("/api/v1/sites/" + site + "/bill?month=2026-11");
    EXPECT_EQ(bill["currency"], "EUR");
    EXPECT_EQ(bill["from"], "2026-10-31T23:00:00.000Z");
    EXPECT_EQ(bill["sessions"], 1);
    EXPECT_DOUBLE_EQ(bill["energyKwh"].get<double>(), 15.0);
    EXPECT_DOUBLE_EQ(bill["energyCost"].get<double>(), 3.0);
    EXPECT_DOUBLE_EQ(bill["peakKw"].get<double>(), 40.0);
    EXPECT_EQ(bill["peakIntervalStart"], "2026-11-10T10:00:00.000Z");
    EXPECT_DOUBLE_EQ(bill["demandCharge"].get<double>(), 400.0);
    EXPECT_DOUBLE_EQ(bill["total"].get<double>(), 403.0);
    // Another month has nothing; bad months and sites are refused.
    EXPECT_EQ(get_json("/api/v1/sites/" + site + "/bill?month=2026-12")["peakKw"], 0.0);
    expect_error(send("GET", "/api/v1/sites/" + site + "/bill?month=2026-13"), 422, "invalid_parameter", "month");
    expect_error(send("GET", "/api/v1/sites/" + site + "/bill"), 422, "invalid_parameter", "month");
    expect_error(send("GET", "/api/v1/sites/nope/bill?month=2026-11"), 404, "site_not_found", "siteId");
    // The tariff stays while it bills the site.
    expect_error(send("DELETE", "/api/v1/tariffs/depot"), 409, "tariff_in_use", "id");
    ASSERT_EQ(send("PUT", "/api/v1/sites/" + site + "/tariff", {{"tariffId", nullptr}}).status, 200);
    expect_error(send("GET", "/api/v1/sites/" + site + "/bill?month=2026-11"), 404, "no_tariff", "siteId");
    EXPECT_TRUE(get_json("/api/v1/chargers/CP-1/tariff")["tariffId"].is_null());
    expect_error(send("PUT", "/api/v1/sites/" + site + "/tariff", {{"tariffId", "nope"}}), 422, "tariff_not_found",
                 "tariffId");
}

TEST_F(SitesApi, AnotherOrganisationNeitherSeesNorBillsASite) {
    const auto site = create_site();
    const auto other = second_organisation_key("org-bill");
    EXPECT_EQ(with_key(other, "GET", "/api/v1/sites/" + site + "/tariff").status, 404);
    EXPECT_EQ(with_key(other, "GET", "/api/v1/sites/" + site + "/bill?month=2026-11").status, 404);
    EXPECT_EQ(with_key(other, "PUT", "/api/v1/sites/" + site + "/tariff", R"({"tariffId":null})").status, 404);
}

// The overview's chart: a site's metered power per step, whether or not a tariff bills it.
TEST_F(SitesApi, ASitesPowerOverTimeIsTheAveragePerStepOfItsChargersSessions) {
    const auto site = create_site();
    auto charger = boot("CP-1");
    ASSERT_EQ(send("PATCH", "/api/v1/chargers/CP-1", {{"siteId", site}}).status, 200);
    charge_40_then_20_kw(*charger);

    const auto power =
        get_json("/api/v1/sites/" + site + "/power?from=2026-11-10T09:45:00Z&to=2026-11-10T10:45:00Z&stepS=900");
    EXPECT_EQ(power["siteId"], site);
    EXPECT_EQ(power["stepS"], 900);
    EXPECT_GT(power["limitKw"].get<double>(), 0.0);
    ASSERT_EQ(power["items"].size(), 4u);
    EXPECT_EQ(power["items"][0]["at"], "2026-11-10T09:45:00.000Z");
    EXPECT_DOUBLE_EQ(power["items"][0]["powerKw"].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ(power["items"][1]["powerKw"].get<double>(), 40.0);
    EXPECT_DOUBLE_EQ(power["items"][2]["powerKw"].get<double>(), 20.0);
    EXPECT_DOUBLE_EQ(power["items"][3]["powerKw"].get<double>(), 0.0);
    // Five-minute steps by default.
    EXPECT_EQ(
        get_json("/api/v1/sites/" + site + "/power?from=2026-11-10T10:00:00Z&to=2026-11-10T11:00:00Z")["items"].size(),
        12u);

    const auto base = "/api/v1/sites/" + site + "/power";
    expect_error(send("GET", base + "?to=2026-11-10T11:00:00Z"), 422, "invalid_parameter", "from");
    expect_error(send("GET", base + "?from=2026-11-10T11:00:00Z&to=2026-11-10T10:00:00Z"), 422, "invalid_parameter",
                 "to");
    expect_error(send("GET", base + "?from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z&stepS=60"), 422,
                 "invalid_parameter", "stepS");
    expect_error(send("GET", base + "?from=2026-11-10T10:00:00Z&to=2026-11-10T11:00:00Z&stepS=5"), 422,
                 "invalid_parameter", "stepS");
    expect_error(send("GET", "/api/v1/sites/nope/power?from=2026-11-10T10:00:00Z&to=2026-11-10T11:00:00Z"), 404,
                 "site_not_found", "siteId");
    const auto other = second_organisation_key("org-power");
    EXPECT_EQ(with_key(other, "GET", base + "?from=2026-11-10T10:00:00Z&to=2026-11-10T11:00:00Z").status, 404);
}
