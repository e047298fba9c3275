#include "api/charging_json.hpp"
#include "api/charging_routes.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/transactions.hpp"

#include <limits>

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

constexpr std::int64_t kMaxTransactionId = std::numeric_limits<std::int32_t>::max();

Json meter_values_json(const std::vector<MeterValue> &values) {
    auto items = Json::array();
    for (const auto &v : values)
        items.push_back(meter_value_to_json(v));
    return {{"items", items}};
}

std::optional<std::int64_t> transaction_id_of(const Request &request) {
    return parse_integer(request.params.at("transactionId"), 1, kMaxTransactionId);
}

Response invalid_transaction_id() {
    return error_response(422, "invalid_transaction_id", "a transaction id is an integer from 1 to 2147483647",
                          "transactionId");
}

asio::awaitable<Response> get_session(const ApiContext &context, Request request) {
    const auto id = transaction_id_of(request);
    if (!id)
        co_return invalid_transaction_id();
    auto work = [&] { return context.transactions->find(*id); };
    const auto session = co_await run_blocking(context.workers, std::move(work));
    if (!session)
        co_return error_response(404, "session_not_found", "no session with transaction id " + std::to_string(*id),
                                 "transactionId");
    co_return json_response(200, session_to_json(*session));
}

asio::awaitable<Response> session_events(const ApiContext &context, Request request) {
    const auto id = transaction_id_of(request);
    if (!id)
        co_return invalid_transaction_id();
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    auto work = [&]() -> std::optional<std::vector<TransactionEventRecord>> {
        if (!context.transactions->find(*id))
            return std::nullopt;
        return context.transactions->events_of(*id);
    };
    const auto events = co_await run_blocking(context.workers, std::move(work));
    if (!events)
        co_return error_response(404, "session_not_found", "no session with transaction id " + std::to_string(*id),
                                 "transactionId");
    auto items = Json::array();
    for (const auto &event : *events)
        items.push_back(transaction_event_to_json(event));
    co_return json_response(200, {{"items", items}});
}

// measurand, from, to and limit, common to both meter-value routes.
Result<MeterQuery> meter_query(const Request &request) {
    MeterQuery query;
    const auto measurand = request.query.find("measurand");
    if (measurand != request.query.end()) {
        if (measurand->second.empty() || measurand->second.size() > 64)
            return fail("invalid_parameter", "'measurand' must be an OCPP measurand name, e.g. SoC", "measurand");
        query.measurand = measurand->second;
    }
    BOOST_OUTCOME_TRY(from, time_parameter(request, "from"));
    BOOST_OUTCOME_TRY(to, time_parameter(request, "to"));
    if (from && to && *to <= *from)
        return fail("invalid_parameter", "'to' must be later than 'from'", "to");
    query.from = from;
    query.to = to;
    BOOST_OUTCOME_TRY(limit, integer_parameter(request, "limit", 1, 10000));
    query.limit = static_cast<int>(limit.value_or(1000));
    return query;
}

asio::awaitable<Response> session_meter_values(const ApiContext &context, Request request) {
    const auto id = transaction_id_of(request);
    if (!id)
        co_return invalid_transaction_id();
    if (auto checked = only_parameters(request, {"measurand", "from", "to", "limit"}); !checked)
        co_return unprocessable(checked.error());
    auto query = meter_query(request);
    if (!query)
        co_return unprocessable(query.error());
    query.value().transaction_id = *id;
    auto work = [&]() -> std::optional<std::vector<MeterValue>> {
        const auto session = context.transactions->find(*id);
        if (!session)
            return std::nullopt;
        query.value().charger_id = session->charger_id;
        return context.transactions->meter_values_of(query.value());
    };
    const auto values = co_await run_blocking(context.workers, std::move(work));
    if (!values)
        co_return error_response(404, "session_not_found", "no session with transaction id " + std::to_string(*id),
                                 "transactionId");
    co_return json_response(200, meter_values_json(*values));
}

asio::awaitable<Response> charger_meter_values(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    if (auto checked = only_parameters(request, {"connectorId", "measurand", "from", "to", "limit"}); !checked)
        co_return unprocessable(checked.error());
    auto query = meter_query(request);
    if (!query)
        co_return unprocessable(query.error());
    const auto connector = integer_parameter(request, "connectorId", 0, 1000);
    if (!connector)
        co_return unprocessable(connector.error());
    query.value().charger_id = id;
    if (connector.value())
        query.value().connector_id = static_cast<int>(*connector.value());
    auto work = [&]() -> std::optional<std::vector<MeterValue>> {
        if (!context.chargers.find(id))
            return std::nullopt;
        return context.transactions->meter_values_of(query.value());
    };
    const auto values = co_await run_blocking(context.workers, std::move(work));
    if (!values)
        co_return charger_not_found(id);
    co_return json_response(200, meter_values_json(*values));
}

asio::awaitable<Response> list_orphans(const ApiContext &context, Request request, Principal principal) {
    const auto limit = limit_parameter_only(request);
    if (!limit)
        co_return unprocessable(limit.error());
    auto work = [&] { return context.transactions->orphans(limit.value(), principal.organisation_id); };
    const auto orphans = co_await run_blocking(context.workers, std::move(work));
    auto stops = Json::array();
    for (const auto &stop : orphans.stops)
        stops.push_back(orphan_stop_to_json(stop));
    co_return json_response(200, {{"stops", stops}, {"meterValues", meter_values_json(orphans.meter_values)["items"]}});
}

} // namespace

void add_session_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/sessions/{transactionId}", auth.require(bind_route(context, get_session)));
    router.add("GET", "/api/v1/sessions/{transactionId}/events", auth.require(bind_route(context, session_events)));
    router.add("GET", "/api/v1/sessions/{transactionId}/meter-values",
               auth.require(bind_route(context, session_meter_values)));
    router.add("GET", "/api/v1/chargers/{id}/meter-values", auth.require(bind_route(context, charger_meter_values)));
    router.add("GET", "/api/v1/orphans", auth.require(bind_route(context, list_orphans)));
}

} // namespace manage::core
