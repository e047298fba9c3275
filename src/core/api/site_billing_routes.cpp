// A site's tariff (billing every charger of the site that has none of its own) and its monthly bill
// with the demand charge, and its metered power over time.
#include "api/site_billing_routes.hpp"

#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/site_billing.hpp"
#include "manage/core/sites.hpp"
#include "manage/core/tariffs.hpp"

#include <cstdio>

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

Response site_not_found(const std::string &id) {
    return error_response(404, "site_not_found", "no site '" + id + "'", "siteId");
}

Json site_tariff_json(const std::string &site_id, const std::optional<std::string> &tariff_id) {
    return {{"siteId", site_id}, {"tariffId", tariff_id ? Json(*tariff_id) : Json(nullptr)}};
}

asio::awaitable<Response> get_site_tariff(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("siteId");
    auto work = [&]() -> std::optional<Json> {
        if (!context.sites->find(principal.organisation_id, id))
            return std::nullopt;
        return site_tariff_json(id, context.tariffs->site_tariff_id(id));
    };
    const auto found = co_await run_blocking(context.workers, std::move(work));
    if (!found)
        co_return site_not_found(id);
    co_return json_response(200, *found);
}

asio::awaitable<Response> put_site_tariff(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("siteId");
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    const auto &body = std::get<Json>(parsed);
    if (auto checked = only_fields(body, {"tariffId"}); !checked)
        co_return unprocessable(checked.error());
    if (!body.contains("tariffId") || !(body["tariffId"].is_string() || body["tariffId"].is_null()))
        co_return error_response(422, "missing_field", "'tariffId' is a tariff's id, or null for none", "tariffId");
    const auto tariff_id =
        body["tariffId"].is_null() ? std::nullopt : std::optional(body["tariffId"].get<std::string>());
    struct Assignment {
        bool site_found = false;
        Error error;
    };
    auto work = [&] {
        Assignment done;
        done.site_found = context.sites->find(principal.organisation_id, id).has_value();
        if (done.site_found)
            if (auto assigned = context.tariffs->assign_to_site(principal.organisation_id, id, tariff_id); !assigned)
                done.error = assigned.error();
        return done;
    };
    const auto done = co_await run_blocking(context.workers, std::move(work));
    if (!done.site_found)
        co_return site_not_found(id);
    if (!done.error.code.empty())
        co_return unprocessable(done.error);
    co_return json_response(200, site_tariff_json(id, tariff_id));
}

// "2026-11" → {2026, 11}
std::optional<std::pair<int, int>> parse_month(const std::string &text) {
    int year = 0;
    int month = 0;
    char tail = 0;
    if (text.size() != 7 || text[4] != '-' || std::sscanf(text.c_str(), "%4d-%2d%c", &year, &month, &tail) != 2)
        return std::nullopt;
    return std::pair{year, month};
}

Json bill_json(const SiteBill &bill) {
    char month[8];
    std::snprintf(month, sizeof month, "%04d-%02d", bill.year, bill.month);
    return {{"siteId", bill.site_id},
            {"tariffId", bill.tariff_id},
            {"currency", bill.currency},
            {"month", month},
            {"from", format_time(bill.period.from)},
            {"to", format_time(bill.period.to)},
            {"sessions", bill.sessions},
            {"energyKwh", bill.energy_kwh},
            {"energyCost", bill.energy_cost},
            {"sessionsInOtherCurrencies", bill.other_currency},
            {"peakKw", bill.peak.kw},
            {"peakIntervalStart", bill.peak.kw > 0 ? Json(format_time(bill.peak.interval_start)) : Json(nullptr)},
            {"demandCharge", bill.demand_charge},
            {"total", bill.total}};
}

asio::awaitable<Response> get_site_bill(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("siteId");
    if (auto checked = only_parameters(request, {"month"}); !checked)
        co_return unprocessable(checked.error());
    const auto text = request.query.count("month") ? request.query.at("month") : std::string();
    const auto month = parse_month(text);
    if (!month)
        co_return error_response(422, "invalid_parameter", "'month' is required, as YYYY-MM", "month");
    auto work = [&] { return context.site_billing->bill(principal.organisation_id, id, month->first, month->second); };
    const auto bill = co_await run_blocking(context.workers, std::move(work));
    if (!bill) {
        if (bill.error().code == "no_tariff")
            co_return error_response(404, bill.error());
        co_return error_for(bill.error());
    }
    co_return json_response(200, bill_json(bill.value()));
}

constexpr std::int64_t kMostPowerSteps = 2000;

Json power_json(const SitePowerSeries &series) {
    Json items = Json::array();
    for (const auto &[at, kw] : series.kw)
        items.push_back({{"at", format_time(at)}, {"powerKw", kw}});
    return {{"siteId", series.site_id},
            {"stepS", series.step.count()},
            {"limitKw", series.grid_limit_kw},
            {"items", std::move(items)}};
}

asio::awaitable<Response> get_site_power(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("siteId");
    if (auto checked = only_parameters(request, {"from", "to", "stepS"}); !checked)
        co_return unprocessable(checked.error());
    auto from = time_parameter(request, "from");
    auto to = time_parameter(request, "to");
    auto step = integer_parameter(request, "stepS", 60, 86400);
    for (const auto *bad : {from ? nullptr : &from.error(), to ? nullptr : &to.error(), step ? nullptr : &step.error()})
        if (bad)
            co_return unprocessable(*bad);
    if (!from.value() || !to.value())
        co_return error_response(422, "invalid_parameter", "'from' and 'to' are required (RFC 3339)",
                                 from.value() ? "to" : "from");
    if (*to.value() <= *from.value())
        co_return error_response(422, "invalid_parameter", "'to' must be later than 'from'", "to");
    const auto step_s = std::chrono::seconds(step.value().value_or(300));
    if ((*to.value() - *from.value()) / step_s >= kMostPowerSteps)
        co_return error_response(422, "invalid_parameter", "at most 2000 steps: widen 'stepS' or narrow 'from'–'to'",
                                 "stepS");
    auto work = [&] {
        return context.site_billing->power(principal.organisation_id, id, *from.value(), *to.value(), step_s);
    };
    const auto series = co_await run_blocking(context.workers, std::move(work));
    if (!series)
        co_return error_for(series.error());
    co_return json_response(200, power_json(series.value()));
}

} // namespace

void add_site_billing_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/sites/{siteId}/tariff", auth.require(bind_route(context, get_site_tariff)));
    router.add("PUT", "/api/v1/sites/{siteId}/tariff", auth.require(bind_route(context, put_site_tariff)));
    router.add("GET", "/api/v1/sites/{siteId}/bill", auth.require(bind_route(context, get_site_bill)));
    router.add("GET", "/api/v1/sites/{siteId}/power", auth.require(bind_route(context, get_site_power)));
}

} // namespace manage::core
