#include "api/route_support.hpp"

#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/charger_service.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace manage::core {

using infra::http::Json;
using infra::http::Request;
using infra::http::Response;

infra::http::Handler bind_route(const ApiContext &context, RouteFunction function) {
    return [context, function](Request &request) -> asio::awaitable<Response> { return function(context, request); };
}

std::function<asio::awaitable<Response>(Request &, const Principal &)> bind_route(const ApiContext &context,
                                                                                  PrincipalRouteFunction function) {
    return [context, function](Request &request, const Principal &principal) -> asio::awaitable<Response> {
        return function(context, request, principal);
    };
}

Response error_for(const Error &error) {
    const auto ends_with = [&](std::string_view suffix) {
        return error.code.size() >= suffix.size() &&
               error.code.compare(error.code.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    int status = 422;
    if (ends_with("_not_found"))
        status = 404;
    else if (ends_with("_taken") || ends_with("_exists") || ends_with("_in_use") || ends_with("_overlaps") ||
             error.code == "last_admin")
        status = 409;
    else if (error.code == "invalid_credentials")
        status = 401;
    else if (error.code == "too_many_attempts")
        status = 429;
    else if (error.code == "invalid_if_match")
        status = 400;
    else if (error.code == "precondition_failed")
        status = 412;
    return infra::http::error_response(status, error.code, error.message, error.field);
}

std::string etag_of(std::int64_t version) {
    return "\"" + std::to_string(version) + "\"";
}

Result<std::optional<std::int64_t>> if_match_version(const Request &request) {
    const auto header = request.header("if-match");
    if (!header || *header == "*")
        return std::optional<std::int64_t>();
    const auto &text = *header;
    const auto version = text.size() > 2 && text.front() == '"' && text.back() == '"'
                             ? parse_integer(text.substr(1, text.size() - 2), 0, INT64_MAX)
                             : std::nullopt;
    if (!version)
        return fail("invalid_if_match", "If-Match must be one ETag this API gave, such as \"3\"", "If-Match");
    return std::optional<std::int64_t>(*version);
}

Response precondition_failed(std::int64_t current_version) {
    auto response = infra::http::error_response(
        412, "precondition_failed", "the record changed since you read it (If-Match): read it again and retry",
        "If-Match");
    response.headers["ETag"] = etag_of(current_version);
    return response;
}

Response unprocessable(const Error &error) {
    return infra::http::error_response(422, error.code, error.message, error.field);
}

Result<void> only_parameters(const Request &request, std::initializer_list<const char *> allowed) {
    for (const auto &[name, value] : request.query) {
        const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char *a) { return name == a; });
        if (!known)
            return fail("unknown_parameter", "unknown query parameter '" + name + "'", name);
    }
    return ok();
}

Result<std::optional<std::string>> name_parameter(const Request &request, const std::string &name) {
    const auto it = request.query.find(name);
    if (it == request.query.end())
        return std::optional<std::string>{};
    if (it->second.empty())
        return fail("invalid_parameter", "'" + name + "' must be a name, not empty", name);
    return std::optional<std::string>{it->second};
}

Result<int> limit_parameter_only(const Request &request, int fallback) {
    BOOST_OUTCOME_TRY(only_parameters(request, {"limit"}));
    BOOST_OUTCOME_TRY(limit, integer_parameter(request, "limit", 1, 1000));
    return static_cast<int>(limit.value_or(fallback));
}

Response charger_not_found(const std::string &id) {
    return infra::http::error_response(404, "charger_not_found", "no charger with id '" + id + "'", "id");
}

asio::awaitable<Response> charger_listing(const ApiContext &context, const std::string &id,
                                          std::function<Json()> list) {
    auto work = [&]() -> std::optional<Json> {
        if (!context.chargers.find(id))
            return std::nullopt;
        return list();
    };
    const auto body = co_await run_blocking(context.workers, std::move(work));
    if (!body)
        co_return charger_not_found(id);
    co_return infra::http::json_response(200, *body);
}

std::optional<std::int64_t> parse_integer(const std::string &text, std::int64_t min, std::int64_t max) {
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    std::int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value < min || value > max)
        return std::nullopt;
    return value;
}

Result<std::optional<std::int64_t>> integer_parameter(const Request &request, const std::string &name, std::int64_t min,
                                                      std::int64_t max) {
    const auto it = request.query.find(name);
    if (it == request.query.end())
        return std::optional<std::int64_t>{};
    const auto value = parse_integer(it->second, min, max);
    if (!value)
        return fail("invalid_parameter",
                    "'" + name + "' must be an integer from " + std::to_string(min) + " to " + std::to_string(max),
                    name);
    return std::optional<std::int64_t>{*value};
}

Result<std::optional<TimePoint>> time_parameter(const Request &request, const std::string &name) {
    const auto it = request.query.find(name);
    if (it == request.query.end())
        return std::optional<TimePoint>{};
    const auto value = parse_time(it->second);
    if (!value)
        return fail("invalid_parameter", "'" + name + "' must be an RFC 3339 date-time, e.g. 2026-11-26T19:00:00Z",
                    name);
    return std::optional<TimePoint>{*value};
}

Result<std::optional<std::string>> choice_parameter(const Request &request, const std::string &name,
                                                    std::initializer_list<const char *> values) {
    const auto it = request.query.find(name);
    if (it == request.query.end())
        return std::optional<std::string>{};
    std::string listed;
    for (const char *v : values) {
        if (it->second == v)
            return std::optional<std::string>{it->second};
        listed += listed.empty() ? std::string("'") + v + "'" : std::string(", '") + v + "'";
    }
    return fail("invalid_parameter", "'" + name + "' must be one of " + listed, name);
}

std::variant<Json, Response> object_body(const Request &request) {
    auto parsed = infra::http::parse_json_body(request);
    if (std::holds_alternative<Json>(parsed) && !std::get<Json>(parsed).is_object())
        return infra::http::error_response(422, "invalid_body", "the body must be a JSON object", "");
    return parsed;
}

Result<void> only_fields(const Json &object, std::initializer_list<const char *> allowed, const std::string &path) {
    for (const auto &[name, value] : object.items()) {
        const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char *a) { return name == a; });
        if (!known)
            return fail("unknown_field", "unknown field '" + name + "'", path + name);
    }
    return ok();
}

Result<std::optional<TimePoint>> time_field(const Json &object, const std::string &name, const std::string &path) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null())
        return std::optional<TimePoint>{};
    if (!it->is_string())
        return fail("invalid_type", "'" + name + "' must be an RFC 3339 date-time string or null", path + name);
    const auto value = parse_time(it->get<std::string>());
    if (!value)
        return fail("invalid_time", "'" + name + "' must be an RFC 3339 date-time, e.g. 2027-01-01T00:00:00Z",
                    path + name);
    return std::optional<TimePoint>{*value};
}

Result<std::string> string_field(const Json &object, const std::string &name, const std::string &path) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null())
        return std::string();
    if (!it->is_string())
        return fail("invalid_type", "'" + name + "' must be a string or null", path + name);
    return it->get<std::string>();
}

} // namespace manage::core
