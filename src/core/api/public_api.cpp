#include "api/public_api.hpp"

#include "api/authentication.hpp"
#include "api/idempotency.hpp"

#include <memory>
#include <string_view>

namespace manage::core {

using infra::http::Request;
using infra::http::Response;

namespace {

constexpr std::string_view kInternalPrefix = "/api/v1/";
constexpr std::string_view kPublicPrefix = "/api/public/v1/";

// The first path segment of each resource integrators reach. Accounts (sign-in, users, API keys,
// the organisation) stay internal: they are the web's and administrators' business.
constexpr std::string_view kPublicResources[] = {
    "chargers", "sessions", "sessions.csv",        "orphans", "id-tags", "tariffs", "sites",
    "fleets",   "vehicles", "vehicle-assignments", "live",    "stream"};

} // namespace

bool is_public_api_path(std::string_view rest) {
    const auto first = rest.substr(0, rest.find('/'));
    for (const auto resource : kPublicResources)
        if (first == resource)
            return true;
    return false;
}

namespace {

// "/api/public/v1/x?y" → "/api/v1/x?y"
std::string internal_form(const std::string &text) {
    if (text.rfind(kPublicPrefix, 0) != 0)
        return text;
    return std::string(kInternalPrefix) + text.substr(kPublicPrefix.size());
}

} // namespace

void add_public_api(infra::http::Router &router, const ApiContext &context,
                    const std::function<void(infra::http::Router &, const Authenticator &)> &add_routes) {
    auto internal = std::make_shared<infra::http::Router>();
    const Authenticator bearer_only(
        AuthenticatorParts{context.api_keys, &context.users, context.database, context.workers}, false);
    add_routes(*internal, bearer_only);
    infra::Cache *cache = &context.cache;
    for (const auto &[method, pattern] : internal->routes()) {
        if (pattern.rfind(kInternalPrefix, 0) != 0)
            continue;
        const auto rest = pattern.substr(kInternalPrefix.size());
        if (!is_public_api_path(rest))
            continue;
        const bool writes_once = method == "POST";
        router.add(method, std::string(kPublicPrefix) + rest,
                   [internal, cache, writes_once](Request &request) -> asio::awaitable<Response> {
                       request.target = internal_form(request.target);
                       request.path = internal_form(request.path);
                       request.headers.erase("cookie");
                       infra::http::Handler run = [internal](Request &r) { return internal->dispatch(r); };
                       if (writes_once)
                           co_return co_await idempotent(*cache, request, run);
                       co_return co_await internal->dispatch(request);
                   });
    }
}

} // namespace manage::core
