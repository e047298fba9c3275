#include "api/site_routes.hpp"

#include "api/charger_json.hpp"
#include "api/route_support.hpp"
#include "api/site_json.hpp"
#include "manage/common/blocking.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/sites.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

// The answers are made on the worker pool, next to the Store calls they need: a failed conditional
// write re-reads the record there for the 412's current ETag.

Response with_etag(Response response, std::int64_t version) {
    response.headers["ETag"] = etag_of(version);
    return response;
}

Response no_content() {
    Response response;
    response.status = 204;
    return response;
}

// A service's error; for `precondition_failed`, `current` gives the record's version (nullopt: it went).
template <class Current> Response failure(const Error &error, Current current) {
    if (error.code == "precondition_failed") {
        if (const auto version = current())
            return precondition_failed(*version);
        return error_for(Error{"not_found", "the record no longer exists", ""});
    }
    return error_for(error);
}

Response site_not_found(const std::string &id) {
    return error_response(404, "site_not_found", "no site '" + id + "'", "siteId");
}

// The If-Match version, or the 400 answer.
std::variant<std::optional<std::int64_t>, Response> expected_version(const Request &request) {
    auto version = if_match_version(request);
    if (!version)
        return error_for(version.error());
    return version.value();
}

asio::awaitable<Response> list_sites(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    auto work = [&] {
        auto items = Json::array();
        for (const auto &site : context.sites->list(principal.organisation_id))
            items.push_back(site_to_json(site));
        return json_response(200, {{"items", items}});
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> create_site(const ApiContext &context, Request request, Principal principal) {
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto site = site_from_body(std::get<Json>(parsed));
    if (!site)
        co_return unprocessable(site.error());
    auto work = [&] {
        const auto created = context.sites->create(principal.organisation_id, site.value());
        if (!created)
            return error_for(created.error());
        return with_etag(json_response(201, site_to_json(created.value())), created.value().version);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> get_site(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("siteId");
    auto work = [&] {
        const auto site = context.sites->find(principal.organisation_id, id);
        if (!site)
            return site_not_found(id);
        return with_etag(json_response(200, site_to_json(*site)), site->version);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> update_site(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("siteId");
    auto expected = expected_version(request);
    if (auto *error = std::get_if<Response>(&expected))
        co_return *error;
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto changes = site_changes_from_body(std::get<Json>(parsed));
    if (!changes)
        co_return unprocessable(changes.error());
    const auto version = std::get<std::optional<std::int64_t>>(expected);
    auto work = [&] {
        const auto updated = context.sites->update(principal.organisation_id, id, changes.value(), version);
        if (!updated)
            return failure(updated.error(), [&]() -> std::optional<std::int64_t> {
                const auto site = context.sites->find(principal.organisation_id, id);
                return site ? std::optional(site->version) : std::nullopt;
            });
        return with_etag(json_response(200, site_to_json(updated.value())), updated.value().version);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> delete_site(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("siteId");
    auto expected = expected_version(request);
    if (auto *error = std::get_if<Response>(&expected))
        co_return *error;
    const auto version = std::get<std::optional<std::int64_t>>(expected);
    auto work = [&] {
        const auto removed = context.sites->remove(principal.organisation_id, id, version);
        if (!removed)
            return failure(removed.error(), [&]() -> std::optional<std::int64_t> {
                const auto site = context.sites->find(principal.organisation_id, id);
                return site ? std::optional(site->version) : std::nullopt;
            });
        return no_content();
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> list_load_groups(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    const auto site_id = request.params.at("siteId");
    auto work = [&] {
        const auto groups = context.sites->load_groups(principal.organisation_id, site_id);
        if (!groups)
            return site_not_found(site_id);
        auto items = Json::array();
        for (const auto &group : *groups)
            items.push_back(load_group_to_json(group));
        return json_response(200, {{"items", items}});
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> create_load_group(const ApiContext &context, Request request, Principal principal) {
    const auto site_id = request.params.at("siteId");
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto group = load_group_from_body(std::get<Json>(parsed));
    if (!group)
        co_return unprocessable(group.error());
    auto work = [&] {
        const auto created = context.sites->create_load_group(principal.organisation_id, site_id, group.value());
        if (!created)
            return error_for(created.error());
        return with_etag(json_response(201, load_group_to_json(created.value())), created.value().version);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> get_load_group(const ApiContext &context, Request request, Principal principal) {
    const auto site_id = request.params.at("siteId");
    const auto id = request.params.at("loadGroupId");
    auto work = [&] {
        if (!context.sites->find(principal.organisation_id, site_id))
            return site_not_found(site_id);
        const auto group = context.sites->find_load_group(principal.organisation_id, site_id, id);
        if (!group)
            return error_response(404, "load_group_not_found", "no load group '" + id + "'", "loadGroupId");
        return with_etag(json_response(200, load_group_to_json(*group)), group->version);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> update_load_group(const ApiContext &context, Request request, Principal principal) {
    const auto site_id = request.params.at("siteId");
    const auto id = request.params.at("loadGroupId");
    auto expected = expected_version(request);
    if (auto *error = std::get_if<Response>(&expected))
        co_return *error;
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto changes = load_group_changes_from_body(std::get<Json>(parsed));
    if (!changes)
        co_return unprocessable(changes.error());
    const auto version = std::get<std::optional<std::int64_t>>(expected);
    auto work = [&] {
        if (!context.sites->find(principal.organisation_id, site_id))
            return site_not_found(site_id);
        const auto updated =
            context.sites->update_load_group(principal.organisation_id, site_id, id, changes.value(), version);
        if (!updated)
            return failure(updated.error(), [&]() -> std::optional<std::int64_t> {
                const auto group = context.sites->find_load_group(principal.organisation_id, site_id, id);
                return group ? std::optional(group->version) : std::nullopt;
            });
        return with_etag(json_response(200, load_group_to_json(updated.value())), updated.value().version);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> delete_load_group(const ApiContext &context, Request request, Principal principal) {
    const auto site_id = request.params.at("siteId");
    const auto id = request.params.at("loadGroupId");
    auto expected = expected_version(request);
    if (auto *error = std::get_if<Response>(&expected))
        co_return *error;
    const auto version = std::get<std::optional<std::int64_t>>(expected);
    auto work = [&] {
        if (!context.sites->find(principal.organisation_id, site_id))
            return site_not_found(site_id);
        const auto removed = context.sites->remove_load_group(principal.organisation_id, site_id, id, version);
        if (!removed)
            return failure(removed.error(), [&]() -> std::optional<std::int64_t> {
                const auto group = context.sites->find_load_group(principal.organisation_id, site_id, id);
                return group ? std::optional(group->version) : std::nullopt;
            });
        return no_content();
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> get_tree(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    const auto site_id = request.params.at("siteId");
    auto work = [&] {
        const auto tree = context.sites->tree(principal.organisation_id, site_id);
        if (!tree)
            return site_not_found(site_id);
        return json_response(200, site_tree_to_json(*tree, context.sites->now()));
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

ChargerPlacement placement_of(const Charger &charger) {
    return ChargerPlacement{charger.site_id, charger.load_group_id, charger.max_power_kw, charger.phases, charger.name};
}

asio::awaitable<Response> update_charger(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("id");
    auto expected = expected_version(request);
    if (auto *error = std::get_if<Response>(&expected))
        co_return *error;
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto changes = charger_changes_from_body(std::get<Json>(parsed));
    if (!changes)
        co_return unprocessable(changes.error());
    const auto version = std::get<std::optional<std::int64_t>>(expected);
    auto work = [&] {
        const auto before = context.chargers.find(id);
        if (!before || before->charger.organisation_id != principal.organisation_id)
            return charger_not_found(id);
        const auto changed = context.sites->change_charger(principal.organisation_id, id, placement_of(before->charger),
                                                           before->charger.version, changes.value(), version);
        if (!changed)
            return failure(changed.error(), [&]() -> std::optional<std::int64_t> {
                const auto now = context.chargers.find(id);
                return now ? std::optional(now->charger.version) : std::nullopt;
            });
        const auto after = context.chargers.find(id);
        if (!after)
            return charger_not_found(id);
        return with_etag(json_response(200, charger_to_json(*after)), after->charger.version);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<Response> put_connector(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("id");
    const auto evse_id = parse_integer(request.params.at("evseId"), 1, 1000);
    const auto connector_id = parse_integer(request.params.at("connectorId"), 1, 1000);
    if (!evse_id)
        co_return unprocessable(Error{"invalid_parameter", "'evseId' is an integer from 1 to 1000", "evseId"});
    if (!connector_id)
        co_return unprocessable(
            Error{"invalid_parameter", "'connectorId' is an integer from 1 to 1000", "connectorId"});
    auto expected = expected_version(request);
    if (auto *error = std::get_if<Response>(&expected))
        co_return *error;
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto settings = connector_settings_from_body(std::get<Json>(parsed));
    if (!settings)
        co_return unprocessable(settings.error());
    const auto version = std::get<std::optional<std::int64_t>>(expected);
    auto work = [&] {
        const auto set = context.sites->set_connector(principal.organisation_id, id, static_cast<int>(*evse_id),
                                                      static_cast<int>(*connector_id), settings.value(), version);
        if (!set)
            return failure(set.error(), [&]() -> std::optional<std::int64_t> {
                const auto now = context.chargers.find(id);
                return now ? std::optional(now->charger.version) : std::nullopt;
            });
        const auto after = context.chargers.find(id);
        if (!after)
            return charger_not_found(id);
        return with_etag(json_response(200, charger_to_json(*after)), after->charger.version);
    };
    co_return co_await run_blocking(context.workers, std::move(work));
}

} // namespace

void add_site_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    // Sites and their electrical tree are the depot's configuration: an admin's to write.
    router.add("GET", "/api/v1/sites", auth.require(bind_route(context, list_sites)));
    router.add("POST", "/api/v1/sites", auth.require(bind_route(context, create_site), Role::Admin));
    router.add("GET", "/api/v1/sites/{siteId}", auth.require(bind_route(context, get_site)));
    router.add("PATCH", "/api/v1/sites/{siteId}", auth.require(bind_route(context, update_site), Role::Admin));
    router.add("DELETE", "/api/v1/sites/{siteId}", auth.require(bind_route(context, delete_site), Role::Admin));
    router.add("GET", "/api/v1/sites/{siteId}/tree", auth.require(bind_route(context, get_tree)));
    router.add("GET", "/api/v1/sites/{siteId}/load-groups", auth.require(bind_route(context, list_load_groups)));
    router.add("POST", "/api/v1/sites/{siteId}/load-groups",
               auth.require(bind_route(context, create_load_group), Role::Admin));
    router.add("GET", "/api/v1/sites/{siteId}/load-groups/{loadGroupId}",
               auth.require(bind_route(context, get_load_group)));
    router.add("PATCH", "/api/v1/sites/{siteId}/load-groups/{loadGroupId}",
               auth.require(bind_route(context, update_load_group), Role::Admin));
    router.add("DELETE", "/api/v1/sites/{siteId}/load-groups/{loadGroupId}",
               auth.require(bind_route(context, delete_load_group), Role::Admin));
    router.add("PATCH", "/api/v1/chargers/{id}", auth.require(bind_route(context, update_charger), Role::Admin));
    router.add("PUT", "/api/v1/chargers/{id}/connectors/{evseId}/{connectorId}",
               auth.require(bind_route(context, put_connector), Role::Admin));
}

} // namespace manage::core
