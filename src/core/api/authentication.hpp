#pragma once
// Who may call a route. Every /api route is wrapped by an Authenticator: the request must carry a
// bearer API key or (where cookies are allowed) a web session cookie; the credential's role must
// allow the method; a cookie-authenticated write must echo the session's CSRF token; and a request
// addressing a charger or a session of another organisation is answered as if it did not exist.
#include "manage/common/asio.hpp"
#include "manage/core/identity.hpp"
#include "manage/infra/http.hpp"

#include <functional>
#include <optional>

namespace manage::infra {
class Database;
}

namespace manage::core {

class ApiKeys;
class Users;

// A handler that is told who asks.
using PrincipalHandler =
    std::function<asio::awaitable<infra::http::Response>(infra::http::Request &, const Principal &)>;

inline constexpr const char *kSessionCookie = "manage_session";
inline constexpr const char *kCsrfHeader = "x-csrf-token";

struct AuthenticatorParts {
    ApiKeys &keys;
    Users *users; // null: no web sessions (bearer keys only)
    infra::Database &database;
    asio::thread_pool &workers;
};

class Authenticator {
public:
    // `allow_cookies` false: bearer keys only (the public API).
    Authenticator(AuthenticatorParts parts, bool allow_cookies = true) : parts_(parts), allow_cookies_(allow_cookies) {}
    // `needed` defaults to viewer for GET and HEAD and operator for other methods.
    infra::http::Handler require(PrincipalHandler handler, std::optional<Role> needed = std::nullopt) const;
    infra::http::Handler require(infra::http::Handler handler, std::optional<Role> needed = std::nullopt) const;

private:
    AuthenticatorParts parts_;
    bool allow_cookies_;
};

// The web session token in the request's Cookie header; empty when there is none.
std::string session_cookie(const infra::http::Request &request);

} // namespace manage::core
