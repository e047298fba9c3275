#include "api/device_model_routes.hpp"

#include "api/route_support.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/device_model.hpp"

namespace manage::core {

using infra::http::Json;
using infra::http::Request;
using infra::http::Response;

namespace {

Json variable_to_json(const DeviceVariable &v) {
    Json evse = nullptr;
    if (v.component.evse_id)
        evse = {{"id", *v.component.evse_id}, {"connectorId", optional_json(v.component.connector_id)}};
    auto attributes = Json::array();
    for (const auto &a : v.attributes)
        attributes.push_back({{"type", a.type},
                              {"value", optional_json(a.value)},
                              {"mutability", optional_json(a.mutability)},
                              {"persistent", optional_json(a.persistent)},
                              {"constant", optional_json(a.constant)}});
    Json characteristics = nullptr;
    if (const auto &c = v.characteristics)
        characteristics = {{"dataType", c->data_type},
                           {"unit", text_or_null(c->unit)},
                           {"minLimit", optional_json(c->min_limit)},
                           {"maxLimit", optional_json(c->max_limit)},
                           {"valuesList", text_or_null(c->values_list)},
                           {"supportsMonitoring", c->supports_monitoring}};
    return {
        {"component", {{"name", v.component.name}, {"instance", text_or_null(v.component.instance)}, {"evse", evse}}},
        {"variable", {{"name", v.variable.name}, {"instance", text_or_null(v.variable.instance)}}},
        {"attributes", attributes},
        {"characteristics", characteristics},
        {"updatedAt", format_time(v.updated_at)}};
}

asio::awaitable<Response> list_variables(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    if (auto checked = only_parameters(request, {"component", "variable"}); !checked)
        co_return unprocessable(checked.error());
    const auto component = name_parameter(request, "component");
    if (!component)
        co_return unprocessable(component.error());
    const auto variable = name_parameter(request, "variable");
    if (!variable)
        co_return unprocessable(variable.error());
    const DeviceVariableFilter filter{component.value(), variable.value()};
    std::function<Json()> list = [&] {
        auto items = Json::array();
        for (const auto &v : context.device_model->variables(id, filter))
            items.push_back(variable_to_json(v));
        return Json{{"chargerId", id}, {"variables", items}};
    };
    co_return co_await charger_listing(context, id, std::move(list));
}

} // namespace

void add_device_model_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/chargers/{id}/variables", auth.require(bind_route(context, list_variables)));
}

} // namespace manage::core
