#include "api/charger_routes.hpp"

#include "api/charger_json.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/core/charger_service.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

asio::awaitable<Response> list_chargers(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {"siteId"}); !checked)
        co_return unprocessable(checked.error());
    const auto site = request.query.find("siteId");
    auto work = [&] { return context.chargers.list(principal.organisation_id); };
    const auto views = co_await run_blocking(context.workers, std::move(work));
    auto items = Json::array();
    for (const auto &view : views)
        if (site == request.query.end() || view.charger.site_id == site->second)
            items.push_back(charger_to_json(view));
    co_return json_response(200, {{"items", items}});
}

asio::awaitable<Response> get_charger(const ApiContext &context, std::string id) {
    auto work = [&] { return context.chargers.find(id); };
    const auto view = co_await run_blocking(context.workers, std::move(work));
    if (!view)
        co_return charger_not_found(id);
    auto response = json_response(200, charger_to_json(*view));
    response.headers["ETag"] = etag_of(view->charger.version);
    co_return response;
}

asio::awaitable<Response> register_charger(const ApiContext &context, Request request, Principal principal) {
    auto parsed = infra::http::parse_json_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    if (!body.is_object())
        co_return error_response(422, "invalid_body", "the body must be a JSON object", "");
    if (!body.contains("id"))
        co_return error_response(422, "missing_field", "'id' is required", "id");
    if (!body["id"].is_string())
        co_return error_response(422, "invalid_type", "'id' must be a string", "id");
    const auto id = body["id"].get<std::string>();
    auto registration = [&] { return context.chargers.register_charger(id, principal.organisation_id); };
    auto created = co_await run_blocking(context.workers, std::move(registration));
    if (!created)
        co_return error_for(created.error());
    auto reading = [&] { return context.chargers.find(id); };
    const auto view = co_await run_blocking(context.workers, std::move(reading));
    co_return json_response(created.value() ? 201 : 200, charger_to_json(*view));
}

} // namespace

void add_charger_routes(infra::http::Router &router, const ApiContext &context, Authenticator auth) {
    router.add("GET", "/api/v1/chargers", auth.require(bind_route(context, list_chargers)));
    // Adding a charger is configuring the depot: an admin's job.
    router.add("POST", "/api/v1/chargers", auth.require(bind_route(context, register_charger), Role::Admin));
    router.add("GET", "/api/v1/chargers/{id}", auth.require([context](Request &request) -> asio::awaitable<Response> {
        return get_charger(context, request.params.at("id"));
    }));
}

} // namespace manage::core
