// docs/openapi.json against the server: every route documented and nothing stale, the served document
// the file itself, the document well formed, and real answers shaped as it says.
#include "e2e_fixture.hpp"
#include "manage/core/command_service.hpp"
#include "openapi_check.hpp"

#include <fstream>
#include <set>
#include <sstream>

namespace manage::testing {
namespace {

std::string file_text() {
    std::ifstream in(MANAGE_SOURCE_DIR "/docs/openapi.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const Json &document() {
    static const Json doc = Json::parse(file_text());
    return doc;
}

std::string lines(const std::vector<std::string> &items) {
    std::string out;
    for (const auto &item : items)
        out += "  " + item + "\n";
    return out;
}

// ------------------------------------------------------------------------------------------ the document alone

TEST(OpenApiDocument, IsAnOpenApi3DocumentWithInfoAndPaths) {
    const auto &doc = document();
    ASSERT_TRUE(doc.is_object());
    ASSERT_TRUE(doc.contains("openapi") && doc["openapi"].is_string());
    EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.", 0), 0u) << doc["openapi"];
    ASSERT_TRUE(doc.contains("info") && doc["info"].is_object());
    EXPECT_TRUE(doc["info"].contains("title") && doc["info"].contains("version"));
    ASSERT_TRUE(doc.contains("paths") && doc["paths"].is_object());
    EXPECT_GT(doc["paths"].size(), 40u);
}

TEST(OpenApiDocument, EveryRefResolves) {
    const auto broken = openapi::unresolved_refs(document());
    EXPECT_TRUE(broken.empty()) << "$refs that point nowhere:\n" << lines(broken);
}

TEST(OpenApiDocument, EveryPathParameterIsDeclaredAndEveryDeclaredOneIsInThePath) {
    const auto problems = openapi::path_parameter_problems(document());
    EXPECT_TRUE(problems.empty()) << lines(problems);
}

TEST(OpenApiDocument, EachOperationHasASuccessAnswerAndAUniqueOperationId) {
    const auto problems = openapi::operation_problems(document());
    EXPECT_TRUE(problems.empty()) << lines(problems);
}

TEST(OpenApiDocument, OnlyHealthMetricsSignInAndTheDocumentAreOpen) {
    std::set<std::string> open;
    for (const auto &operation : openapi::operations(document()))
        if (operation.body.contains("security") && operation.body["security"].empty())
            open.insert(operation.method + " " + operation.path);
    const std::set<std::string> expected{"GET /healthz", "GET /readyz", "GET /metrics", "GET /api/openapi.json",
                                         "POST /api/v1/auth/sign-in"};
    EXPECT_EQ(open, expected);
}

TEST(OpenApiDocument, TheCommandActionsAreThoseOfBothOcppVersions) {
    std::set<std::string> served;
    for (const auto version : {ocpp::Version::v16, ocpp::Version::v201})
        for (const auto &action : core::command_actions(version))
            served.insert(action);
    std::set<std::string> documented;
    for (const auto &action : document()["components"]["schemas"]["CommandAction"]["enum"])
        documented.insert(action.get<std::string>());
    EXPECT_EQ(documented, served);
}

// ------------------------------------------------------------------------------------------ against the server

class OpenApi : public PlatformFixture {
protected:
    HttpReply patch(const std::string &target, const std::string &body) {
        return http_request(http_port(), "PATCH", target, {{"Authorization", "Bearer " + api_key_}}, body);
    }
    std::string created_id(const HttpReply &reply) {
        EXPECT_EQ(reply.status, 201) << reply.body;
        const auto body = Json::parse(reply.body, nullptr, false);
        return body.is_object() && body.contains("id") ? body["id"].get<std::string>() : std::string("missing");
    }
};

TEST_F(OpenApi, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
    // The served document: docs/openapi.json and the public API's copies of its paths.
    const auto served_document = Json::parse(anonymous("GET", "/api/openapi.json").body);
    std::map<std::string, std::string> served; // by shape: "GET /a/{}" → "GET /a/{name}"
    for (const auto &[method, pattern] : platform_->http_routes())
        served.emplace(method + " " + openapi::shape(pattern), method + " " + pattern);
    std::map<std::string, std::string> documented;
    for (const auto &operation : openapi::operations(served_document))
        documented.emplace(operation.method + " " + openapi::shape(operation.path),
                           operation.method + " " + operation.path);
    std::vector<std::string> undocumented;
    std::vector<std::string> stale;
    for (const auto &[key, route] : served)
        if (!documented.count(key))
            undocumented.push_back(route);
    for (const auto &[key, route] : documented)
        if (!served.count(key))
            stale.push_back(route);
    EXPECT_TRUE(undocumented.empty()) << "routes the server has that docs/openapi.json does not document:\n"
                                      << lines(undocumented);
    EXPECT_TRUE(stale.empty()) << "operations in docs/openapi.json that the server does not have:\n" << lines(stale);
}

TEST_F(OpenApi, TheServedDocumentIsDocsOpenapiJsonAndNeedsNoCredential) {
    const auto reply = anonymous("GET", "/api/openapi.json");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.headers.at("content-type").rfind("application/json", 0), 0u) << reply.headers.at("content-type");
    const auto served = Json::parse(reply.body, nullptr, false);
    ASSERT_FALSE(served.is_discarded());
    EXPECT_TRUE(served.contains("openapi") && served.contains("info") && served.contains("paths"));
    // docs/openapi.json as it is, plus a bearer-only copy of each public /api/v1 path under /api/public/v1.
    auto without_paths = served;
    without_paths.erase("paths");
    auto file_without_paths = document();
    file_without_paths.erase("paths");
    EXPECT_EQ(without_paths, file_without_paths) << "the served document differs from docs/openapi.json (rebuild?)";
    std::size_t copies = 0;
    for (const auto &[path, item] : served["paths"].items()) {
        if (path.rfind("/api/public/v1/", 0) != 0) {
            EXPECT_EQ(item, document()["paths"].value(path, Json())) << path;
            continue;
        }
        ++copies;
        const auto twin = "/api/v1/" + path.substr(std::string("/api/public/v1/").size());
        ASSERT_TRUE(document()["paths"].contains(twin)) << path << " copies no documented path";
        for (const auto &[method, operation] : item.items()) {
            EXPECT_EQ(operation["security"], Json::parse(R"([{"bearerAuth": []}])")) << method << " " << path;
            if (method == "post") {
                bool idempotency = false;
                for (const auto &parameter : operation["parameters"])
                    idempotency = idempotency || parameter.value("name", "") == "Idempotency-Key";
                EXPECT_TRUE(idempotency) << "POST " << path << " does not declare Idempotency-Key";
            }
        }
    }
    EXPECT_GT(copies, 20u);
    EXPECT_TRUE(openapi::operation_problems(served).empty()) << lines(openapi::operation_problems(served));
    EXPECT_TRUE(openapi::unresolved_refs(served).empty());
}

// Real answers of a populated organisation, each checked against the schema its operation declares: every
// required member present, no member the schema does not declare, types, enums, nulls and date-times.
TEST_F(OpenApi, RealAnswersAreShapedAsDocumented) {
    const auto site = created_id(post("/api/v1/sites", R"({"name":"Depot North","timezone":"Europe/Amsterdam",
        "gridLimitKw":400,"address":{"line1":"Havenweg 1","city":"Amsterdam","country":"NL"}})"));
    const auto group = created_id(post("/api/v1/sites/" + site + "/load-groups", R"({"name":"Main","kind":"subBoard",
        "limit":{"unit":"A","value":250,"phases":3,"schedule":[{"days":["Mon"],"start":"07:00","end":"19:00",
        "value":160}]}})"));
    const auto fleet = created_id(post("/api/v1/fleets", R"({"name":"Buses","description":"north"})"));
    const auto vehicle = created_id(post("/api/v1/vehicles", R"({"fleetId":")" + fleet +
                                                                 R"(","name":"Bus 12","batteryKwh":300,"maxDcKw":150,
        "registration":"AB-123-C","rfidTokens":["TOKEN-1"]})"));
    created_id(post("/api/v1/vehicles/" + vehicle + "/departures",
                    R"({"kind":"weekly","days":["Mon","Tue","Wed","Thu","Fri","Sat","Sun"],"time":"06:45","soc":80})"));
    created_id(post("/api/v1/vehicles/" + vehicle + "/departures",
                    R"({"kind":"trip","name":"Charter","at":"2030-01-01T10:00:00Z","energyKwh":120})"));
    ASSERT_EQ(put("/api/v1/tariffs/day", R"({"name":"Day","currency":"EUR","timezone":"UTC","pricePerKwh":0.3,
        "periods":[{"days":["Mon"],"start":"07:00","end":"23:00","pricePerKwh":0.4}]})")
                  .status,
              201);
    put_id_tag("CARD-1", {{"parentIdTag", "FLEET"}, {"expiryDate", "2030-01-01T00:00:00Z"}});

    auto charger = boot("CP-1");
    ASSERT_EQ(put("/api/v1/chargers/CP-1/tariff", R"({"tariffId":"day"})").status, 200);
    ASSERT_EQ(patch("/api/v1/chargers/CP-1", R"({"siteId":")" + site + R"(","loadGroupId":")" + group +
                                                 R"(","maxPowerKw":22,"phases":3,"name":"Bay 1"})")
                  .status,
              200);
    ASSERT_EQ(put("/api/v1/chargers/CP-1/connectors/1/1", R"({"type":"Type2","maxPowerKw":22})").status, 200);
    const auto start = result_of(charger->call(
        "StartTransaction",
        {{"connectorId", 1}, {"idTag", "CARD-1"}, {"meterStart", 1000}, {"timestamp", "2026-11-27T10:00:00Z"}}));
    const auto transaction = start["transactionId"].get<long long>();
    result_of(charger->call(
        "MeterValues",
        {{"connectorId", 1},
         {"transactionId", transaction},
         {"meterValue",
          Json::array({meter_value("2026-11-27T10:15:00Z",
                                   Json::array({sampled_value("2.5", "Energy.Active.Import.Register", "kWh")}))})}}));
    result_of(charger->call("StopTransaction", {{"transactionId", transaction},
                                                {"meterStop", 5000},
                                                {"timestamp", "2026-11-27T11:00:00Z"},
                                                {"reason", "EVDisconnected"}}));
    result_of(charger->call(
        "StartTransaction",
        {{"connectorId", 2}, {"idTag", "CARD-1"}, {"meterStart", 0}, {"timestamp", "2026-11-27T12:00:00Z"}}));
    const auto tx = std::to_string(transaction);
    // The message log is written in batches, after the frames.
    wait_for("/api/v1/chargers/CP-1/messages", [](const Json &page) { return !page["items"].empty(); });

    struct Probe {
        std::string target;
        std::string path; // the document's path template
        bool populated;   // its `items` must not be empty, or the check proves little
    };
    const std::vector<Probe> probes{
        {"/api/v1/chargers", "/api/v1/chargers", true},
        {"/api/v1/chargers/CP-1", "/api/v1/chargers/{id}", false},
        {"/api/v1/chargers/CP-1/security", "/api/v1/chargers/{id}/security", false},
        {"/api/v1/chargers/CP-1/tariff", "/api/v1/chargers/{id}/tariff", false},
        {"/api/v1/chargers/CP-1/local-list", "/api/v1/chargers/{id}/local-list", false},
        {"/api/v1/chargers/CP-1/meter-values", "/api/v1/chargers/{id}/meter-values", true},
        {"/api/v1/chargers/CP-1/commands", "/api/v1/chargers/{id}/commands", false},
        {"/api/v1/chargers/CP-1/configuration", "/api/v1/chargers/{id}/configuration", false},
        {"/api/v1/chargers/CP-1/messages", "/api/v1/chargers/{id}/messages", true},
        {"/api/v1/sessions", "/api/v1/sessions", true},
        {"/api/v1/sessions/" + tx, "/api/v1/sessions/{transactionId}", false},
        {"/api/v1/sessions/" + tx + "/meter-values", "/api/v1/sessions/{transactionId}/meter-values", true},
        {"/api/v1/orphans", "/api/v1/orphans", false},
        {"/api/v1/id-tags", "/api/v1/id-tags", true},
        {"/api/v1/tariffs", "/api/v1/tariffs", true},
        {"/api/v1/sites", "/api/v1/sites", true},
        {"/api/v1/sites/" + site, "/api/v1/sites/{siteId}", false},
        {"/api/v1/sites/" + site + "/tree", "/api/v1/sites/{siteId}/tree", false},
        {"/api/v1/sites/" + site + "/load-groups", "/api/v1/sites/{siteId}/load-groups", true},
        {"/api/v1/fleets", "/api/v1/fleets", true},
        {"/api/v1/vehicles", "/api/v1/vehicles", true},
        {"/api/v1/vehicles/" + vehicle + "/departures", "/api/v1/vehicles/{vehicleId}/departures", true},
        {"/api/v1/vehicles/" + vehicle + "/next-departures", "/api/v1/vehicles/{vehicleId}/next-departures", true},
        {"/api/v1/auth/session", "/api/v1/auth/session", false},
        {"/api/v1/organisation", "/api/v1/organisation", false},
        {"/api/v1/users", "/api/v1/users", true},
        {"/api/v1/api-keys", "/api/v1/api-keys", true},
        {"/healthz", "/healthz", false},
        {"/readyz", "/readyz", false},
    };
    for (const auto &probe : probes) {
        SCOPED_TRACE("GET " + probe.target);
        const auto reply = get(probe.target);
        ASSERT_EQ(reply.status, 200) << reply.body;
        const auto body = Json::parse(reply.body);
        if (probe.populated) {
            EXPECT_FALSE(body.value("items", Json::array()).empty()) << reply.body;
        }
        const auto schema = openapi::response_schema(document(), probe.path, "get", "200");
        ASSERT_FALSE(schema.is_null()) << "no JSON schema for its 200 answer";
        const auto problems = openapi::validate(document(), schema, body);
        EXPECT_TRUE(problems.empty()) << lines(problems) << reply.body;
    }
    // Errors share one body: a 404 and a 401, each as their operation declares.
    const auto missing = get("/api/v1/chargers/NOPE");
    ASSERT_EQ(missing.status, 404);
    EXPECT_TRUE(openapi::validate(document(),
                                  openapi::response_schema(document(), "/api/v1/chargers/{id}", "get", "404"),
                                  Json::parse(missing.body))
                    .empty())
        << missing.body;
    const auto anonymous_reply = anonymous("GET", "/api/v1/sessions");
    ASSERT_EQ(anonymous_reply.status, 401);
    EXPECT_TRUE(openapi::validate(document(), openapi::response_schema(document(), "/api/v1/sessions", "get", "401"),
                                  Json::parse(anonymous_reply.body))
                    .empty())
        << anonymous_reply.body;
}

// The validator itself, so that a pass above means something.
TEST(OpenApiValidator, RefusesUndeclaredMissingMistypedAndNullMembers) {
    const Json doc = Json::parse(R"({"components": {"schemas": {
        "Thing": {"type": "object", "required": ["id", "at"], "properties": {
            "id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
            "kind": {"type": "string", "enum": ["a", "b"]}, "parent": {"allOf": [{"$ref": "#/components/schemas/Thing"}],
            "nullable": true}}}}}})");
    const Json schema = {{"$ref", "#/components/schemas/Thing"}};
    EXPECT_TRUE(openapi::validate(doc, schema, Json::parse(R"({"id": 1, "at": "2026-11-27T10:00:00.000Z",
        "parent": {"id": 2, "at": "2026-11-27T10:00:00Z", "parent": null}})"))
                    .empty());
    EXPECT_EQ(openapi::validate(doc, schema, Json::parse(R"({"id": 1, "at": "2026-11-27T10:00:00Z", "extra": 1})")),
              std::vector<std::string>{"/extra: not declared in the schema"});
    EXPECT_EQ(openapi::validate(doc, schema, Json::parse(R"({"id": 1.5, "at": "yesterday"})")),
              (std::vector<std::string>{"/at: not an RFC 3339 date-time: \"yesterday\"", "/id: not integer: 1.5"}));
    EXPECT_EQ(openapi::validate(doc, schema, Json::parse(R"({"at": null, "kind": "c"})")),
              (std::vector<std::string>{"/at: null, but not nullable", "/id: missing (required)",
                                        "/kind: \"c\" is not one of the enum"}));
}

} // namespace
} // namespace manage::testing
