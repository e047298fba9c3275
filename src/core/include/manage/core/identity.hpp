#pragma once
// Who is asking: the organisation a request acts for, the user or API key behind it and its role.
#include <optional>
#include <string>
#include <string_view>

namespace manage::core {

// Roles grow in power: a viewer reads; an operator also acts (commands, ID tags, sessions, vehicles
// and everything but people and keys); an admin also manages users and API keys.
enum class Role { Viewer, Operator, Admin };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
// True when `held` is at least `needed`.
inline bool role_allows(Role held, Role needed) {
    return static_cast<int>(held) >= static_cast<int>(needed);
}

enum class CredentialKind { ApiKey, WebSession };

struct Principal {
    std::string organisation_id;
    std::string actor_id;   // the user's or the API key's id
    std::string actor_name; // the user's e-mail or the key's name, as audits show it
    Role role = Role::Viewer;
    CredentialKind kind = CredentialKind::ApiKey;
    std::string csrf_token; // web sessions: what cookie-authenticated writes must echo in X-CSRF-Token
};

// The organisation that records predating organisations belong to, and that unknown chargers join
// unless the configuration names another (ocpp.organisation).
inline constexpr std::string_view kDefaultOrganisation = "default";

} // namespace manage::core
