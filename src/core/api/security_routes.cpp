#include "api/security_routes.hpp"

#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/charger_credentials.hpp"
#include "manage/core/charger_service.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

Json security_to_json(const ChargerSecurity &security) {
    return {{"chargerId", security.charger_id},
            {"securityProfile", security.profile},
            {"hasPassword", security.has_password},
            {"updatedAt", security.updated_at ? Json(format_time(*security.updated_at)) : Json(nullptr)}};
}

asio::awaitable<Response> get_security(const ApiContext &context, std::string id) {
    auto work = [&context, &id]() -> std::optional<ChargerSecurity> {
        if (!context.chargers.find(id)) {
            return std::nullopt;
        }
        return context.credentials->get(id);
    };
    const auto security = co_await run_blocking(context.workers, std::move(work));
    if (!security) {
        co_return charger_not_found(id);
    }
    co_return json_response(200, security_to_json(*security));
}

asio::awaitable<Response> put_security(const ApiContext &context, std::string id, Request request) {
    auto parsed = infra::http::parse_json_body(request);
    if (auto *error = std::get_if<Response>(&parsed)) {
        co_return *error;
    }
    const auto &body = std::get<Json>(parsed);
    if (!body.is_object()) {
        co_return error_response(422, "invalid_body", "the body must be a JSON object", "");
    }
    if (!body.contains("securityProfile")) {
        co_return error_response(422, "missing_field", "'securityProfile' is required", "securityProfile");
    }
    if (!body["securityProfile"].is_number_integer()) {
        co_return error_response(422, "invalid_type", "'securityProfile' must be 0, 1, 2 or 3", "securityProfile");
    }
    const auto profile = body["securityProfile"].get<long long>();
    if (profile < kMinSecurityProfile || profile > kMaxSecurityProfile) {
        co_return error_response(422, "invalid_security_profile", "'securityProfile' must be 0, 1, 2 or 3",
                                 "securityProfile");
    }
    std::optional<std::string> password;
    if (body.contains("password") && !body["password"].is_null()) {
        if (!body["password"].is_string()) {
            co_return error_response(422, "invalid_type", "'password' must be a string", "password");
        }
        password = body["password"].get<std::string>();
    }
    auto work = [&context, &id, profile, &password] {
        return context.credentials->set(id, static_cast<int>(profile), password);
    };
    const auto saved = co_await run_blocking(context.workers, std::move(work));
    if (!saved) {
        const auto &error = saved.error();
        co_return error_response(error.code == "charger_not_found" ? 404 : 422, error);
    }
    co_return json_response(200, security_to_json(saved.value()));
}

} // namespace

void add_security_routes(infra::http::Router &router, const ApiContext &context, Authenticator auth) {
    router.add("GET", "/api/v1/chargers/{id}/security",
               auth.require([context](Request &request) -> asio::awaitable<Response> {
                   return get_security(context, request.params.at("id"));
               }));
    // Charger passwords and security profiles are the depot's configuration: an admin's job.
    router.add("PUT", "/api/v1/chargers/{id}/security",
               auth.require(
                   [context](Request &request) -> asio::awaitable<Response> {
                       return put_security(context, request.params.at("id"), request);
                   },
                   Role::Admin));
}

} // namespace manage::core
