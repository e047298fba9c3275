#include "api/fleet_routes.hpp"

#include "api/fleet_json.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/fleets.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

// The default window of next departures and the longest one asked for.
constexpr auto kDefaultWindow = std::chrono::days{7};
constexpr auto kLongestWindow = std::chrono::days{31};

Response with_etag(int status, const Json &body, std::int64_t version) {
    auto response = json_response(status, body);
    response.headers["ETag"] = etag_of(version);
    return response;
}

Response refusal(const Error &error, std::int64_t current_version) {
    if (error.code == "precondition_failed")
        return precondition_failed(current_version);
    return error_for(error);
}

Response no_content() {
    Response response;
    response.status = 204;
    return response;
}

template <class T> Json items_of(const std::vector<T> &records, Json (*to_json)(const T &)) {
    auto items = Json::array();
    for (const auto &record : records)
        items.push_back(to_json(record));
    return {{"items", items}};
}

// Outside the coroutines: GCC 12 miscompiles braced lists of string literals inside them.
Result<std::optional<std::string>> vehicle_list_parameters(const Request &request) {
    BOOST_OUTCOME_TRY(only_parameters(request, {"fleetId"}));
    return name_parameter(request, "fleetId");
}

Result<void> no_parameters(const Request &request) {
    return only_parameters(request, {});
}

struct Window {
    std::optional<TimePoint> from;
    std::optional<TimePoint> to;
};

Result<Window> window_parameters(const Request &request) {
    BOOST_OUTCOME_TRY(only_parameters(request, {"from", "to"}));
    BOOST_OUTCOME_TRY(from, time_parameter(request, "from"));
    BOOST_OUTCOME_TRY(to, time_parameter(request, "to"));
    return Window{from, to};
}

// ---- fleets

asio::awaitable<Response> list_fleets(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = no_parameters(request); !checked)
        co_return unprocessable(checked.error());
    auto work = [&] { return context.fleets->list_fleets(principal.organisation_id); };
    const auto fleets = co_await run_blocking(context.workers, std::move(work));
    co_return json_response(200, items_of<Fleet>(fleets, fleet_to_json));
}

asio::awaitable<Response> get_fleet(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("fleetId");
    auto work = [&] { return context.fleets->find_fleet(principal.organisation_id, id); };
    const auto fleet = co_await run_blocking(context.workers, std::move(work));
    if (!fleet)
        co_return error_response(404, "fleet_not_found", "no fleet '" + id + "'", "fleetId");
    co_return with_etag(200, fleet_to_json(*fleet), fleet->version);
}

asio::awaitable<Response> create_fleet(const ApiContext &context, Request request, Principal principal) {
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    auto fleet = apply_fleet_body(Fleet{}, std::get<Json>(parsed), true);
    if (!fleet)
        co_return unprocessable(fleet.error());
    auto work = [&] { return context.fleets->create_fleet(principal.organisation_id, fleet.value()); };
    const auto created = co_await run_blocking(context.workers, std::move(work));
    if (!created.ok())
        co_return refusal(created.error, created.current_version);
    co_return with_etag(201, fleet_to_json(created.record), created.record.version);
}

asio::awaitable<Response> patch_fleet(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("fleetId");
    const auto if_match = if_match_version(request);
    if (!if_match)
        co_return error_for(if_match.error());
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    auto work = [&] {
        return context.fleets->update_fleet(principal.organisation_id, id, if_match.value(), [&](Fleet fleet) {
            return apply_fleet_body(std::move(fleet), body, false);
        });
    };
    const auto updated = co_await run_blocking(context.workers, std::move(work));
    if (!updated.ok())
        co_return refusal(updated.error, updated.current_version);
    co_return with_etag(200, fleet_to_json(updated.record), updated.record.version);
}

asio::awaitable<Response> delete_fleet(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("fleetId");
    const auto if_match = if_match_version(request);
    if (!if_match)
        co_return error_for(if_match.error());
    auto work = [&] { return context.fleets->remove_fleet(principal.organisation_id, id, if_match.value()); };
    const auto removed = co_await run_blocking(context.workers, std::move(work));
    if (!removed.ok())
        co_return refusal(removed.error, removed.current_version);
    co_return no_content();
}

// ---- vehicles

asio::awaitable<Response> list_vehicles(const ApiContext &context, Request request, Principal principal) {
    const auto fleet_id = vehicle_list_parameters(request);
    if (!fleet_id)
        co_return unprocessable(fleet_id.error());
    auto work = [&] { return context.fleets->list_vehicles(principal.organisation_id, fleet_id.value()); };
    const auto vehicles = co_await run_blocking(context.workers, std::move(work));
    co_return json_response(200, items_of<Vehicle>(vehicles, vehicle_to_json));
}

asio::awaitable<Response> get_vehicle(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("vehicleId");
    auto work = [&] { return context.fleets->find_vehicle(principal.organisation_id, id); };
    const auto vehicle = co_await run_blocking(context.workers, std::move(work));
    if (!vehicle)
        co_return error_response(404, "vehicle_not_found", "no vehicle '" + id + "'", "vehicleId");
    co_return with_etag(200, vehicle_to_json(*vehicle), vehicle->version);
}

asio::awaitable<Response> create_vehicle(const ApiContext &context, Request request, Principal principal) {
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    auto vehicle = apply_vehicle_body(Vehicle{}, std::get<Json>(parsed), true);
    if (!vehicle)
        co_return unprocessable(vehicle.error());
    auto work = [&] { return context.fleets->create_vehicle(principal.organisation_id, vehicle.value()); };
    const auto created = co_await run_blocking(context.workers, std::move(work));
    if (!created.ok())
        co_return refusal(created.error, created.current_version);
    co_return with_etag(201, vehicle_to_json(created.record), created.record.version);
}

asio::awaitable<Response> patch_vehicle(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("vehicleId");
    const auto if_match = if_match_version(request);
    if (!if_match)
        co_return error_for(if_match.error());
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    auto work = [&] {
        return context.fleets->update_vehicle(principal.organisation_id, id, if_match.value(), [&](Vehicle vehicle) {
            return apply_vehicle_body(std::move(vehicle), body, false);
        });
    };
    const auto updated = co_await run_blocking(context.workers, std::move(work));
    if (!updated.ok())
        co_return refusal(updated.error, updated.current_version);
    co_return with_etag(200, vehicle_to_json(updated.record), updated.record.version);
}

asio::awaitable<Response> delete_vehicle(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("vehicleId");
    const auto if_match = if_match_version(request);
    if (!if_match)
        co_return error_for(if_match.error());
    auto work = [&] { return context.fleets->remove_vehicle(principal.organisation_id, id, if_match.value()); };
    const auto removed = co_await run_blocking(context.workers, std::move(work));
    if (!removed.ok())
        co_return refusal(removed.error, removed.current_version);
    co_return no_content();
}

// ---- departures

asio::awaitable<Response> list_departures(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = no_parameters(request); !checked)
        co_return unprocessable(checked.error());
    const auto vehicle_id = request.params.at("vehicleId");
    auto work = [&] { return context.fleets->list_departures(principal.organisation_id, vehicle_id); };
    const auto departures = co_await run_blocking(context.workers, std::move(work));
    if (!departures.ok())
        co_return refusal(departures.error, departures.current_version);
    co_return json_response(200, items_of<Departure>(departures.record, departure_to_json));
}

asio::awaitable<Response> get_departure(const ApiContext &context, Request request, Principal principal) {
    const auto vehicle_id = request.params.at("vehicleId");
    const auto id = request.params.at("departureId");
    auto work = [&] { return context.fleets->find_departure(principal.organisation_id, vehicle_id, id); };
    const auto departure = co_await run_blocking(context.workers, std::move(work));
    if (!departure.ok())
        co_return refusal(departure.error, departure.current_version);
    co_return with_etag(200, departure_to_json(departure.record), departure.record.version);
}

asio::awaitable<Response> create_departure(const ApiContext &context, Request request, Principal principal) {
    const auto vehicle_id = request.params.at("vehicleId");
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    auto departure = apply_departure_body(Departure{}, std::get<Json>(parsed), true);
    if (!departure)
        co_return unprocessable(departure.error());
    auto work = [&] {
        return context.fleets->create_departure(principal.organisation_id, vehicle_id, departure.value());
    };
    const auto created = co_await run_blocking(context.workers, std::move(work));
    if (!created.ok())
        co_return refusal(created.error, created.current_version);
    co_return with_etag(201, departure_to_json(created.record), created.record.version);
}

asio::awaitable<Response> patch_departure(const ApiContext &context, Request request, Principal principal) {
    const auto vehicle_id = request.params.at("vehicleId");
    const auto id = request.params.at("departureId");
    const auto if_match = if_match_version(request);
    if (!if_match)
        co_return error_for(if_match.error());
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    auto work = [&] {
        return context.fleets->update_departure(
            principal.organisation_id, vehicle_id, id, if_match.value(),
            [&](Departure departure) { return apply_departure_body(std::move(departure), body, false); });
    };
    const auto updated = co_await run_blocking(context.workers, std::move(work));
    if (!updated.ok())
        co_return refusal(updated.error, updated.current_version);
    co_return with_etag(200, departure_to_json(updated.record), updated.record.version);
}

asio::awaitable<Response> delete_departure(const ApiContext &context, Request request, Principal principal) {
    const auto vehicle_id = request.params.at("vehicleId");
    const auto id = request.params.at("departureId");
    const auto if_match = if_match_version(request);
    if (!if_match)
        co_return error_for(if_match.error());
    auto work = [&] {
        return context.fleets->remove_departure(principal.organisation_id, vehicle_id, id, if_match.value());
    };
    const auto removed = co_await run_blocking(context.workers, std::move(work));
    if (!removed.ok())
        co_return refusal(removed.error, removed.current_version);
    co_return no_content();
}

Written<std::vector<UpcomingDeparture>> upcoming(Fleets &fleets, const std::string &organisation_id,
                                                 const std::string &vehicle_id, const Window &window) {
    Written<std::vector<UpcomingDeparture>> refused;
    const auto from = window.from.value_or(fleets.now());
    const auto to = window.to.value_or(from + kDefaultWindow);
    if (to <= from)
        refused.error = {"invalid_parameter", "'to' must be after 'from'", "to"};
    else if (to - from > kLongestWindow)
        refused.error = {"invalid_parameter", "'from' to 'to' spans at most 31 days", "to"};
    if (!refused.ok())
        return refused;
    return fleets.next_departures(organisation_id, vehicle_id, from, to);
}

asio::awaitable<Response> next_departures(const ApiContext &context, Request request, Principal principal) {
    const auto vehicle_id = request.params.at("vehicleId");
    const auto window = window_parameters(request);
    if (!window)
        co_return unprocessable(window.error());
    auto work = [&] { return upcoming(*context.fleets, principal.organisation_id, vehicle_id, window.value()); };
    const auto next = co_await run_blocking(context.workers, std::move(work));
    if (!next.ok())
        co_return refusal(next.error, next.current_version);
    co_return json_response(200, items_of<UpcomingDeparture>(next.record, upcoming_departure_to_json));
}

} // namespace

void add_fleet_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/fleets", auth.require(bind_route(context, list_fleets)));
    router.add("POST", "/api/v1/fleets", auth.require(bind_route(context, create_fleet)));
    router.add("GET", "/api/v1/fleets/{fleetId}", auth.require(bind_route(context, get_fleet)));
    router.add("PATCH", "/api/v1/fleets/{fleetId}", auth.require(bind_route(context, patch_fleet)));
    router.add("DELETE", "/api/v1/fleets/{fleetId}", auth.require(bind_route(context, delete_fleet)));
    router.add("GET", "/api/v1/vehicles", auth.require(bind_route(context, list_vehicles)));
    router.add("POST", "/api/v1/vehicles", auth.require(bind_route(context, create_vehicle)));
    router.add("GET", "/api/v1/vehicles/{vehicleId}", auth.require(bind_route(context, get_vehicle)));
    router.add("PATCH", "/api/v1/vehicles/{vehicleId}", auth.require(bind_route(context, patch_vehicle)));
    router.add("DELETE", "/api/v1/vehicles/{vehicleId}", auth.require(bind_route(context, delete_vehicle)));
    router.add("GET", "/api/v1/vehicles/{vehicleId}/departures", auth.require(bind_route(context, list_departures)));
    router.add("POST", "/api/v1/vehicles/{vehicleId}/departures", auth.require(bind_route(context, create_departure)));
    router.add("GET", "/api/v1/vehicles/{vehicleId}/departures/{departureId}",
               auth.require(bind_route(context, get_departure)));
    router.add("PATCH", "/api/v1/vehicles/{vehicleId}/departures/{departureId}",
               auth.require(bind_route(context, patch_departure)));
    router.add("DELETE", "/api/v1/vehicles/{vehicleId}/departures/{departureId}",
               auth.require(bind_route(context, delete_departure)));
    router.add("GET", "/api/v1/vehicles/{vehicleId}/next-departures",
               auth.require(bind_route(context, next_departures)));
}

} // namespace manage::core
