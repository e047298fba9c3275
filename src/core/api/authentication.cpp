#include "api/authentication.hpp"

#include "manage/common/blocking.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/users.hpp"
#include "manage/infra/database.hpp"

#include <openssl/crypto.h>
#include <soci/soci.h>

namespace manage::core {
namespace {

using infra::http::error_response;
using infra::http::Request;
using infra::http::Response;

std::string bearer_token(const Request &request) {
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

bool safe_method(const std::string &method) {
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool same_secret(const std::string &a, const std::string &b) {
    return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// What a route addresses by its path, when another organisation may own it.
enum class Addressed { Nothing, Charger, Session };

Addressed addressed_by(const Request &request) {
    const auto &route = request.route;
    const auto starts = [&](std::string_view prefix) { return route.rfind(prefix, 0) == 0; };
    if (starts("/api/v1/chargers/{id}") || starts("/api/public/v1/chargers/{id}"))
        return Addressed::Charger;
    if (starts("/api/v1/sessions/{transactionId}") || starts("/api/public/v1/sessions/{transactionId}"))
        return Addressed::Session;
    return Addressed::Nothing;
}

// The organisation owning what the request addresses; nullopt when it does not exist (the route
// answers its own 404 then).
std::optional<std::string> owner_of(soci::session &sql, Addressed addressed, const Request &request) {
    std::string organisation_id;
    if (addressed == Addressed::Charger) {
        const auto id = request.params.at("id");
        sql << "SELECT organisation_id FROM chargers WHERE id = :id", soci::use(id), soci::into(organisation_id);
    } else if (addressed == Addressed::Session) {
        const auto &text = request.params.at("transactionId");
        if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        const long long id = std::stoll(text);
        sql << "SELECT c.organisation_id FROM charging_sessions s JOIN chargers c ON c.id = s.charger_id "
               "WHERE s.transaction_id = :id",
            soci::use(id), soci::into(organisation_id);
    }
    if (!sql.got_data())
        return std::nullopt;
    return organisation_id;
}

Response not_found_for(Addressed addressed, const Request &request) {
    if (addressed == Addressed::Charger)
        return error_response(404, "charger_not_found", "no charger '" + request.params.at("id") + "'", "id");
    return error_response(404, "session_not_found",
                          "no session with transaction id " + request.params.at("transactionId"), "transactionId");
}

struct Verdict {
    std::optional<Principal> principal;
    bool foreign = false; // the addressed resource belongs to another organisation
};

} // namespace

std::string session_cookie(const Request &request) {
    const auto header = request.header("cookie");
    if (!header)
        return {};
    const std::string name = std::string(kSessionCookie) + "=";
    std::size_t at = 0;
    while (at < header->size()) {
        while (at < header->size() && ((*header)[at] == ' ' || (*header)[at] == ';'))
            ++at;
        const auto end = header->find(';', at);
        const auto pair = header->substr(at, end == std::string::npos ? std::string::npos : end - at);
        if (pair.rfind(name, 0) == 0)
            return pair.substr(name.size());
        if (end == std::string::npos)
            break;
        at = end + 1;
    }
    return {};
}

infra::http::Handler Authenticator::require(infra::http::Handler handler, std::optional<Role> needed) const {
    return require(PrincipalHandler([handler = std::move(handler)](Request &request, const Principal &)
                                        -> asio::awaitable<Response> { return handler(request); }),
                   needed);
}

infra::http::Handler Authenticator::require(PrincipalHandler handler, std::optional<Role> needed) const {
    // Captures the parts, not `this`: the Authenticator is a short-lived value.
    return [parts = parts_, allow_cookies = allow_cookies_, handler = std::move(handler),
            needed](Request &request) -> asio::awaitable<Response> {
        const auto token = bearer_token(request);
        const auto cookie = allow_cookies && token.empty() && parts.users ? session_cookie(request) : std::string();
        const auto addressed = addressed_by(request);
        auto work = [&parts, &token, &cookie, &request, addressed]() -> Verdict {
            Verdict verdict;
            if (!token.empty())
                verdict.principal = parts.keys.identify(token);
            else if (!cookie.empty())
                verdict.principal = parts.users->identify_session(cookie);
            if (verdict.principal && addressed != Addressed::Nothing)
                parts.database.with_session([&](soci::session &sql) {
                    const auto owner = owner_of(sql, addressed, request);
                    verdict.foreign = owner && *owner != verdict.principal->organisation_id;
                });
            return verdict;
        };
        const auto verdict = co_await run_blocking(parts.workers, std::move(work));
        if (!verdict.principal) {
            auto response = error_response(
                401, "unauthenticated",
                allow_cookies ? "sign in, or send a valid API key as 'Authorization: Bearer <key>'"
                              : "send a valid API key as 'Authorization: Bearer <key>'",
                "Authorization");
            response.headers["WWW-Authenticate"] = "Bearer";
            co_return response;
        }
        const auto &principal = *verdict.principal;
        if (principal.kind == CredentialKind::WebSession && !safe_method(request.method) &&
            !same_secret(request.header(kCsrfHeader).value_or(""), principal.csrf_token))
            co_return error_response(403, "csrf_token_invalid",
                                     "a signed-in write must send the session's CSRF token in X-CSRF-Token",
                                     "X-CSRF-Token");
        const Role role = needed.value_or(safe_method(request.method) ? Role::Viewer : Role::Operator);
        if (!role_allows(principal.role, role))
            co_return error_response(403, "forbidden",
                                     "this needs the " + std::string(to_string(role)) + " role; " +
                                         principal.actor_name + " has " + std::string(to_string(principal.role)));
        if (verdict.foreign)
            co_return not_found_for(addressed, request);
        co_return co_await handler(request, principal);
    };
}

} // namespace manage::core
