#include "api/command_routes.hpp"

#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/command_service.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

int status_of(const std::string &code) {
    if (code == "charger_not_found" || code == "unknown_action")
        return 404;
    if (code == "invalid_payload")
        return 422;
    if (code == "not_connected")
        return 409;
    if (code == "timeout")
        return 504;
    return 502; // charger_error, invalid_response, connection_lost
}

Json parsed_or_text(const std::string &text) {
    if (text.empty())
        return nullptr;
    auto json = Json::parse(text, nullptr, false);
    return json.is_discarded() ? Json(text) : json;
}

Json command_to_json(const CommandRecord &r) {
    Json json{{"id", r.id},
              {"chargerId", r.charger_id},
              {"action", r.action},
              {"request", parsed_or_text(r.request)},
              {"apiKey", {{"id", r.actor.id}, {"name", r.actor.name}}},
              {"requestedAt", format_time(r.requested_at)},
              {"finishedAt", r.finished_at ? Json(format_time(*r.finished_at)) : Json(nullptr)},
              {"outcome", r.outcome},
              {"response", parsed_or_text(r.response)},
              {"error", nullptr}};
    if (!r.error_code.empty() || !r.error_description.empty())
        json["error"] = {{"code", r.error_code}, {"description", r.error_description}};
    return json;
}

asio::awaitable<Response> send_command(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("id");
    const auto action = request.params.at("action");
    Json payload = Json::object();
    // Commands without fields (ClearCache, GetLocalListVersion, …) may come without a body.
    if (!request.body.empty()) {
        auto parsed = infra::http::parse_json_body(request);
        if (auto *error = std::get_if<Response>(&parsed))
            co_return *error;
        payload = std::move(std::get<Json>(parsed));
    }
    // Arguments are named: GCC 12 destroys some temporaries of a co_await expression twice.
    Actor actor{principal.actor_id, principal.actor_name};
    const auto reply = co_await context.commands->execute(id, action, std::move(payload), std::move(actor));
    if (reply.ok()) {
        auto response = json_response(200, *reply.response);
        response.headers["X-Command-Id"] = reply.command_id;
        co_return response;
    }
    Json error{{"code", reply.error->code}, {"message", reply.error->message}};
    if (!reply.error->field.empty())
        error["field"] = reply.error->field;
    if (reply.error->code == "charger_error") {
        error["chargerErrorCode"] = reply.charger_error_code;
        error["chargerErrorDescription"] = reply.charger_error_description;
    }
    if (!reply.command_id.empty())
        error["commandId"] = reply.command_id;
    auto response = json_response(status_of(reply.error->code), Json{{"error", error}});
    if (!reply.command_id.empty())
        response.headers["X-Command-Id"] = reply.command_id;
    co_return response;
}

enum class Listing { Commands, Configuration, ChargingProfiles, Reservations };

Json listing(CommandService &commands, Listing what, const std::string &id, std::size_t limit) {
    switch (what) {
    case Listing::Commands: {
        auto items = Json::array();
        for (const auto &record : commands.history(id, limit))
            items.push_back(command_to_json(record));
        return {{"items", items}};
    }
    case Listing::Configuration: {
        const auto configuration = commands.configuration(id);
        auto keys = Json::array();
        for (const auto &entry : configuration.keys)
            keys.push_back({{"key", entry.key},
                            {"value", entry.value ? Json(*entry.value) : Json(nullptr)},
                            {"readonly", entry.readonly}});
        return {{"configurationKey", keys},
                {"unknownKey", configuration.unknown_keys},
                {"updatedAt", configuration.updated_at ? Json(format_time(*configuration.updated_at)) : Json(nullptr)}};
    }
    case Listing::ChargingProfiles: {
        auto items = Json::array();
        for (const auto &p : commands.charging_profiles(id))
            items.push_back({{"connectorId", p.connector_id},
                             {"chargingProfileId", p.profile_id},
                             {"stackLevel", p.stack_level},
                             {"chargingProfilePurpose", p.purpose},
                             {"profile", parsed_or_text(p.profile)},
                             {"setAt", format_time(p.set_at)}});
        return {{"items", items}};
    }
    case Listing::Reservations: {
        auto items = Json::array();
        for (const auto &r : commands.reservations(id))
            items.push_back({{"reservationId", r.reservation_id},
                             {"connectorId", r.connector_id},
                             {"idTag", r.id_tag},
                             {"parentIdTag", r.parent_id_tag.empty() ? Json(nullptr) : Json(r.parent_id_tag)},
                             {"expiryDate", format_time(r.expiry)},
                             {"status", r.status},
                             {"createdAt", format_time(r.created_at)},
                             {"updatedAt", format_time(r.updated_at)}});
        return {{"items", items}};
    }
    }
    return Json::object();
}

asio::awaitable<Response> list(const ApiContext &context, Request request, Listing what) {
    const auto id = request.params.at("id");
    std::size_t limit = 100;
    if (what == Listing::Commands) {
        const auto parsed = limit_parameter_only(request);
        if (!parsed)
            co_return unprocessable(parsed.error());
        limit = static_cast<std::size_t>(parsed.value());
    } else if (auto checked = only_parameters(request, {}); !checked) {
        co_return unprocessable(checked.error());
    }
    std::function<Json()> items = [&] { return listing(*context.commands, what, id, limit); };
    co_return co_await charger_listing(context, id, std::move(items));
}

asio::awaitable<Response> list_commands(const ApiContext &context, Request request) {
    return list(context, std::move(request), Listing::Commands);
}
asio::awaitable<Response> get_configuration(const ApiContext &context, Request request) {
    return list(context, std::move(request), Listing::Configuration);
}
asio::awaitable<Response> list_charging_profiles(const ApiContext &context, Request request) {
    return list(context, std::move(request), Listing::ChargingProfiles);
}
asio::awaitable<Response> list_reservations(const ApiContext &context, Request request) {
    return list(context, std::move(request), Listing::Reservations);
}

} // namespace

void add_command_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("POST", "/api/v1/chargers/{id}/commands/{action}", auth.require(bind_route(context, send_command)));
    router.add("GET", "/api/v1/chargers/{id}/commands", auth.require(bind_route(context, list_commands)));
    router.add("GET", "/api/v1/chargers/{id}/configuration", auth.require(bind_route(context, get_configuration)));
    router.add("GET", "/api/v1/chargers/{id}/charging-profiles",
               auth.require(bind_route(context, list_charging_profiles)));
    router.add("GET", "/api/v1/chargers/{id}/reservations", auth.require(bind_route(context, list_reservations)));
}

} // namespace manage::core
