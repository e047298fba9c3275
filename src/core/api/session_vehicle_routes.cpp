// Which vehicle charged in a session: linking by hand, and the depot's plan of which vehicle charges
// at which charger (assignments), from which sessions are recognised when no token names the vehicle.
#include "api/session_vehicle_routes.hpp"
#include "api/charging_json.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/session_vehicles.hpp"

#include <limits>

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

Json assignment_to_json(const VehicleAssignment &a) {
    return {{"id", a.id},
            {"vehicleId", a.vehicle_id},
            {"chargerId", a.charger_id},
            {"connectorId", a.connector_id == 0 ? Json(nullptr) : Json(a.connector_id)},
            {"startsAt", format_time(a.starts_at)},
            {"endsAt", format_time(a.ends_at)},
            {"createdAt", format_time(a.created_at)}};
}

// A reference in the body to a record the organisation does not have is the body's fault: 422.
Response refused(const Error &error) {
    if (error.code == "vehicle_not_found" || error.code == "charger_not_found")
        return error_response(422, error.code, error.message, error.field);
    return error_for(error);
}

Result<std::string> required_text(const Json &body, const char *name) {
    BOOST_OUTCOME_TRY(text, string_field(body, name));
    if (text.empty() || text.size() > 64)
        return fail("invalid_field", std::string("'") + name + "' is 1 to 64 characters", name);
    return text;
}

Result<VehicleAssignment> assignment_from(const Json &body) {
    BOOST_OUTCOME_TRY(only_fields(body, {"vehicleId", "chargerId", "connectorId", "startsAt", "endsAt"}));
    VehicleAssignment a;
    BOOST_OUTCOME_TRY(vehicle, required_text(body, "vehicleId"));
    BOOST_OUTCOME_TRY(charger, required_text(body, "chargerId"));
    a.vehicle_id = vehicle;
    a.charger_id = charger;
    if (const auto connector = body.find("connectorId"); connector != body.end() && !connector->is_null()) {
        if (!connector->is_number_integer() || *connector < 1 || *connector > 1000)
            return fail("invalid_field", "'connectorId' is an integer from 1 to 1000, or null for any", "connectorId");
        a.connector_id = connector->get<int>();
    }
    BOOST_OUTCOME_TRY(starts, time_field(body, "startsAt"));
    BOOST_OUTCOME_TRY(ends, time_field(body, "endsAt"));
    if (!starts)
        return fail("missing_field", "'startsAt' is required", "startsAt");
    if (!ends)
        return fail("missing_field", "'endsAt' is required", "endsAt");
    a.starts_at = *starts;
    a.ends_at = *ends;
    return a;
}

asio::awaitable<Response> create_assignment(const ApiContext &context, Request request, Principal principal) {
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    auto assignment = assignment_from(std::get<Json>(parsed));
    if (!assignment)
        co_return unprocessable(assignment.error());
    auto work = [&] { return context.session_vehicles->assign(principal.organisation_id, assignment.value()); };
    const auto created = co_await run_blocking(context.workers, std::move(work));
    if (!created)
        co_return refused(created.error());
    co_return json_response(201, assignment_to_json(created.value()));
}

asio::awaitable<Response> list_assignments(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {"vehicleId", "chargerId", "current", "limit"}); !checked)
        co_return unprocessable(checked.error());
    AssignmentQuery query;
    if (const auto v = request.query.find("vehicleId"); v != request.query.end())
        query.vehicle_id = v->second;
    if (const auto c = request.query.find("chargerId"); c != request.query.end())
        query.charger_id = c->second;
    const auto current = choice_parameter(request, "current", {"true", "false"});
    if (!current)
        co_return unprocessable(current.error());
    const auto limit = integer_parameter(request, "limit", 1, 1000);
    if (!limit)
        co_return unprocessable(limit.error());
    query.limit = static_cast<int>(limit.value().value_or(500));
    auto work = [&] {
        if (current.value() == std::optional<std::string>("true"))
            query.ends_after = context.session_vehicles->now();
        auto items = Json::array();
        for (const auto &a : context.session_vehicles->assignments(principal.organisation_id, query))
            items.push_back(assignment_to_json(a));
        return Json{{"items", items}};
    };
    co_return json_response(200, co_await run_blocking(context.workers, std::move(work)));
}

asio::awaitable<Response> delete_assignment(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("assignmentId");
    auto work = [&] { return context.session_vehicles->unassign(principal.organisation_id, id); };
    const auto removed = co_await run_blocking(context.workers, std::move(work));
    if (!removed)
        co_return error_for(removed.error());
    Response response;
    response.status = 204;
    co_return response;
}

asio::awaitable<Response> link_session(const ApiContext &context, Request request, Principal principal) {
    const auto id = parse_integer(request.params.at("transactionId"), 1, std::numeric_limits<std::int32_t>::max());
    if (!id)
        co_return error_response(422, "invalid_transaction_id", "a transaction id is an integer from 1 to 2147483647",
                                 "transactionId");
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    if (auto checked = only_fields(body, {"vehicleId"}); !checked)
        co_return unprocessable(checked.error());
    const auto member = body.find("vehicleId");
    if (member == body.end() || !(member->is_null() || member->is_string()))
        co_return error_response(422, "invalid_field", "'vehicleId' is a vehicle's id, or null to unlink", "vehicleId");
    const auto vehicle = member->is_null() ? std::nullopt : std::optional(member->get<std::string>());
    auto work = [&] { return context.session_vehicles->link_by_hand(principal.organisation_id, *id, vehicle); };
    const auto linked = co_await run_blocking(context.workers, std::move(work));
    if (!linked)
        co_return refused(linked.error());
    co_return json_response(200, session_to_json(linked.value()));
}

} // namespace

void add_session_vehicle_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("PUT", "/api/v1/sessions/{transactionId}/vehicle", auth.require(bind_route(context, link_session)));
    router.add("GET", "/api/v1/vehicle-assignments", auth.require(bind_route(context, list_assignments)));
    router.add("POST", "/api/v1/vehicle-assignments", auth.require(bind_route(context, create_assignment)));
    router.add("DELETE", "/api/v1/vehicle-assignments/{assignmentId}",
               auth.require(bind_route(context, delete_assignment)));
}

} // namespace manage::core
