#include "api/authentication.hpp"

#include "manage/common/blocking.hpp"
#include "manage/core/api_keys.hpp"

namespace manage::core {
namespace {

std::string bearer_token(const infra::http::Request &request) {
    const auto header = request.header("authorization");
    constexpr std::string_view kScheme = "Bearer ";
    if (!header || header->size() <= kScheme.size())
        return {};
    std::string scheme = header->substr(0, kScheme.size());
    for (auto &c : scheme)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (scheme != "bearer ")
        return {};
    return header->substr(kScheme.size());
}

} // namespace

infra::http::Handler Authenticator::require(infra::http::Handler handler) const {
    return require_identified(
        IdentifiedHandler([handler = std::move(handler)](infra::http::Request &request, const ApiKeyIdentity &)
                              -> asio::awaitable<infra::http::Response> { return handler(request); }));
}

infra::http::Handler Authenticator::require_identified(IdentifiedHandler handler) const {
    // Captures the key store and pool, not `this`: the Authenticator is a short-lived value.
    return [&keys = keys_, &workers = workers_,
            handler = std::move(handler)](infra::http::Request &request) -> asio::awaitable<infra::http::Response> {
        const auto token = bearer_token(request);
        auto work = [&keys, token]() -> std::optional<ApiKeyIdentity> {
            if (token.empty())
                return std::nullopt;
            return keys.identify(token);
        };
        const auto identity = co_await run_blocking(workers, std::move(work));
        if (!identity) {
            auto response = infra::http::error_response(
                401, "unauthenticated", "send a valid API key as 'Authorization: Bearer <key>'", "Authorization");
            response.headers["WWW-Authenticate"] = "Bearer";
            co_return response;
        }
        co_return co_await handler(request, *identity);
    };
}

} // namespace manage::core
