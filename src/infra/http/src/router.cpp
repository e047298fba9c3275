#include "manage/infra/http.hpp"

#include "target.hpp"

#include <set>
#include <stdexcept>

namespace manage::infra::http {
namespace {

bool is_parameter(const std::string &segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

void check_pattern(const std::string &pattern, const std::vector<std::string> &segments) {
    if (!pattern.starts_with('/'))
        throw std::invalid_argument("route pattern must start with '/': " + pattern);
    std::set<std::string> names;
    for (const auto &segment : segments) {
        const bool braces = segment.find_first_of("{}") != std::string::npos;
        if (segment.empty() || (braces && !is_parameter(segment)))
            throw std::invalid_argument("malformed route pattern: " + pattern);
        if (braces && !names.insert(segment).second)
            throw std::invalid_argument("parameter named twice in route pattern: " + pattern);
    }
}

// Same method and the same literals with parameters in the same places: the two could never be told apart.
template <class Route> bool same_shape(const Route &a, const Route &b) {
    if (a.method != b.method || a.segments.size() != b.segments.size())
        return false;
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
        const bool pa = is_parameter(a.segments[i]);
        if (pa != is_parameter(b.segments[i]) || (!pa && a.segments[i] != b.segments[i]))
            return false;
    }
    return true;
}

bool matches(const std::vector<std::string> &pattern, const std::vector<std::string> &path) {
    if (pattern.size() != path.size())
        return false;
    for (std::size_t i = 0; i < path.size(); ++i)
        if (is_parameter(pattern[i]) ? path[i].empty() : pattern[i] != path[i])
            return false;
    return true;
}

// True when `a` has a literal at the first position where the two differ in kind.
bool more_specific(const std::vector<std::string> &a, const std::vector<std::string> &b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        const bool pa = is_parameter(a[i]);
        if (pa != is_parameter(b[i]))
            return !pa;
    }
    return false;
}

std::map<std::string, std::string> bind(const std::vector<std::string> &pattern, std::vector<std::string> &path) {
    std::map<std::string, std::string> params;
    for (std::size_t i = 0; i < pattern.size(); ++i)
        if (is_parameter(pattern[i]))
            params[pattern[i].substr(1, pattern[i].size() - 2)] = std::move(path[i]);
    return params;
}

std::optional<std::vector<std::string>> request_segments(const Request &request) {
    if (request.target.empty())
        return split_segments(request.path);
    return decode_segments(split_target(request.target).path);
}

Response method_not_allowed(const Request &request, const std::set<std::string> &allowed) {
    std::string allow;
    for (const auto &method : allowed)
        allow += (allow.empty() ? "" : ", ") + method;
    auto response = error_response(405, "method_not_allowed",
                                   "method " + request.method + " is not allowed here; allowed: " + allow);
    response.headers["Allow"] = allow;
    return response;
}

} // namespace

void Router::add(const std::string &method, const std::string &pattern, Handler handler) {
    Route route{method, pattern, split_segments(pattern), std::move(handler)};
    check_pattern(pattern, route.segments);
    if (method.empty() || !route.handler)
        throw std::invalid_argument("route needs a method and a handler: " + pattern);
    for (const auto &existing : routes_)
        if (same_shape(existing, route))
            throw std::invalid_argument("route " + method + " " + pattern + " duplicates " + existing.pattern);
    routes_.push_back(std::move(route));
}

void Router::set_fallback(Handler handler) {
    fallback_ = std::move(handler);
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
    std::vector<std::pair<std::string, std::string>> all;
    for (const auto &route : routes_)
        all.emplace_back(route.method, route.pattern);
    return all;
}

asio::awaitable<Response> Router::dispatch(Request &request) const {
    auto segments = request_segments(request);
    if (!segments)
        co_return error_response(400, "invalid_path", "the request path is not a correctly percent-encoded path");
    const Route *best = nullptr;
    std::set<std::string> allowed;
    for (const auto &route : routes_) {
        if (!matches(route.segments, *segments))
            continue;
        allowed.insert(route.method);
        if (route.method == request.method && (best == nullptr || more_specific(route.segments, best->segments)))
            best = &route;
    }
    if (best == nullptr && allowed.empty()) {
        if (fallback_)
            co_return co_await fallback_(request);
        co_return error_response(404, "not_found", "no resource at this path");
    }
    if (best == nullptr)
        co_return method_not_allowed(request, allowed);
    request.params = bind(best->segments, *segments);
    request.route = best->pattern;
    co_return co_await best->handler(request);
}

} // namespace manage::infra::http
