// The charging routes of the HTTP API refusing what they do not understand: no API key (401), an
// unknown record (404), a bad parameter or body (422 naming the field), as docs/api.md promises.
#include "e2e_fixture.hpp"

#include <vector>

using namespace manage;
using namespace manage::testing;

namespace {

class ChargingApi : public PlatformFixture {
protected:
    // Expects `reply` to be the error `status` / `code` naming `field`.
    static void expect_error(const HttpReply &reply, int status, const std::string &code, const std::string &field) {
        EXPECT_EQ(reply.status, status) << reply.body;
        const auto error = api_error(reply);
        EXPECT_EQ(error.value("code", ""), code) << reply.body;
        EXPECT_EQ(error.value("field", ""), field) << reply.body;
        EXPECT_FALSE(error.value("message", "").empty()) << reply.body;
    }
};

struct Probe {
    std::string method;
    std::string target;
    std::string body;
};

std::vector<Probe> charging_routes() {
    return {{"GET", "/api/v1/sessions", ""},
            {"GET", "/api/v1/sessions/1", ""},
            {"GET", "/api/v1/sessions/1/meter-values", ""},
            {"GET", "/api/v1/chargers/CP-1/meter-values", ""},
            {"GET", "/api/v1/orphans", ""},
            {"GET", "/api/v1/id-tags", ""},
            {"GET", "/api/v1/id-tags/TAG", ""},
            {"PUT", "/api/v1/id-tags/TAG", "{}"},
            {"DELETE", "/api/v1/id-tags/TAG", ""},
            {"GET", "/api/v1/chargers/CP-1/local-list", ""},
            {"PUT", "/api/v1/chargers/CP-1/local-list", R"({"entries":[]})"},
            {"POST", "/api/v1/chargers/CP-1/local-list/sync", R"({"updateType":"Full"})"},
            {"GET", "/api/v1/chargers/CP-1/jobs", ""},
            {"GET", "/api/v1/chargers/CP-1/security-events", ""},
            {"GET", "/api/v1/chargers/CP-1/certificate-requests", ""},
            {"GET", "/api/v1/chargers/CP-1/data-transfers", ""},
            {"GET", "/api/v1/tariffs", ""},
            {"GET", "/api/v1/tariffs/T", ""},
            {"PUT", "/api/v1/tariffs/T", R"({"name":"n","currency":"EUR","timezone":"UTC","pricePerKwh":1})"},
            {"DELETE", "/api/v1/tariffs/T", ""},
            {"GET", "/api/v1/chargers/CP-1/tariff", ""},
            {"PUT", "/api/v1/chargers/CP-1/tariff", R"({"tariffId":null})"},
            {"GET", "/api/v1/sessions/1/cost", ""}};
}

} // namespace

TEST_F(ChargingApi, EveryChargingRouteNeedsAnApiKey) {
    for (const auto &probe : charging_routes()) {
        SCOPED_TRACE(probe.method + " " + probe.target);
        const auto reply = anonymous(probe.method, probe.target, probe.body);
        EXPECT_EQ(reply.status, 401) << reply.body;
        EXPECT_EQ(api_error(reply).value("code", ""), "unauthenticated");
        EXPECT_EQ(reply.headers.count("www-authenticate"), 1u);
        const auto wrong =
            http_request(http_port(), probe.method, probe.target, {{"Authorization", "Bearer mng_nope"}}, probe.body);
        EXPECT_EQ(wrong.status, 401) << wrong.body;
    }
    // Nothing was written without a key.
    EXPECT_EQ(get("/api/v1/id-tags/TAG").status, 404);
    EXPECT_EQ(get("/api/v1/tariffs/T").status, 404);
}

TEST_F(ChargingApi, UnknownSessionIs404AndABadTransactionIdIs422) {
    expect_error(get("/api/v1/sessions/999"), 404, "session_not_found", "transactionId");
    expect_error(get("/api/v1/sessions/999/meter-values"), 404, "session_not_found", "transactionId");
    for (const char *bad : {"0", "-1", "abc", "2147483648", "1.5", "99999999999999999999"}) {
        SCOPED_TRACE(bad);
        expect_error(get(std::string("/api/v1/sessions/") + bad), 422, "invalid_transaction_id", "transactionId");
        expect_error(get(std::string("/api/v1/sessions/") + bad + "/meter-values"), 422, "invalid_transaction_id",
                     "transactionId");
    }
    EXPECT_EQ(get_json("/api/v1/sessions")["items"], Json::array());
}

TEST_F(ChargingApi, SessionListParametersAreValidated) {
    expect_error(get("/api/v1/sessions?status=open"), 422, "invalid_parameter", "status");
    expect_error(get("/api/v1/sessions?limit=0"), 422, "invalid_parameter", "limit");
    expect_error(get("/api/v1/sessions?limit=1001"), 422, "invalid_parameter", "limit");
    expect_error(get("/api/v1/sessions?limit=ten"), 422, "invalid_parameter", "limit");
    expect_error(get("/api/v1/sessions?chargerId=a%2Fb"), 422, "invalid_parameter", "chargerId");
    expect_error(get("/api/v1/sessions?sort=asc"), 422, "invalid_parameter", "sort");
    expect_error(get("/api/v1/sessions?order=asc"), 422, "unknown_parameter", "order");
    EXPECT_EQ(get("/api/v1/sessions?status=active&limit=1000&chargerId=CP-1").status, 200);
}

TEST_F(ChargingApi, MeterValueParametersAreValidated) {
    auto charger = boot("CP-API");
    expect_error(get("/api/v1/chargers/CP-API/meter-values?from=yesterday"), 422, "invalid_parameter", "from");
    expect_error(get("/api/v1/chargers/CP-API/meter-values?to=2026-13-01T00:00:00Z"), 422, "invalid_parameter", "to");
    expect_error(get("/api/v1/chargers/CP-API/meter-values?from=2026-11-26T10:00:00Z&to=2026-11-26T10:00:00Z"), 422,
                 "invalid_parameter", "to");
    expect_error(get("/api/v1/chargers/CP-API/meter-values?limit=10001"), 422, "invalid_parameter", "limit");
    expect_error(get("/api/v1/chargers/CP-API/meter-values?connectorId=1001"), 422, "invalid_parameter", "connectorId");
    expect_error(get("/api/v1/chargers/CP-API/meter-values?connectorId=-1"), 422, "invalid_parameter", "connectorId");
    expect_error(get("/api/v1/chargers/CP-API/meter-values?transactionId=1"), 422, "unknown_parameter",
                 "transactionId");
    expect_error(get("/api/v1/chargers/NOPE/meter-values"), 404, "charger_not_found", "id");
    EXPECT_EQ(get("/api/v1/chargers/CP-API/meter-values?connectorId=0&measurand=SoC&from=2026-11-26T10:00:00%2B01:00"
                  "&to=2026-11-27T00:00:00Z&limit=10000")
                  .status,
              200);
}

TEST_F(ChargingApi, OrphansAndReportsValidateLimitAndCharger) {
    expect_error(get("/api/v1/orphans?limit=0"), 422, "invalid_parameter", "limit");
    expect_error(get("/api/v1/orphans?chargerId=CP-1"), 422, "unknown_parameter", "chargerId");
    const auto empty = get_json("/api/v1/orphans");
    EXPECT_EQ(empty["stops"], Json::array());
    EXPECT_EQ(empty["meterValues"], Json::array());

    auto charger = boot("CP-REP");
    for (const char *report : {"jobs", "security-events", "certificate-requests", "data-transfers"}) {
        SCOPED_TRACE(report);
        expect_error(get(std::string("/api/v1/chargers/NOPE/") + report), 404, "charger_not_found", "id");
        expect_error(get(std::string("/api/v1/chargers/CP-REP/") + report + "?limit=1001"), 422, "invalid_parameter",
                     "limit");
        EXPECT_EQ(get_json(std::string("/api/v1/chargers/CP-REP/") + report)["items"], Json::array());
    }
}

TEST_F(ChargingApi, IdTagIsCreatedReplacedReadAndDeleted) {
    const auto created = put("/api/v1/id-tags/TAG-1", R"({"expiryDate":"2027-01-01T00:00:00Z","parentIdTag":"FLEET"})");
    EXPECT_EQ(created.status, 201) << created.body;
    const auto body = Json::parse(created.body);
    EXPECT_EQ(body["idTag"], "TAG-1");
    EXPECT_EQ(body["status"], "Accepted"); // the default
    EXPECT_EQ(body["expiryDate"], "2027-01-01T00:00:00.000Z");
    EXPECT_EQ(body["parentIdTag"], "FLEET");
    EXPECT_EQ(body["allowConcurrentTx"], false);

    const auto replaced = put("/api/v1/id-tags/TAG-1", R"({"status":"Blocked","allowConcurrentTx":true})");
    EXPECT_EQ(replaced.status, 200) << replaced.body;
    const auto tag = get_json("/api/v1/id-tags/TAG-1");
    EXPECT_EQ(tag["status"], "Blocked");
    EXPECT_TRUE(tag["expiryDate"].is_null()); // replaced, not merged
    EXPECT_TRUE(tag["parentIdTag"].is_null());
    EXPECT_EQ(tag["allowConcurrentTx"], true);
    EXPECT_EQ(tag["createdAt"], body["createdAt"]);

    put_id_tag("A-FIRST");
    const auto items = get_json("/api/v1/id-tags")["items"];
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0]["idTag"], "A-FIRST");
    EXPECT_EQ(items[1]["idTag"], "TAG-1");

    EXPECT_EQ(del("/api/v1/id-tags/TAG-1").status, 204);
    expect_error(get("/api/v1/id-tags/TAG-1"), 404, "id_tag_not_found", "idTag");
    expect_error(del("/api/v1/id-tags/TAG-1"), 404, "id_tag_not_found", "idTag");
}

TEST_F(ChargingApi, IdTagBodyErrorsNameTheField) {
    expect_error(put("/api/v1/id-tags/T", R"({"status":"Sometimes"})"), 422, "invalid_status", "status");
    expect_error(put("/api/v1/id-tags/T", R"({"status":"ConcurrentTx"})"), 422, "invalid_status", "status");
    expect_error(put("/api/v1/id-tags/T", R"({"status":1})"), 422, "invalid_status", "status");
    expect_error(put("/api/v1/id-tags/T", R"({"expiryDate":"tomorrow"})"), 422, "invalid_time", "expiryDate");
    expect_error(put("/api/v1/id-tags/T", R"({"expiryDate":5})"), 422, "invalid_type", "expiryDate");
    expect_error(put("/api/v1/id-tags/T", R"({"parentIdTag":5})"), 422, "invalid_type", "parentIdTag");
    const std::string too_long(37, '7'); // a 2.0.1 IdToken holds 36
    expect_error(put("/api/v1/id-tags/T", Json{{"parentIdTag", too_long}}.dump()), 422, "invalid_id_tag",
                 "parentIdTag");
    expect_error(put("/api/v1/id-tags/T", R"({"type":"Mifare"})"), 422, "invalid_type", "type");
    expect_error(put("/api/v1/id-tags/T", R"({"type":7})"), 422, "invalid_type", "type");
    expect_error(put("/api/v1/id-tags/T", R"({"allowConcurrentTx":"yes"})"), 422, "invalid_type", "allowConcurrentTx");
    expect_error(put("/api/v1/id-tags/T", R"({"colour":"red"})"), 422, "unknown_field", "colour");
    expect_error(put("/api/v1/id-tags/" + too_long, "{}"), 422, "invalid_id_tag", "idTag");
    EXPECT_EQ(put("/api/v1/id-tags/T", "[]").status, 422);
    EXPECT_EQ(put("/api/v1/id-tags/T", "{").status, 400);
    const auto not_json = http_request(http_port(), "PUT", "/api/v1/id-tags/T",
                                       {{"Authorization", "Bearer " + api_key_}, {"Content-Type", "text/plain"}},
                                       R"({"status":"Accepted"})");
    EXPECT_EQ(not_json.status, 415) << not_json.body;
    // None of them created the tag.
    EXPECT_EQ(get_json("/api/v1/id-tags")["items"], Json::array());
}

TEST_F(ChargingApi, LocalListErrorsNameTheField) {
    auto charger = boot("CP-LL");
    expect_error(put("/api/v1/chargers/CP-LL/local-list", "{}"), 422, "missing_field", "entries");
    expect_error(put("/api/v1/chargers/CP-LL/local-list", R"({"entries":{}})"), 422, "invalid_type", "entries");
    expect_error(
        put("/api/v1/chargers/CP-LL/local-list",
            R"({"entries":[{"idTag":"A","idTagInfo":{"status":"Accepted"}},{"idTag":"B","idTagInfo":{"status":"Maybe"}}]})"),
        422, "invalid_status", "entries/1/idTagInfo/status");
    expect_error(put("/api/v1/chargers/CP-LL/local-list",
                     R"({"entries":[{"idTag":"A","idTagInfo":{"status":"Accepted","expiryDate":"soon"}}]})"),
                 422, "invalid_time", "entries/0/idTagInfo/expiryDate");
    expect_error(put("/api/v1/chargers/CP-LL/local-list", R"({"entries":[{"idTagInfo":{"status":"Accepted"}}]})"), 422,
                 "missing_field", "entries/0/idTag");
    expect_error(
        put("/api/v1/chargers/CP-LL/local-list",
            R"({"entries":[{"idTag":"A","idTagInfo":{"status":"Accepted"}},{"idTag":"A","idTagInfo":{"status":"Blocked"}}]})"),
        422, "duplicate_id_tag", "entries/1/idTag");
    expect_error(put("/api/v1/chargers/NOPE/local-list", R"({"entries":[]})"), 404, "charger_not_found", "id");
    expect_error(get("/api/v1/chargers/NOPE/local-list"), 404, "charger_not_found", "id");
    expect_error(post("/api/v1/chargers/CP-LL/local-list/sync", "{}"), 422, "missing_field", "updateType");
    expect_error(post("/api/v1/chargers/CP-LL/local-list/sync", R"({"updateType":"Full","force":true})"), 422,
                 "unknown_field", "force");
    // Nothing was stored by the refused requests.
    const auto list = get_json("/api/v1/chargers/CP-LL/local-list");
    EXPECT_EQ(list["entries"], Json::array());
    EXPECT_EQ(list["listVersion"], 0);
}

TEST_F(ChargingApi, TariffIsCreatedAssignedAndOnlyDeletedOnceNoChargerUsesIt) {
    auto charger = boot("CP-TARIFF");
    const Json body{
        {"name", "Night"},
        {"currency", "EUR"},
        {"timezone", "Europe/Berlin"},
        {"pricePerKwh", 0.31},
        {"periods",
         Json::array({{{"days", {"Sat", "Sun"}}, {"start", "00:00"}, {"end", "24:00"}, {"pricePerKwh", 0.12}}})}};
    const auto created = put("/api/v1/tariffs/night", body.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const auto tariff = Json::parse(created.body);
    EXPECT_EQ(tariff["id"], "night");
    EXPECT_EQ(tariff["sessionFee"], 0.0);
    EXPECT_EQ(tariff["periods"][0],
              (Json{{"days", {"Sat", "Sun"}}, {"start", "00:00"}, {"end", "24:00"}, {"pricePerKwh", 0.12}}));
    EXPECT_EQ(put("/api/v1/tariffs/night", body.dump()).status, 200);
    EXPECT_EQ(get_json("/api/v1/tariffs")["items"].size(), 1U);

    EXPECT_EQ(get_json("/api/v1/chargers/CP-TARIFF/tariff")["tariffId"], nullptr);
    ASSERT_EQ(put("/api/v1/chargers/CP-TARIFF/tariff", R"({"tariffId":"night"})").status, 200);
    EXPECT_EQ(get_json("/api/v1/chargers/CP-TARIFF/tariff")["tariffId"], "night");
    expect_error(del("/api/v1/tariffs/night"), 409, "tariff_in_use", "id");
    ASSERT_EQ(put("/api/v1/chargers/CP-TARIFF/tariff", R"({"tariffId":null})").status, 200);
    EXPECT_EQ(del("/api/v1/tariffs/night").status, 204);
    expect_error(get("/api/v1/tariffs/night"), 404, "tariff_not_found", "tariffId");
}

TEST_F(ChargingApi, TariffErrorsNameTheField) {
    auto charger = boot("CP-TARIFF-BAD");
    const Json good{{"name", "Flat"}, {"currency", "EUR"}, {"timezone", "UTC"}, {"pricePerKwh", 0.3}};
    const auto with = [&](const std::string &key, const Json &value) {
        auto body = good;
        body[key] = value;
        return body.dump();
    };
    expect_error(put("/api/v1/tariffs/flat", with("currency", "Euro")), 422, "invalid_currency", "currency");
    expect_error(put("/api/v1/tariffs/flat", with("timezone", "Mars/Olympus")), 422, "unknown_timezone", "timezone");
    expect_error(put("/api/v1/tariffs/flat", with("pricePerKwh", "cheap")), 422, "invalid_type", "pricePerKwh");
    expect_error(put("/api/v1/tariffs/flat", with("pricePerKwh", -1)), 422, "invalid_price", "pricePerKwh");
    expect_error(put("/api/v1/tariffs/flat", with("colour", "red")), 422, "unknown_field", "colour");
    expect_error(
        put("/api/v1/tariffs/flat",
            with("periods",
                 Json::array({{{"days", {"Mon"}}, {"start", "08:00"}, {"end", "07:00"}, {"pricePerKwh", 1}}}))),
        422, "invalid_time_of_day", "periods/0/end");
    expect_error(
        put("/api/v1/tariffs/flat",
            with("periods",
                 Json::array({{{"days", {"Monday"}}, {"start", "08:00"}, {"end", "09:00"}, {"pricePerKwh", 1}}}))),
        422, "invalid_days", "periods/0/days/0");
    expect_error(put("/api/v1/tariffs/flat",
                     with("periods",
                          Json::array({{{"days", {"Mon"}}, {"start", "8am"}, {"end", "09:00"}, {"pricePerKwh", 1}}}))),
                 422, "invalid_time_of_day", "periods/0/start");
    expect_error(put("/api/v1/tariffs/has%20space", good.dump()), 422, "invalid_id", "id");
    // Nothing was stored by the refused requests.
    EXPECT_EQ(get_json("/api/v1/tariffs")["items"], Json::array());
    expect_error(put("/api/v1/chargers/CP-TARIFF-BAD/tariff", R"({"tariffId":"none"})"), 422, "tariff_not_found",
                 "tariffId");
    expect_error(put("/api/v1/chargers/NOPE/tariff", R"({"tariffId":null})"), 404, "charger_not_found", "id");
    expect_error(get("/api/v1/sessions/999999/cost"), 404, "session_not_found", "transactionId");
}
