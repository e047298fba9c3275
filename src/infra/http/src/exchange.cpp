#include "exchange.hpp"

#include "server_core.hpp"
#include "target.hpp"

#include "manage/common/ids.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>

namespace manage::infra::http {
namespace {

constexpr std::size_t kMaxRequestIdLength = 64;

// Fills path and query; an error response when either is badly encoded.
std::optional<Response> prepare(Request &request) {
    const auto target = split_target(request.target);
    auto path = target.path.starts_with('/') ? percent_decode(target.path) : std::nullopt;
    if (!path)
        return error_response(400, "invalid_path", "the request path is not a correctly percent-encoded path");
    auto query = parse_query(target.query);
    if (!query)
        return error_response(400, "invalid_query", "the query string is not correctly percent-encoded");
    request.path = std::move(*path);
    request.query = std::move(*query);
    return std::nullopt;
}

asio::awaitable<Response> dispatch_guarded(ServerCore &core, Request &request) {
    std::string failure;
    try {
        auto response = co_await core.router->dispatch(request);
        if (response.status >= 200 && response.status <= 599)
            co_return response;
        failure = "an invalid status " + std::to_string(response.status);
    } catch (const std::exception &e) {
        failure = std::string("an exception: ") + e.what();
    } catch (...) {
        failure = "an exception of unknown type";
    }
    core.log->error("{} {} route={} answered with {} [request_id={}]", request.method,
                    split_target(request.target).path, request.route, failure, request.request_id);
    co_return error_response(500, "internal_error", "the server failed to handle the request");
}

bool iequals(const std::string &a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

// Unknown methods are one label value so that clients cannot grow the series without bound.
std::string method_label(const std::string &method) {
    static constexpr std::array<const char *, 9> kKnown = {"GET",   "HEAD",    "POST",  "PUT",    "DELETE",
                                                           "PATCH", "OPTIONS", "TRACE", "CONNECT"};
    for (const char *known : kKnown)
        if (method == known)
            return method;
    return "other";
}

} // namespace

bool is_valid_request_id(const std::string &id) {
    if (id.empty() || id.size() > kMaxRequestIdLength)
        return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

std::string choose_request_id(const Request &request) {
    const auto incoming = request.header("x-request-id");
    return incoming && is_valid_request_id(*incoming) ? *incoming : new_short_id();
}

asio::awaitable<Response> handle(ServerCore &core, Request &request) {
    if (request.request_id.empty())
        request.request_id = choose_request_id(request);
    Response response;
    if (auto refused = prepare(request))
        response = std::move(*refused);
    else
        response = co_await dispatch_guarded(core, request);
    std::erase_if(response.headers, [](const auto &header) { return iequals(header.first, "x-request-id"); });
    response.headers["X-Request-Id"] = request.request_id;
    co_return response;
}

void record(ServerCore &core, const Exchange &exchange) {
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - exchange.started).count();
    const std::string route = exchange.route.empty() ? "unmatched" : exchange.route;
    const std::string method = method_label(exchange.method);
    core.metrics.increment("manage_http_requests_total",
                           {{"method", method}, {"route", route}, {"status", std::to_string(exchange.status)}});
    core.metrics.observe("manage_http_request_duration_seconds", {{"method", method}, {"route", route}}, seconds);
    // The path only: query strings may carry tokens, and bodies and credentials are never logged.
    const auto path = split_target(exchange.target).path;
    core.log->info("{} {} route={} status={} bytes={} duration_ms={:.3f} request_id={} remote={}",
                   exchange.method.empty() ? "-" : exchange.method, path.empty() ? "-" : path, route, exchange.status,
                   exchange.bytes, seconds * 1000, exchange.request_id, exchange.remote_address);
}

} // namespace manage::infra::http
