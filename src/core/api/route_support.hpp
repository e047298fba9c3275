#pragma once
// Validation of query parameters and JSON bodies for the /api/v1 routes, with the precise 422 errors
// docs/api.md promises, and the wrapper that binds a route function to the ApiContext.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/api.hpp"
#include "manage/core/identity.hpp"
#include "manage/infra/http.hpp"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <variant>

namespace manage::core {

using RouteFunction = asio::awaitable<infra::http::Response> (*)(const ApiContext &, infra::http::Request);

// A handler calling `function` with the context (kept alive by the router) and a copy of the request.
infra::http::Handler bind_route(const ApiContext &context, RouteFunction function);

// The same for routes that need to know who asks (their organisation, their name for audits).
using PrincipalRouteFunction = asio::awaitable<infra::http::Response> (*)(const ApiContext &, infra::http::Request,
                                                                          Principal);
std::function<asio::awaitable<infra::http::Response>(infra::http::Request &, const Principal &)>
bind_route(const ApiContext &context, PrincipalRouteFunction function);

// A service's Error as the API answers it: 404 for *_not_found, 409 for conflicts (*_taken,
// *_exists, *_in_use, last_admin), 401 invalid_credentials, 429 too_many_attempts, 400
// invalid_if_match, 412 precondition_failed, else 422.
infra::http::Response error_for(const Error &error);

infra::http::Response unprocessable(const Error &error);

// Fails with `unknown_parameter` for a query parameter not in `allowed`.
Result<void> only_parameters(const infra::http::Request &request, std::initializer_list<const char *> allowed);
// An integer parameter in [min, max]; nullopt when absent.
Result<std::optional<std::int64_t>> integer_parameter(const infra::http::Request &request, const std::string &name,
                                                      std::int64_t min, std::int64_t max);
// An RFC 3339 date-time parameter; nullopt when absent.
Result<std::optional<TimePoint>> time_parameter(const infra::http::Request &request, const std::string &name);
// A parameter that must be one of `values`; nullopt when absent.
Result<std::optional<std::string>> choice_parameter(const infra::http::Request &request, const std::string &name,
                                                    std::initializer_list<const char *> values);

// A name filter (a component's, a variable's): absent, or a non-empty name.
Result<std::optional<std::string>> name_parameter(const infra::http::Request &request, const std::string &name);

// JSON null for an empty text or an absent value, so that "not sent" reads alike in every answer.
inline nlohmann::json text_or_null(const std::string &text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}
template <class T> nlohmann::json optional_json(const std::optional<T> &value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// 404 `charger_not_found` naming the field `id`.
infra::http::Response charger_not_found(const std::string &id);

// The `limit` of a list route that takes no other parameter: 1 to 1000, `fallback` when absent.
Result<int> limit_parameter_only(const infra::http::Request &request, int fallback = 100);

// What one charger has, listed by `list` on the worker pool: 404 (`charger_not_found`, field `id`)
// when there is no charger `id`, else 200 with the JSON `list` returns.
asio::awaitable<infra::http::Response> charger_listing(const ApiContext &context, const std::string &id,
                                                       std::function<infra::http::Json()> list);

// A decimal integer (no sign, no spaces) within [min, max], else nullopt.
std::optional<std::int64_t> parse_integer(const std::string &text, std::int64_t min, std::int64_t max);

// ETag / If-Match for records that carry a `version`, which grows by one with every change. The ETag
// of version 7 is "\"7\"" (a strong validator).
std::string etag_of(std::int64_t version);
// The version an If-Match header asks for: nullopt without the header or with "*". Fails with
// `invalid_if_match` (answer 400) for anything but one ETag this API gave.
Result<std::optional<std::int64_t>> if_match_version(const infra::http::Request &request);
// 412 `precondition_failed`: the record changed since the client read it; the answer carries the
// current ETag so the client can re-read and retry.
infra::http::Response precondition_failed(std::int64_t current_version);

// The body as a JSON object, or the error response (400/415/422).
std::variant<infra::http::Json, infra::http::Response> object_body(const infra::http::Request &request);
// Fails with `unknown_field` for a member of `object` not in `allowed`; `path` prefixes the field name.
Result<void> only_fields(const infra::http::Json &object, std::initializer_list<const char *> allowed,
                         const std::string &path = "");
// An optional RFC 3339 string member (null or absent: nullopt).
Result<std::optional<TimePoint>> time_field(const infra::http::Json &object, const std::string &name,
                                            const std::string &path = "");
// An optional string member (null or absent: empty).
Result<std::string> string_field(const infra::http::Json &object, const std::string &name,
                                 const std::string &path = "");

} // namespace manage::core
