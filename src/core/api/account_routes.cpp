#include "api/account_routes.hpp"

#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/organisations.hpp"
#include "manage/core/users.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

Json user_to_json(const User &user) {
    return {{"id", user.id},
            {"email", user.email},
            {"name", user.name},
            {"role", to_string(user.role)},
            {"createdAt", format_time(user.created_at)},
            {"updatedAt", format_time(user.updated_at)}};
}

Json api_key_to_json(const ApiKeyInfo &key) {
    return {{"id", key.id},
            {"name", key.name},
            {"prefix", key.prefix},
            {"role", to_string(key.role)},
            {"createdAt", format_time(key.created_at)}};
}

Json organisation_to_json(const Organisation &organisation) {
    return {{"id", organisation.id}, {"name", organisation.name}, {"createdAt", format_time(organisation.created_at)}};
}

Response no_content() {
    Response response;
    response.status = 204;
    return response;
}

std::string session_cookie_header(const std::string &value, long long max_age_s, bool secure) {
    // HttpOnly: scripts cannot read it. SameSite=Strict: other sites' pages cannot make the browser send it.
    return std::string(kSessionCookie) + "=" + value +
           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s) + (secure ? "; Secure" : "");
}

Result<std::string> required_string(const Json &body, const char *name) {
    if (!body.contains(name))
        return fail("missing_field", std::string("'") + name + "' is required", name);
    if (!body[name].is_string())
        return fail("invalid_type", std::string("'") + name + "' must be a string", name);
    return body[name].get<std::string>();
}

Result<std::optional<Role>> role_field(const Json &body, bool required) {
    if (!body.contains("role")) {
        if (required)
            return fail("missing_field", "'role' is required", "role");
        return std::optional<Role>();
    }
    const auto role = body["role"].is_string() ? parse_role(body["role"].get<std::string>()) : std::nullopt;
    if (!role)
        return fail("invalid_role", "'role' is admin, operator or viewer", "role");
    return role;
}

Result<NewUser> new_user_from(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"email", "name", "role", "password"}));
    NewUser user;
    BOOST_OUTCOME_TRY(email, required_string(body, "email"));
    BOOST_OUTCOME_TRY(name, required_string(body, "name"));
    BOOST_OUTCOME_TRY(password, required_string(body, "password"));
    BOOST_OUTCOME_TRY(role, role_field(body, true));
    return NewUser{email, name, password, *role};
}

Result<UserChanges> user_changes_from(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"name", "role", "password"}));
    UserChanges changes;
    if (body.contains("name")) {
        BOOST_OUTCOME_TRY(name, required_string(body, "name"));
        changes.name = name;
    }
    if (body.contains("password")) {
        BOOST_OUTCOME_TRY(password, required_string(body, "password"));
        changes.password = password;
    }
    BOOST_OUTCOME_TRY(role, role_field(body, false));
    changes.role = role;
    return changes;
}

asio::awaitable<Response> sign_in(const ApiContext &context, Request request) {
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    if (auto checked = only_fields(body, {"email", "password"}); !checked)
        co_return unprocessable(checked.error());
    const auto email = required_string(body, "email");
    if (!email)
        co_return unprocessable(email.error());
    const auto password = required_string(body, "password");
    if (!password)
        co_return unprocessable(password.error());
    auto work = [&] { return context.users.sign_in(email.value(), password.value(), request.remote_address); };
    const auto session = co_await run_blocking(context.workers, std::move(work));
    if (!session) {
        auto response = error_for(session.error());
        if (session.error().code == "too_many_attempts")
            response.headers["Retry-After"] = "60";
        co_return response;
    }
    const auto &web = session.value();
    auto organisation = [&] { return context.organisations.find(web.user.organisation_id); };
    const auto found = co_await run_blocking(context.workers, std::move(organisation));
    auto response = json_response(200, {{"user", user_to_json(web.user)},
                                        {"organisation", found ? organisation_to_json(*found) : Json(nullptr)},
                                        {"csrfToken", web.csrf_token},
                                        {"expiresAt", format_time(web.expires_at)}});
    const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(web.lifetime);
    response.headers["Set-Cookie"] =
        session_cookie_header(web.token, std::max<long long>(1, lifetime.count()), context.secure_cookies);
    response.headers["Cache-Control"] = "no-store";
    co_return response;
}

asio::awaitable<Response> sign_out(const ApiContext &context, Request request, Principal principal) {
    if (principal.kind == CredentialKind::WebSession) {
        const auto token = session_cookie(request);
        auto work = [&] {
            context.users.sign_out(token);
            return true;
        };
        co_await run_blocking(context.workers, std::move(work));
    }
    auto response = no_content();
    response.headers["Set-Cookie"] = session_cookie_header("", 0, context.secure_cookies);
    co_return response;
}

asio::awaitable<Response> who_am_i(const ApiContext &context, Request, Principal principal) {
    auto work = [&] { return context.organisations.find(principal.organisation_id); };
    const auto organisation = co_await run_blocking(context.workers, std::move(work));
    Json body{{"organisation", organisation ? organisation_to_json(*organisation) : Json(nullptr)},
              {"actor",
               {{"id", principal.actor_id},
                {"name", principal.actor_name},
                {"kind", principal.kind == CredentialKind::ApiKey ? "apiKey" : "user"}}},
              {"role", to_string(principal.role)}};
    if (principal.kind == CredentialKind::WebSession)
        body["csrfToken"] = principal.csrf_token;
    co_return json_response(200, body);
}

asio::awaitable<Response> get_organisation(const ApiContext &context, Request, Principal principal) {
    auto work = [&] { return context.organisations.find(principal.organisation_id); };
    const auto organisation = co_await run_blocking(context.workers, std::move(work));
    if (!organisation)
        co_return error_response(404, "organisation_not_found", "the organisation no longer exists");
    co_return json_response(200, organisation_to_json(*organisation));
}

asio::awaitable<Response> rename_organisation(const ApiContext &context, Request request, Principal principal) {
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    if (auto checked = only_fields(body, {"name"}); !checked)
        co_return unprocessable(checked.error());
    const auto name = required_string(body, "name");
    if (!name)
        co_return unprocessable(name.error());
    auto work = [&] { return context.organisations.rename(principal.organisation_id, name.value()); };
    const auto renamed = co_await run_blocking(context.workers, std::move(work));
    if (!renamed)
        co_return error_for(renamed.error());
    co_return json_response(200, organisation_to_json(renamed.value()));
}

asio::awaitable<Response> list_users(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    auto work = [&] { return context.users.list(principal.organisation_id); };
    const auto users = co_await run_blocking(context.workers, std::move(work));
    auto items = Json::array();
    for (const auto &user : users)
        items.push_back(user_to_json(user));
    co_return json_response(200, {{"items", items}});
}

asio::awaitable<Response> create_user(const ApiContext &context, Request request, Principal principal) {
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto user = new_user_from(std::get<Json>(parsed));
    if (!user)
        co_return unprocessable(user.error());
    auto work = [&] { return context.users.create(principal.organisation_id, user.value()); };
    const auto created = co_await run_blocking(context.workers, std::move(work));
    if (!created)
        co_return error_for(created.error());
    co_return json_response(201, user_to_json(created.value()));
}

asio::awaitable<Response> get_user(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("userId");
    auto work = [&] { return context.users.find(principal.organisation_id, id); };
    const auto user = co_await run_blocking(context.workers, std::move(work));
    if (!user)
        co_return error_response(404, "user_not_found", "no user '" + id + "'", "userId");
    co_return json_response(200, user_to_json(*user));
}

asio::awaitable<Response> update_user(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("userId");
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto changes = user_changes_from(std::get<Json>(parsed));
    if (!changes)
        co_return unprocessable(changes.error());
    auto work = [&] { return context.users.update(principal.organisation_id, id, changes.value()); };
    const auto updated = co_await run_blocking(context.workers, std::move(work));
    if (!updated)
        co_return error_for(updated.error());
    co_return json_response(200, user_to_json(updated.value()));
}

asio::awaitable<Response> delete_user(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("userId");
    auto work = [&] { return context.users.remove(principal.organisation_id, id); };
    const auto removed = co_await run_blocking(context.workers, std::move(work));
    if (!removed)
        co_return error_for(removed.error());
    co_return no_content();
}

asio::awaitable<Response> list_api_keys(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    auto work = [&] { return context.api_keys.list(principal.organisation_id); };
    const auto keys = co_await run_blocking(context.workers, std::move(work));
    auto items = Json::array();
    for (const auto &key : keys)
        items.push_back(api_key_to_json(key));
    co_return json_response(200, {{"items", items}});
}

asio::awaitable<Response> create_api_key(const ApiContext &context, Request request, Principal principal) {
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    if (auto checked = only_fields(body, {"name", "role"}); !checked)
        co_return unprocessable(checked.error());
    const auto name = required_string(body, "name");
    if (!name)
        co_return unprocessable(name.error());
    const auto role = role_field(body, true);
    if (!role)
        co_return unprocessable(role.error());
    auto work = [&] { return context.api_keys.create(principal.organisation_id, name.value(), *role.value()); };
    const auto created = co_await run_blocking(context.workers, std::move(work));
    if (!created)
        co_return error_for(created.error());
    auto json = api_key_to_json(created.value().info);
    json["key"] = created.value().key; // the only time it is shown
    auto response = json_response(201, json);
    response.headers["Cache-Control"] = "no-store";
    co_return response;
}

asio::awaitable<Response> delete_api_key(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("keyId");
    auto work = [&] { return context.api_keys.revoke(principal.organisation_id, id); };
    if (!co_await run_blocking(context.workers, std::move(work)))
        co_return error_response(404, "api_key_not_found", "no API key '" + id + "'", "keyId");
    co_return no_content();
}

} // namespace

void add_account_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    // Signing in is the one write that needs no credential; Users::sign_in throttles it.
    router.add("POST", "/api/v1/auth/sign-in", bind_route(context, sign_in));
    router.add("POST", "/api/v1/auth/sign-out", auth.require(bind_route(context, sign_out), Role::Viewer));
    router.add("GET", "/api/v1/auth/session", auth.require(bind_route(context, who_am_i)));
    router.add("GET", "/api/v1/organisation", auth.require(bind_route(context, get_organisation)));
    router.add("PATCH", "/api/v1/organisation", auth.require(bind_route(context, rename_organisation), Role::Admin));
    router.add("GET", "/api/v1/users", auth.require(bind_route(context, list_users), Role::Admin));
    router.add("POST", "/api/v1/users", auth.require(bind_route(context, create_user), Role::Admin));
    router.add("GET", "/api/v1/users/{userId}", auth.require(bind_route(context, get_user), Role::Admin));
    router.add("PATCH", "/api/v1/users/{userId}", auth.require(bind_route(context, update_user), Role::Admin));
    router.add("DELETE", "/api/v1/users/{userId}", auth.require(bind_route(context, delete_user), Role::Admin));
    router.add("GET", "/api/v1/api-keys", auth.require(bind_route(context, list_api_keys), Role::Admin));
    router.add("POST", "/api/v1/api-keys", auth.require(bind_route(context, create_api_key), Role::Admin));
    router.add("DELETE", "/api/v1/api-keys/{keyId}", auth.require(bind_route(context, delete_api_key), Role::Admin));
}

} // namespace manage::core
