#include "api/charging_json.hpp"
#include "api/charging_routes.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/core/authorization.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

asio::awaitable<Response> list_id_tags(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    auto work = [&] { return context.authorization->list_id_tags(principal.organisation_id); };
    const auto tags = co_await run_blocking(context.workers, std::move(work));
    auto items = Json::array();
    for (const auto &tag : tags)
        items.push_back(id_tag_to_json(tag));
    co_return json_response(200, {{"items", items}});
}

asio::awaitable<Response> get_id_tag(const ApiContext &context, Request request, Principal principal) {
    const auto id_tag = request.params.at("idTag");
    auto work = [&] { return context.authorization->find_id_tag(principal.organisation_id, id_tag); };
    const auto tag = co_await run_blocking(context.workers, std::move(work));
    if (!tag)
        co_return error_response(404, "id_tag_not_found", "no ID tag '" + id_tag + "'", "idTag");
    co_return json_response(200, id_tag_to_json(*tag));
}

Result<IdTag> id_tag_from_body(const std::string &id_tag, const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"status", "type", "expiryDate", "parentIdTag", "allowConcurrentTx"}));
    IdTag tag;
    tag.id_tag = id_tag;
    if (body.contains("status")) {
        const auto &status = body["status"];
        const auto parsed = status.is_string() ? id_tag_status_from_string(status.get<std::string>()) : std::nullopt;
        if (!parsed || *parsed == IdTagStatus::ConcurrentTx)
            return fail("invalid_status", "'status' must be Accepted, Blocked, Expired or Invalid", "status");
        tag.status = *parsed;
    }
    BOOST_OUTCOME_TRY(expiry, time_field(body, "expiryDate"));
    tag.expiry = expiry;
    BOOST_OUTCOME_TRY(parent, string_field(body, "parentIdTag"));
    tag.parent_id_tag = parent;
    BOOST_OUTCOME_TRY(type, string_field(body, "type"));
    if (!type.empty())
        tag.type = type;
    if (body.contains("allowConcurrentTx")) {
        if (!body["allowConcurrentTx"].is_boolean())
            return fail("invalid_type", "'allowConcurrentTx' must be true or false", "allowConcurrentTx");
        tag.allow_concurrent_tx = body["allowConcurrentTx"].get<bool>();
    }
    return tag;
}

asio::awaitable<Response> put_id_tag(const ApiContext &context, Request request, Principal principal) {
    const auto id_tag = request.params.at("idTag");
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    auto tag = id_tag_from_body(id_tag, std::get<Json>(parsed));
    if (!tag)
        co_return unprocessable(tag.error());
    tag.value().organisation_id = principal.organisation_id;
    auto work = [&] { return context.authorization->put_id_tag(tag.value()); };
    const auto stored = co_await run_blocking(context.workers, std::move(work));
    if (!stored)
        co_return unprocessable(stored.error());
    co_return json_response(stored.value().second ? 201 : 200, id_tag_to_json(stored.value().first));
}

asio::awaitable<Response> delete_id_tag(const ApiContext &context, Request request, Principal principal) {
    const auto id_tag = request.params.at("idTag");
    auto work = [&] { return context.authorization->delete_id_tag(principal.organisation_id, id_tag); };
    if (!co_await run_blocking(context.workers, std::move(work)))
        co_return error_response(404, "id_tag_not_found", "no ID tag '" + id_tag + "'", "idTag");
    Response response;
    response.status = 204;
    co_return response;
}

} // namespace

void add_id_tag_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/id-tags", auth.require(bind_route(context, list_id_tags)));
    router.add("GET", "/api/v1/id-tags/{idTag}", auth.require(bind_route(context, get_id_tag)));
    router.add("PUT", "/api/v1/id-tags/{idTag}", auth.require(bind_route(context, put_id_tag)));
    router.add("DELETE", "/api/v1/id-tags/{idTag}", auth.require(bind_route(context, delete_id_tag)));
}

} // namespace manage::core
