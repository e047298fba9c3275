#include "api/station_report_routes.hpp"

#include "api/route_support.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/station_reports.hpp"

namespace manage::core {

using infra::http::Json;
using infra::http::Request;
using infra::http::Response;

namespace {

Json time_or_null(const std::optional<TimePoint> &t) {
    return t ? Json(format_time(*t)) : Json(nullptr);
}

// As GET …/variables shows them: instance and evse null when the station gave none.
Json component_json(const DeviceComponent &c) {
    Json evse = nullptr;
    if (c.evse_id)
        evse = {{"id", *c.evse_id}, {"connectorId", optional_json(c.connector_id)}};
    return {{"name", c.name}, {"instance", text_or_null(c.instance)}, {"evse", evse}};
}

Json variable_json(const DeviceVariableName &v) {
    return {{"name", v.name}, {"instance", text_or_null(v.instance)}};
}

Json event_json(const MonitoringEvent &e) {
    return {{"eventId", e.event_id},
            {"timestamp", format_time(e.timestamp)},
            {"trigger", e.trigger},
            {"cause", optional_json(e.cause)},
            {"actualValue", e.actual_value},
            {"techCode", text_or_null(e.tech_code)},
            {"techInfo", text_or_null(e.tech_info)},
            {"cleared", e.cleared},
            {"transactionId", text_or_null(e.transaction_id)},
            {"variableMonitoringId", optional_json(e.variable_monitoring_id)},
            {"eventNotificationType", e.notification_type},
            {"component", component_json(e.component)},
            {"variable", variable_json(e.variable)},
            {"generatedAt", format_time(e.generated_at)},
            {"seqNo", e.seq_no},
            {"receivedAt", format_time(e.received_at)}};
}

Json monitor_json(const VariableMonitor &m) {
    return {{"id", m.id},
            {"component", component_json(m.component)},
            {"variable", variable_json(m.variable)},
            {"transaction", m.transaction},
            {"value", m.value},
            {"type", m.type},
            {"severity", m.severity},
            {"requestId", m.request_id},
            {"generatedAt", format_time(m.generated_at)},
            {"updatedAt", format_time(m.updated_at)}};
}

Json customer_information_json(const CustomerInformation &c) {
    return {{"requestId", c.request_id},
            {"complete", c.complete},
            {"parts", c.parts},
            {"data", c.data},
            {"generatedAt", format_time(c.generated_at)},
            {"receivedAt", format_time(c.received_at)}};
}

Json display_message_json(const DisplayMessage &m) {
    return {{"id", m.id},
            {"priority", m.priority},
            {"state", text_or_null(m.state)},
            {"startDateTime", time_or_null(m.start_date_time)},
            {"endDateTime", time_or_null(m.end_date_time)},
            {"transactionId", text_or_null(m.transaction_id)},
            {"message", {{"format", m.format}, {"language", text_or_null(m.language)}, {"content", m.content}}},
            {"display", m.display ? component_json(*m.display) : Json(nullptr)},
            {"requestId", m.request_id},
            {"updatedAt", format_time(m.updated_at)}};
}

template <class Items, class ToJson> Json items_json(const Items &items, ToJson to_json) {
    auto out = Json::array();
    for (const auto &item : items)
        out.push_back(to_json(item));
    return Json{{"items", std::move(out)}};
}

Result<MonitoringEventFilter> event_filter(const Request &request) {
    BOOST_OUTCOME_TRY(only_parameters(request, {"from", "to", "limit"}));
    BOOST_OUTCOME_TRY(from, time_parameter(request, "from"));
    BOOST_OUTCOME_TRY(to, time_parameter(request, "to"));
    if (from && to && *to <= *from)
        return fail("invalid_parameter", "'to' must be later than 'from'", "to");
    BOOST_OUTCOME_TRY(limit, integer_parameter(request, "limit", 1, 1000));
    return MonitoringEventFilter{from, to, static_cast<int>(limit.value_or(100))};
}

Result<DeviceVariableFilter> monitor_filter(const Request &request) {
    BOOST_OUTCOME_TRY(only_parameters(request, {"component", "variable"}));
    BOOST_OUTCOME_TRY(component, name_parameter(request, "component"));
    BOOST_OUTCOME_TRY(variable, name_parameter(request, "variable"));
    return DeviceVariableFilter{component, variable};
}

Result<std::optional<int>> request_id_filter(const Request &request) {
    BOOST_OUTCOME_TRY(only_parameters(request, {"requestId"}));
    BOOST_OUTCOME_TRY(request_id, integer_parameter(request, "requestId", 0, 2147483647));
    if (!request_id)
        return std::optional<int>{};
    return std::optional<int>{static_cast<int>(*request_id)};
}

Result<void> no_parameters(const Request &request) {
    return only_parameters(request, {});
}

asio::awaitable<Response> list_monitoring_events(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    const auto filter = event_filter(request);
    if (!filter)
        co_return unprocessable(filter.error());
    std::function<Json()> list = [&] {
        return items_json(context.station_reports->monitoring_events(id, filter.value()), event_json);
    };
    co_return co_await charger_listing(context, id, std::move(list));
}

asio::awaitable<Response> list_monitors(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    const auto filter = monitor_filter(request);
    if (!filter)
        co_return unprocessable(filter.error());
    std::function<Json()> list = [&] {
        return items_json(context.station_reports->monitors(id, filter.value()), monitor_json);
    };
    co_return co_await charger_listing(context, id, std::move(list));
}

asio::awaitable<Response> list_customer_information(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    const auto request_id = request_id_filter(request);
    if (!request_id)
        co_return unprocessable(request_id.error());
    std::function<Json()> list = [&] {
        return items_json(context.station_reports->customer_information(id, request_id.value()),
                          customer_information_json);
    };
    co_return co_await charger_listing(context, id, std::move(list));
}

asio::awaitable<Response> list_display_messages(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    if (auto checked = no_parameters(request); !checked)
        co_return unprocessable(checked.error());
    std::function<Json()> list = [&] {
        return items_json(context.station_reports->display_messages(id), display_message_json);
    };
    co_return co_await charger_listing(context, id, std::move(list));
}

} // namespace

void add_station_report_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/chargers/{id}/monitoring-events",
               auth.require(bind_route(context, list_monitoring_events)));
    router.add("GET", "/api/v1/chargers/{id}/monitors", auth.require(bind_route(context, list_monitors)));
    router.add("GET", "/api/v1/chargers/{id}/customer-information",
               auth.require(bind_route(context, list_customer_information)));
    router.add("GET", "/api/v1/chargers/{id}/display-messages",
               auth.require(bind_route(context, list_display_messages)));
}

} // namespace manage::core
