#include "api/tariff_routes.hpp"

#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/tariffs.hpp"
#include "manage/core/transactions.hpp"

#include <cmath>

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

Json period_to_json(const TariffPeriod &period) {
    auto days = Json::array();
    for (int day = 0; day < 7; ++day)
        if (period.days[static_cast<std::size_t>(day)])
            days.push_back(weekday_name(day));
    return {{"days", days},
            {"start", format_time_of_day(period.start_minute)},
            {"end", format_time_of_day(period.end_minute)},
            {"pricePerKwh", period.price_per_kwh}};
}

Json tariff_to_json(const Tariff &tariff) {
    auto periods = Json::array();
    for (const auto &period : tariff.periods)
        periods.push_back(period_to_json(period));
    return {{"id", tariff.id},
            {"name", tariff.name},
            {"currency", tariff.currency},
            {"timezone", tariff.timezone},
            {"pricePerKwh", tariff.price_per_kwh},
            {"sessionFee", tariff.session_fee},
            {"periods", periods},
            {"demandCharge", tariff.demand_charge_per_kw > 0 ? Json{{"pricePerKw", tariff.demand_charge_per_kw},
                                                                    {"intervalMinutes", tariff.demand_interval_minutes}}
                                                             : Json(nullptr)},
            {"createdAt", format_time(tariff.created_at)},
            {"updatedAt", format_time(tariff.updated_at)}};
}

Result<double> number_field(const Json &object, const std::string &name, const std::string &path, double fallback,
                            bool required) {
    if (!object.contains(name)) {
        if (required)
            return fail("missing_field", "'" + name + "' is required", path + name);
        return fallback;
    }
    const auto &value = object[name];
    if (!value.is_number() || !std::isfinite(value.get<double>()))
        return fail("invalid_type", "'" + name + "' must be a number", path + name);
    return value.get<double>();
}

Result<std::string> text_field(const Json &object, const std::string &name) {
    if (!object.contains(name))
        return fail("missing_field", "'" + name + "' is required", name);
    if (!object[name].is_string())
        return fail("invalid_type", "'" + name + "' must be a string", name);
    return object[name].get<std::string>();
}

Result<int> time_of_day_field(const Json &object, const std::string &name, const std::string &path) {
    if (!object.contains(name))
        return fail("missing_field", "'" + name + "' is required", path + name);
    const auto minute = object[name].is_string() ? parse_time_of_day(object[name].get<std::string>()) : std::nullopt;
    if (!minute)
        return fail("invalid_time_of_day", "'" + name + "' is a local time of day \"HH:MM\" (00:00 to 24:00)",
                    path + name);
    return *minute;
}

Result<TariffPeriod> period_from_json(const Json &item, const std::string &path) {
    if (!item.is_object())
        return fail("invalid_type", "each period must be an object", path);
    const auto prefix = path + "/";
    BOOST_OUTCOME_TRY(only_fields(item, {"days", "start", "end", "pricePerKwh"}, prefix));
    TariffPeriod period;
    if (!item.contains("days") || !item["days"].is_array())
        return fail("missing_field", "'days' is an array of Mon, Tue, Wed, Thu, Fri, Sat, Sun", prefix + "days");
    for (std::size_t i = 0; i < item["days"].size(); ++i) {
        const auto &name = item["days"][i];
        const auto day = name.is_string() ? parse_weekday(name.get<std::string>()) : std::nullopt;
        if (!day)
            return fail("invalid_days", "a day is Mon, Tue, Wed, Thu, Fri, Sat or Sun",
                        prefix + "days/" + std::to_string(i));
        period.days[static_cast<std::size_t>(*day)] = true;
    }
    BOOST_OUTCOME_TRY(start, time_of_day_field(item, "start", prefix));
    BOOST_OUTCOME_TRY(end, time_of_day_field(item, "end", prefix));
    BOOST_OUTCOME_TRY(price, number_field(item, "pricePerKwh", prefix, 0, true));
    period.start_minute = start;
    period.end_minute = end;
    period.price_per_kwh = price;
    return period;
}

// {"pricePerKw": 12.5, "intervalMinutes": 15}; null or absent: no demand charge.
Result<void> demand_charge_from(const Json &body, Tariff &tariff) {
    const auto member = body.find("demandCharge");
    if (member == body.end() || member->is_null())
        return ok();
    if (!member->is_object())
        return fail("invalid_type", "'demandCharge' is an object {pricePerKw, intervalMinutes} or null",
                    "demandCharge");
    BOOST_OUTCOME_TRY(only_fields(*member, {"pricePerKw", "intervalMinutes"}, "demandCharge/"));
    BOOST_OUTCOME_TRY(price, number_field(*member, "pricePerKw", "demandCharge/", 0, true));
    tariff.demand_charge_per_kw = price;
    if (const auto interval = member->find("intervalMinutes"); interval != member->end()) {
        if (!interval->is_number_integer())
            return fail("invalid_interval", "a demand interval is 5, 10, 15, 30 or 60 minutes",
                        "demandCharge/intervalMinutes");
        tariff.demand_interval_minutes = interval->get<int>();
    }
    return ok();
}

Result<Tariff> tariff_from_body(const std::string &id, const Json &body) {
    BOOST_OUTCOME_TRY(
        only_fields(body, {"name", "currency", "timezone", "pricePerKwh", "sessionFee", "periods", "demandCharge"}));
    Tariff tariff;
    tariff.id = id;
    BOOST_OUTCOME_TRY(name, text_field(body, "name"));
    BOOST_OUTCOME_TRY(currency, text_field(body, "currency"));
    BOOST_OUTCOME_TRY(timezone, text_field(body, "timezone"));
    BOOST_OUTCOME_TRY(price, number_field(body, "pricePerKwh", "", 0, true));
    BOOST_OUTCOME_TRY(fee, number_field(body, "sessionFee", "", 0, false));
    tariff.name = name;
    tariff.currency = currency;
    tariff.timezone = timezone;
    tariff.price_per_kwh = price;
    tariff.session_fee = fee;
    BOOST_OUTCOME_TRY(demand_charge_from(body, tariff));
    if (body.contains("periods")) {
        if (!body["periods"].is_array())
            return fail("invalid_type", "'periods' must be an array", "periods");
        for (std::size_t i = 0; i < body["periods"].size(); ++i) {
            BOOST_OUTCOME_TRY(period, period_from_json(body["periods"][i], "periods/" + std::to_string(i)));
            tariff.periods.push_back(period);
        }
    }
    return tariff;
}

Response tariff_not_found(const std::string &id) {
    return error_response(404, "tariff_not_found", "no tariff '" + id + "'", "tariffId");
}

asio::awaitable<Response> list_tariffs(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    auto work = [&] { return context.tariffs->list(principal.organisation_id); };
    const auto tariffs = co_await run_blocking(context.workers, std::move(work));
    auto items = Json::array();
    for (const auto &tariff : tariffs)
        items.push_back(tariff_to_json(tariff));
    co_return json_response(200, {{"items", items}});
}

asio::awaitable<Response> get_tariff(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("tariffId");
    auto work = [&] { return context.tariffs->find(principal.organisation_id, id); };
    const auto tariff = co_await run_blocking(context.workers, std::move(work));
    if (!tariff)
        co_return tariff_not_found(id);
    co_return json_response(200, tariff_to_json(*tariff));
}

asio::awaitable<Response> put_tariff(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("tariffId");
    auto parsed = object_body(request);
    if (auto *error = std::get_if<Response>(&parsed))
        co_return *error;
    auto tariff = tariff_from_body(id, std::get<Json>(parsed));
    if (!tariff)
        co_return unprocessable(tariff.error());
    tariff.value().organisation_id = principal.organisation_id;
    auto work = [&] { return context.tariffs->put(tariff.value()); };
    const auto stored = co_await run_blocking(context.workers, std::move(work));
    if (!stored)
        co_return error_for(stored.error());
    co_return json_response(stored.value().second ? 201 : 200, tariff_to_json(stored.value().first));
}

asio::awaitable<Response> delete_tariff(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("tariffId");
    auto work = [&] { return context.tariffs->remove(principal.organisation_id, id); };
    const auto removed = co_await run_blocking(context.workers, std::move(work));
    if (!removed)
        co_return error_response(409, removed.error());
    if (!removed.value())
        co_return tariff_not_found(id);
    Response response;
    response.status = 204;
    co_return response;
}

// The tariff that bills the charger and whether it is the charger's own or its site's.
Json charger_tariff_json(const std::string &charger_id, const std::optional<Tariff> &tariff, bool own) {
    return {{"chargerId", charger_id},
            {"tariffId", tariff ? Json(tariff->id) : Json(nullptr)},
            {"billedBy", tariff ? Json(own ? "charger" : "site") : Json(nullptr)}};
}

asio::awaitable<Response> get_charger_tariff(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    auto work = [&]() -> std::optional<Json> {
        if (!context.chargers.find(id))
            return std::nullopt;
        return charger_tariff_json(id, context.tariffs->tariff_of(id), context.tariffs->own_tariff_id(id).has_value());
    };
    const auto found = co_await run_blocking(context.workers, std::move(work));
    if (!found)
        co_return charger_not_found(id);
    co_return json_response(200, *found);
}

asio::awaitable<Response> put_charger_tariff(const ApiContext &context, Request request, Principal principal) {
    const auto id = request.params.at("id");
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
    // Plain members rather than optional<Result<Json>>, which GCC 12 at -O3 wrongly reports as maybe
    // uninitialised.
    struct Assignment {
        bool charger_found = false;
        Error error;
        std::optional<Tariff> tariff;
    };
    auto work = [&] {
        Assignment done;
        done.charger_found = context.chargers.find(id).has_value();
        if (!done.charger_found)
            return done;
        if (auto assigned = context.tariffs->assign(principal.organisation_id, id, tariff_id); !assigned)
            done.error = assigned.error();
        else
            done.tariff = context.tariffs->tariff_of(id);
        return done;
    };
    const auto done = co_await run_blocking(context.workers, std::move(work));
    if (!done.charger_found)
        co_return charger_not_found(id);
    if (!done.error.code.empty())
        co_return unprocessable(done.error);
    co_return json_response(200, charger_tariff_json(id, done.tariff, tariff_id.has_value()));
}

asio::awaitable<Response> get_session_cost(const ApiContext &context, Request request) {
    const auto text = request.params.at("transactionId");
    const auto transaction_id = parse_integer(text, 1, INT64_MAX);
    if (!transaction_id)
        co_return error_response(404, "session_not_found", "no session '" + text + "'", "transactionId");
    auto work = [&]() -> std::optional<std::optional<SessionCost>> {
        const auto session = context.transactions ? context.transactions->find(*transaction_id) : std::nullopt;
        if (!session)
            return std::nullopt;
        return context.tariffs->session_cost(session->charger_id, *transaction_id);
    };
    const auto cost = co_await run_blocking(context.workers, std::move(work));
    if (!cost)
        co_return error_response(404, "session_not_found", "no session '" + text + "'", "transactionId");
    if (!*cost)
        co_return error_response(404, "no_tariff", "no tariff bills the session's charger", "transactionId");
    co_return json_response(200, {{"transactionId", *transaction_id},
                                  {"amount", (*cost)->amount},
                                  {"currency", (*cost)->currency},
                                  {"tariffId", (*cost)->tariff_id}});
}

} // namespace

void add_tariff_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/tariffs", auth.require(bind_route(context, list_tariffs)));
    router.add("GET", "/api/v1/tariffs/{tariffId}", auth.require(bind_route(context, get_tariff)));
    router.add("PUT", "/api/v1/tariffs/{tariffId}", auth.require(bind_route(context, put_tariff)));
    router.add("DELETE", "/api/v1/tariffs/{tariffId}", auth.require(bind_route(context, delete_tariff)));
    router.add("GET", "/api/v1/chargers/{id}/tariff", auth.require(bind_route(context, get_charger_tariff)));
    router.add("PUT", "/api/v1/chargers/{id}/tariff", auth.require(bind_route(context, put_charger_tariff)));
    router.add("GET", "/api/v1/sessions/{transactionId}/cost", auth.require(bind_route(context, get_session_cost)));
}

} // namespace manage::core
