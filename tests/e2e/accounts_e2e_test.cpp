// Organisations, users, web sessions and API keys over real HTTP: signing in with an HttpOnly
// SameSite cookie, CSRF on cookie-authenticated writes, throttled sign-in, roles, and tenancy
// (nobody acting for one organisation sees or changes another's records).
#include "e2e_fixture.hpp"

#include "manage/common/clock.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/organisations.hpp"
#include "manage/core/users.hpp"
#include "manage/infra/database.hpp"
#include "manage/infra/in_process_cache.hpp"

#include <fstream>
#include <set>

using namespace manage;
using namespace manage::testing;

namespace {

// `pattern` with each "{name}" replaced by values[name], or by `fallback` for names not given.
// (std::regex trips GCC 12's maybe-uninitialized warning at -O1.)
std::string fill(const std::string &pattern, const std::map<std::string, std::string> &values,
                 const std::string &fallback = "1") {
    std::string out;
    for (std::size_t at = 0; at < pattern.size();) {
        if (pattern[at] != '{') {
            out.push_back(pattern[at++]);
            continue;
        }
        const auto end = pattern.find('}', at);
        const auto name = pattern.substr(at + 1, end - at - 1);
        const auto value = values.find(name);
        out += value == values.end() ? fallback : value->second;
        at = end + 1;
    }
    return out;
}

// The session cookie's value in a Set-Cookie header; empty when there is none.
std::string session_token(const std::string &set_cookie) {
    const std::string name = "manage_session=";
    const auto at = set_cookie.find(name);
    if (at == std::string::npos)
        return {};
    const auto end = set_cookie.find(';', at);
    return set_cookie.substr(at + name.size(), end == std::string::npos ? std::string::npos : end - at - name.size());
}

std::string read_first_line(const std::filesystem::path &path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// A browser's view of the API: the session cookie and the CSRF token it was given.
struct WebClient {
    std::uint16_t port = 0;
    std::string cookie;
    std::string csrf;

    HttpReply send(const std::string &method, const std::string &target, const std::string &body = {},
                   bool with_csrf = true) const {
        std::map<std::string, std::string> headers{{"Cookie", "manage_session=" + cookie}};
        if (with_csrf && !csrf.empty())
            headers["X-CSRF-Token"] = csrf;
        return http_request(port, method, target, headers, body);
    }
};

class Accounts : public PlatformFixture {
protected:
    std::string admin_password() const { return read_first_line(platform_->admin_password_file()); }

    HttpReply sign_in(const std::string &email, const std::string &password) {
        return anonymous("POST", "/api/v1/auth/sign-in", Json{{"email", email}, {"password", password}}.dump());
    }

    WebClient signed_in(const std::string &email, const std::string &password) {
        const auto reply = sign_in(email, password);
        EXPECT_EQ(reply.status, 200) << reply.body;
        const auto cookie = reply.headers.count("set-cookie") ? reply.headers.at("set-cookie") : std::string();
        const auto token = session_token(cookie);
        EXPECT_EQ(token.size(), 64u) << cookie;
        const auto body = Json::parse(reply.body, nullptr, false);
        return WebClient{http_port(), token, body.value("csrfToken", "")};
    }

    HttpReply with_key(const std::string &key, const std::string &method, const std::string &target,
                       const std::string &body = {}) {
        return http_request(http_port(), method, target, {{"Authorization", "Bearer " + key}}, body);
    }

    // A second organisation with an admin key, made as an operator of the platform would (straight
    // through the services on the same database).
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
};

} // namespace

TEST_F(Accounts, TheFirstAdminSignsInWithAnHttpOnlyStrictCookieThatReadsTheApi) {
    const auto reply = sign_in(platform::kFirstAdminEmail, admin_password());
    ASSERT_EQ(reply.status, 200) << reply.body;
    const auto cookie = reply.headers.at("set-cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
    const auto body = Json::parse(reply.body);
    EXPECT_EQ(body["user"]["email"], platform::kFirstAdminEmail);
    EXPECT_EQ(body["user"]["role"], "admin");
    EXPECT_EQ(body["organisation"]["id"], "default");
    EXPECT_EQ(body["csrfToken"].get<std::string>().size(), 64u);
    EXPECT_EQ(body.dump().find(admin_password()), std::string::npos) << "the password is never echoed";

    const auto web = signed_in(platform::kFirstAdminEmail, admin_password());
    EXPECT_EQ(web.send("GET", "/api/v1/chargers").status, 200);
    const auto session = web.send("GET", "/api/v1/auth/session");
    ASSERT_EQ(session.status, 200) << session.body;
    EXPECT_EQ(Json::parse(session.body)["actor"]["kind"], "user");
    EXPECT_EQ(Json::parse(session.body)["csrfToken"], web.csrf);
}

TEST_F(Accounts, ACookieWriteWithoutTheCsrfTokenIsRefused) {
    const auto web = signed_in(platform::kFirstAdminEmail, admin_password());
    const auto refused = web.send("PUT", "/api/v1/id-tags/CARD-1", "{}", false);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(api_error(refused)["code"], "csrf_token_invalid");
    auto forged = web;
    forged.csrf = std::string(64, 'a');
    EXPECT_EQ(forged.send("PUT", "/api/v1/id-tags/CARD-1", "{}").status, 403);
    EXPECT_EQ(get("/api/v1/id-tags/CARD-1").status, 404) << "nothing was written";
    EXPECT_EQ(web.send("PUT", "/api/v1/id-tags/CARD-1", "{}").status, 201);
    // Bearer keys are not sent by browsers on their own: they need no CSRF token.
    EXPECT_EQ(put("/api/v1/id-tags/CARD-2", "{}").status, 201);
}

TEST_F(Accounts, WrongPasswordsAreRefusedAlikeThenThrottled) {
    const auto unknown = sign_in("nobody@manage.local", "whatever-password");
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(api_error(unknown)["code"], "invalid_credentials");
    for (int i = 0; i < 5; ++i) {
        const auto wrong = sign_in(platform::kFirstAdminEmail, "not-the-password-" + std::to_string(i));
        EXPECT_EQ(wrong.status, 401) << wrong.body;
        EXPECT_EQ(api_error(wrong)["message"], api_error(unknown)["message"]) << "no hint which part was wrong";
    }
    const auto throttled = sign_in(platform::kFirstAdminEmail, admin_password());
    EXPECT_EQ(throttled.status, 429) << "even the right password waits once the e-mail is throttled";
    EXPECT_EQ(throttled.headers.count("retry-after"), 1u);
    EXPECT_EQ(api_error(throttled)["code"], "too_many_attempts");
}

TEST_F(Accounts, SigningOutEndsTheSession) {
    const auto web = signed_in(platform::kFirstAdminEmail, admin_password());
    const auto out = web.send("POST", "/api/v1/auth/sign-out");
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_NE(out.headers.at("set-cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(web.send("GET", "/api/v1/chargers").status, 401);
}

TEST_F(Accounts, NothingButHealthMetricsSignInAndTheApiDocumentAnswersWithoutCredentials) {
    const auto routes = platform_->http_routes();
    ASSERT_GT(routes.size(), 40u);
    const std::set<std::string> open{"GET /healthz", "GET /readyz", "GET /metrics", "GET /api/openapi.json",
                                     "POST /api/v1/auth/sign-in"};
    for (const auto &[method, pattern] : routes) {
        const auto target = fill(pattern, {});
        SCOPED_TRACE(method + " " + target);
        const auto reply = anonymous(method, target, method == "GET" || method == "DELETE" ? "" : "{}");
        if (open.count(method + " " + pattern))
            EXPECT_NE(reply.status, 401);
        else
            EXPECT_EQ(reply.status, 401) << reply.body;
    }
}

TEST_F(Accounts, RolesLimitWhatAKeyOrUserMayDo) {
    auto viewer = Json::parse(post("/api/v1/api-keys", R"({"name":"wallboard","role":"viewer"})").body);
    auto operator_key = Json::parse(post("/api/v1/api-keys", R"({"name":"ops","role":"operator"})").body);
    ASSERT_TRUE(viewer.contains("key")) << viewer.dump();
    ASSERT_TRUE(operator_key.contains("key")) << operator_key.dump();
    const auto viewer_key = viewer["key"].get<std::string>();
    const auto ops_key = operator_key["key"].get<std::string>();

    EXPECT_EQ(with_key(viewer_key, "GET", "/api/v1/chargers").status, 200);
    const auto denied = with_key(viewer_key, "PUT", "/api/v1/id-tags/CARD-9", "{}");
    EXPECT_EQ(denied.status, 403);
    EXPECT_EQ(api_error(denied)["code"], "forbidden");
    EXPECT_EQ(with_key(ops_key, "PUT", "/api/v1/id-tags/CARD-9", "{}").status, 201);
    EXPECT_EQ(with_key(ops_key, "GET", "/api/v1/users").status, 403) << "people and keys are for admins";
    EXPECT_EQ(with_key(ops_key, "POST", "/api/v1/api-keys", R"({"name":"x","role":"admin"})").status, 403);
    EXPECT_EQ(with_key(ops_key, "POST", "/api/v1/chargers", R"({"id":"CP-NEW"})").status, 403);
}

TEST_F(Accounts, AnApiKeyIsShownOnceListedByPrefixAndRevocable) {
    const auto created = post("/api/v1/api-keys", R"({"name":"integration","role":"operator"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto body = Json::parse(created.body);
    const auto key = body["key"].get<std::string>();
    EXPECT_EQ(key.rfind(body["prefix"].get<std::string>(), 0), 0u);
    const auto listed = get("/api/v1/api-keys");
    EXPECT_EQ(listed.body.find(key), std::string::npos) << "the list never shows a key";
    EXPECT_NE(listed.body.find("integration"), std::string::npos);
    EXPECT_EQ(with_key(key, "GET", "/api/v1/chargers").status, 200);
    EXPECT_EQ(del("/api/v1/api-keys/" + body["id"].get<std::string>()).status, 204);
    EXPECT_EQ(with_key(key, "GET", "/api/v1/chargers").status, 401);
    EXPECT_EQ(post("/api/v1/api-keys", R"({"name":"","role":"operator"})").status, 422);
    EXPECT_EQ(api_error(post("/api/v1/api-keys", R"({"name":"x","role":"owner"})"))["field"], "role");
}

TEST_F(Accounts, UsersAreValidatedAndTheLastAdminStays) {
    const auto weak = post("/api/v1/users", R"({"email":"ops@depot.example","name":"Ops","role":"operator",
                                                "password":"short"})");
    EXPECT_EQ(weak.status, 422);
    EXPECT_EQ(api_error(weak)["field"], "password");
    EXPECT_EQ(api_error(post("/api/v1/users", R"({"email":"not-an-address","name":"Ops","role":"operator",
                                                  "password":"long-enough-password"})"))["field"],
              "email");
    const auto created = post("/api/v1/users", R"({"email":"Ops@Depot.example","name":"Ops","role":"operator",
                                                   "password":"long-enough-password"})");
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(Json::parse(created.body)["email"], "ops@depot.example");
    EXPECT_EQ(post("/api/v1/users", R"({"email":"ops@depot.example","name":"Again","role":"viewer",
                                        "password":"long-enough-password"})")
                  .status,
              409);
    // The new user signs in with any case of their e-mail, and acts as an operator.
    const auto ops = signed_in("OPS@depot.example", "long-enough-password");
    EXPECT_EQ(ops.send("GET", "/api/v1/users").status, 403);

    const auto users = Json::parse(get("/api/v1/users").body)["items"];
    std::string admin_id;
    for (const auto &user : users)
        if (user["role"] == "admin")
            admin_id = user["id"];
    ASSERT_FALSE(admin_id.empty());
    const auto demote = http_request(http_port(), "PATCH", "/api/v1/users/" + admin_id,
                                     {{"Authorization", "Bearer " + api_key_}}, R"({"role":"viewer"})");
    EXPECT_EQ(demote.status, 409);
    EXPECT_EQ(api_error(demote)["code"], "last_admin");
    EXPECT_EQ(del("/api/v1/users/" + admin_id).status, 409);
}

TEST_F(Accounts, ANewPasswordEndsTheUsersSessions) {
    const auto created = post("/api/v1/users", R"({"email":"driver@depot.example","name":"D","role":"viewer",
                                                   "password":"first-long-password"})");
    ASSERT_EQ(created.status, 201);
    const auto id = Json::parse(created.body)["id"].get<std::string>();
    const auto web = signed_in("driver@depot.example", "first-long-password");
    EXPECT_EQ(web.send("GET", "/api/v1/chargers").status, 200);
    const auto changed =
        http_request(http_port(), "PATCH", "/api/v1/users/" + id, {{"Authorization", "Bearer " + api_key_}},
                     R"({"password":"second-long-password"})");
    EXPECT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(web.send("GET", "/api/v1/chargers").status, 401);
    EXPECT_EQ(sign_in("driver@depot.example", "first-long-password").status, 401);
    EXPECT_EQ(sign_in("driver@depot.example", "second-long-password").status, 200);
}

// Tenancy: every resource an organisation can reach, probed from another organisation.
class Tenancy : public Accounts {};

TEST_F(Tenancy, AnotherOrganisationSeesNoneOfTheChargersOrAnythingUnderThem) {
    auto charger = boot("CP-A");
    ASSERT_EQ(
        charger
            ->call("StartTransaction",
                   {{"connectorId", 1}, {"idTag", "ANY"}, {"meterStart", 0}, {"timestamp", "2026-11-27T10:00:00Z"}})
            .index(),
        0u);
    const auto sessions = get_json("/api/v1/sessions")["items"];
    ASSERT_EQ(sessions.size(), 1u);
    const auto transaction = std::to_string(sessions[0]["transactionId"].get<long long>());
    const auto other = second_organisation_key("org-b");

    EXPECT_EQ(Json::parse(with_key(other, "GET", "/api/v1/chargers").body)["items"].size(), 0u);
    EXPECT_EQ(Json::parse(with_key(other, "GET", "/api/v1/sessions").body)["items"].size(), 0u);
    // Every route under a charger or a session answers 404 for another organisation's, whatever the method.
    for (const auto &[method, pattern] : platform_->http_routes()) {
        const bool charger_route = pattern.rfind("/api/v1/chargers/{id}", 0) == 0;
        const bool session_route = pattern.rfind("/api/v1/sessions/{transactionId}", 0) == 0;
        if (!charger_route && !session_route)
            continue;
        const auto target = fill(pattern, {{"id", "CP-A"}, {"transactionId", transaction}, {"action", "Reset"}});
        SCOPED_TRACE(method + " " + target);
        const auto reply = with_key(other, method, target, method == "GET" ? "" : R"({"type":"Soft"})");
        EXPECT_EQ(reply.status, 404) << reply.body;
        // The organisation's own key reaches the same charger (whatever the route then answers).
        EXPECT_NE(with_key(api_key_, method, target, method == "GET" ? "" : R"({"type":"Soft"})").status, 401);
    }
    const auto taken = with_key(other, "POST", "/api/v1/chargers", R"({"id":"CP-A"})");
    EXPECT_EQ(taken.status, 409) << "charger ids are global: another organisation cannot take one";
    EXPECT_EQ(api_error(taken)["code"], "charger_id_taken");
    EXPECT_EQ(get_json("/api/v1/chargers/CP-A")["id"], "CP-A") << "and the charger stays where it was";
}

TEST_F(Tenancy, IdTagsTariffsUsersAndKeysAreEachOrganisationsOwn) {
    put_id_tag("CARD-1", {{"status", "Accepted"}});
    ASSERT_EQ(
        put("/api/v1/tariffs/day", R"({"name":"Day","currency":"EUR","timezone":"UTC","pricePerKwh":0.3})").status,
        201);
    const auto other = second_organisation_key("org-b");

    EXPECT_EQ(Json::parse(with_key(other, "GET", "/api/v1/id-tags").body)["items"].size(), 0u);
    EXPECT_EQ(with_key(other, "GET", "/api/v1/id-tags/CARD-1").status, 404);
    EXPECT_EQ(with_key(other, "DELETE", "/api/v1/id-tags/CARD-1").status, 404);
    // The same card number is a separate tag in each organisation.
    EXPECT_EQ(with_key(other, "PUT", "/api/v1/id-tags/CARD-1", R"({"status":"Blocked"})").status, 201);
    EXPECT_EQ(get_json("/api/v1/id-tags/CARD-1")["status"], "Accepted");

    EXPECT_EQ(Json::parse(with_key(other, "GET", "/api/v1/tariffs").body)["items"].size(), 0u);
    EXPECT_EQ(with_key(other, "GET", "/api/v1/tariffs/day").status, 404);
    EXPECT_EQ(with_key(other, "DELETE", "/api/v1/tariffs/day").status, 404);
    EXPECT_EQ(with_key(other, "PUT", "/api/v1/tariffs/day",
                       R"({"name":"Mine","currency":"EUR","timezone":"UTC","pricePerKwh":0.1})")
                  .status,
              409);
    EXPECT_EQ(get_json("/api/v1/tariffs/day")["name"], "Day");

    const auto users = Json::parse(with_key(other, "GET", "/api/v1/users").body)["items"];
    EXPECT_EQ(users.size(), 0u);
    const auto own_users = get_json("/api/v1/users")["items"];
    ASSERT_EQ(own_users.size(), 1u);
    EXPECT_EQ(with_key(other, "GET", "/api/v1/users/" + own_users[0]["id"].get<std::string>()).status, 404);
    EXPECT_EQ(with_key(other, "DELETE", "/api/v1/users/" + own_users[0]["id"].get<std::string>()).status, 404);
    const auto keys = Json::parse(with_key(other, "GET", "/api/v1/api-keys").body)["items"];
    ASSERT_EQ(keys.size(), 1u) << "only its own key";
    const auto own_keys = get_json("/api/v1/api-keys")["items"];
    EXPECT_EQ(with_key(other, "DELETE", "/api/v1/api-keys/" + own_keys[0]["id"].get<std::string>()).status, 404);
    EXPECT_EQ(get("/api/v1/chargers").status, 200) << "the key was not revoked";
    EXPECT_EQ(Json::parse(with_key(other, "GET", "/api/v1/organisation").body)["id"], "org-b");
}

TEST_F(Tenancy, AChargerAnswersFromItsOwnOrganisationsTagsOnly) {
    auto charger = boot("CP-A");
    const auto other = second_organisation_key("org-b");
    ASSERT_EQ(with_key(other, "PUT", "/api/v1/id-tags/CARD-B", R"({"status":"Accepted"})").status, 201);
    const auto answer = result_of(charger->call("Authorize", {{"idTag", "CARD-B"}}));
    EXPECT_EQ(answer["idTagInfo"]["status"], "Invalid") << "another organisation's card";
    put_id_tag("CARD-B", {{"status", "Blocked"}});
    EXPECT_EQ(result_of(charger->call("Authorize", {{"idTag", "CARD-B"}}))["idTagInfo"]["status"], "Blocked");
}

// The public API: the same resources under /api/public/v1, bearer keys only, Idempotency-Key on POST.
TEST_F(Accounts, ThePublicApiServesTheSameResourcesToBearerKeysOnly) {
    ASSERT_EQ(post("/api/v1/fleets", R"({"name":"Buses"})").status, 201);
    const auto listed = with_key(api_key_, "GET", "/api/public/v1/fleets");
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(Json::parse(listed.body)["items"].size(), 1u);
    EXPECT_EQ(Json::parse(listed.body), get_json("/api/v1/fleets"));
    // A browser session is no credential here, even one the internal API accepts.
    const auto web = signed_in("admin@manage.local", admin_password());
    EXPECT_EQ(web.send("GET", "/api/v1/fleets").status, 200);
    const auto cookie_only = web.send("GET", "/api/public/v1/fleets");
    EXPECT_EQ(cookie_only.status, 401) << cookie_only.body;
    EXPECT_EQ(anonymous("GET", "/api/public/v1/chargers").status, 401);
    // Accounts stay internal.
    EXPECT_EQ(with_key(api_key_, "GET", "/api/public/v1/users").status, 404);
    EXPECT_EQ(with_key(api_key_, "GET", "/api/public/v1/api-keys").status, 404);
    // Another organisation's records are as absent as on the internal API.
    const auto other = second_organisation_key("org-pub");
    EXPECT_EQ(Json::parse(with_key(other, "GET", "/api/public/v1/fleets").body)["items"].size(), 0u);
}

TEST_F(Accounts, APublicPostRetriedWithItsIdempotencyKeyRunsOnce) {
    const auto send = [&](const std::string &key, const std::string &idempotency, const std::string &body) {
        return http_request(http_port(), "POST", "/api/public/v1/fleets",
                            {{"Authorization", "Bearer " + key}, {"Idempotency-Key", idempotency}}, body);
    };
    const auto first = send(api_key_, "retry-1", R"({"name":"Buses"})");
    ASSERT_EQ(first.status, 201) << first.body;
    const auto again = send(api_key_, "retry-1", R"({"name":"Buses"})");
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.headers.count("idempotent-replayed") ? again.headers.at("idempotent-replayed") : "", "true");
    EXPECT_EQ(again.headers.count("etag") ? again.headers.at("etag") : "", "\"1\"");
    EXPECT_EQ(get_json("/api/v1/fleets")["items"].size(), 1u);

    const auto reused = send(api_key_, "retry-1", R"({"name":"Vans"})");
    EXPECT_EQ(reused.status, 422);
    EXPECT_EQ(api_error(reused).value("code", ""), "idempotency_key_reused");
    EXPECT_EQ(api_error(reused).value("field", ""), "Idempotency-Key");
    const auto bad = send(api_key_, std::string(256, 'k'), R"({"name":"Vans"})");
    EXPECT_EQ(api_error(bad).value("code", ""), "invalid_idempotency_key");

    // A key is the credential's own: another integrator's same key is another request.
    const auto other = second_organisation_key("org-idem");
    EXPECT_EQ(send(other, "retry-1", R"({"name":"Vans"})").status, 201);
    // Without the header every POST runs.
    EXPECT_EQ(with_key(api_key_, "POST", "/api/public/v1/fleets", R"({"name":"Buses"})").status, 201);
    EXPECT_EQ(get_json("/api/v1/fleets")["items"].size(), 2u);
    // A refused request is answered the same way again, and a retry cannot turn it into another.
    EXPECT_EQ(send(api_key_, "retry-2", R"({"name":""})").status, 422);
    const auto still = send(api_key_, "retry-2", R"({"name":""})");
    EXPECT_EQ(still.status, 422);
    EXPECT_EQ(still.headers.count("idempotent-replayed"), 1u);
}
