#include "api/charging_json.hpp"
#include "api/charging_routes.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/core/authorization.hpp"
#include "manage/core/charger_service.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

asio::awaitable<Response> get_local_list(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    auto work = [&]() -> std::optional<LocalListState> {
        if (!context.chargers.find(id))
            return std::nullopt;
        return context.authorization->local_list(id);
    };
    const auto state = co_await run_blocking(context.workers, std::move(work));
    if (!state)
        co_return charger_not_found(id);
    co_return json_response(200, local_list_to_json(*state));
}

Result<std::vector<LocalListEntry>> entries_from_body(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"entries"}));
    if (!body.contains("entries"))
        return fail("missing_field", "'entries' is required", "entries");
    if (!body["entries"].is_array())
        return fail("invalid_type", "'entries' must be an array", "entries");
    std::vector<LocalListEntry> entries;
    for (std::size_t i = 0; i < body["entries"].size(); ++i) {
        const auto &item = body["entries"][i];
        const auto path = "entries/" + std::to_string(i);
        if (!item.is_object())
            return fail("invalid_type", "each entry must be an object", path);
        BOOST_OUTCOME_TRY(only_fields(item, {"idTag", "type", "idTagInfo"}, path + "/"));
        if (!item.contains("idTag") || !item["idTag"].is_string())
            return fail("missing_field", "each entry needs an 'idTag' string", path + "/idTag");
        if (!item.contains("idTagInfo"))
            return fail("missing_field", "each entry needs its 'idTagInfo'", path + "/idTagInfo");
        BOOST_OUTCOME_TRY(info, id_tag_info_from_json(item["idTagInfo"], path + "/idTagInfo"));
        LocalListEntry entry{item["idTag"].get<std::string>(), info};
        BOOST_OUTCOME_TRY(type, string_field(item, "type", path + "/"));
        if (!type.empty())
            entry.type = type;
        entries.push_back(std::move(entry));
    }
    return entries;
}

asio::awaitable<Response> put_local_list(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    auto entries = entries_from_body(std::get<Json>(parsed));
    if (!entries)
        co_return unprocessable(entries.error());
    auto work = [&]() -> std::optional<Result<LocalListState>> {
        if (!context.chargers.find(id))
            return std::nullopt;
        return context.authorization->replace_local_list(id, entries.value());
    };
    const auto state = co_await run_blocking(context.workers, std::move(work));
    if (!state)
        co_return charger_not_found(id);
    if (!*state)
        co_return unprocessable(state->error());
    co_return json_response(200, local_list_to_json(state->value()));
}

int status_of_failure(const std::string &code) {
    if (code == "commands_unavailable")
        return 503;
    if (code == "charger_not_connected")
        return 409;
    if (code == "charger_timeout")
        return 504;
    return 502;
}

asio::awaitable<Response> sync_local_list(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    if (auto checked = only_fields(body, {"updateType"}); !checked)
        co_return unprocessable(checked.error());
    if (!body.contains("updateType"))
        co_return error_response(422, "missing_field", "'updateType' is required", "updateType");
    const auto type =
        body["updateType"].is_string() ? update_type_from_string(body["updateType"].get<std::string>()) : std::nullopt;
    if (!type)
        co_return error_response(422, "invalid_update_type", "'updateType' must be 'Full' or 'Differential'",
                                 "updateType");
    auto finding = [&] { return context.chargers.find(id); };
    const auto charger = co_await run_blocking(context.workers, std::move(finding));
    if (!charger)
        co_return charger_not_found(id);
    const auto synced =
        co_await context.authorization->sync_local_list(id, charger->charger.ocpp_version, *type, context.workers);
    if (!synced)
        co_return error_response(status_of_failure(synced.error().code), synced.error());
    const auto &sync = synced.value();
    co_return json_response(200, {{"chargerId", id},
                                  {"status", sync.status},
                                  {"updateType", to_string(sync.update.type)},
                                  {"sentVersion", sync.update.version},
                                  {"entries", sync.update.entries.size()},
                                  {"leftOut", sync.left_out},
                                  {"listVersion", sync.version}});
}

} // namespace

void add_local_list_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/chargers/{id}/local-list", auth.require(bind_route(context, get_local_list)));
    router.add("PUT", "/api/v1/chargers/{id}/local-list", auth.require(bind_route(context, put_local_list)));
    router.add("POST", "/api/v1/chargers/{id}/local-list/sync", auth.require(bind_route(context, sync_local_list)));
}

} // namespace manage::core
