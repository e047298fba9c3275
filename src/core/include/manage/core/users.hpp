#pragma once
// People who sign in to the web: users of one organisation with a role, their argon2id password
// hashes, and their web sessions (a random token in an HttpOnly cookie, only its digest stored,
// with a CSRF token that cookie-authenticated writes must echo).
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/identity.hpp"
#include "manage/core/user_passwords.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::infra {
class Cache;
class Database;
} // namespace manage::infra

namespace manage::core {

struct User {
    std::string id;
    std::string organisation_id;
    std::string email; // stored lower-cased; unique across organisations (it is what people sign in with)
    std::string name;
    Role role = Role::Viewer;
    TimePoint created_at{};
    TimePoint updated_at{};
};

struct NewUser {
    std::string email;
    std::string name;
    std::string password;
    Role role = Role::Viewer;
};

struct UserChanges {
    std::optional<std::string> name;
    std::optional<Role> role;
    std::optional<std::string> password;
};

struct WebSession {
    std::string token; // the cookie's value: shown once, only its digest is stored
    std::string csrf_token;
    User user;
    TimePoint expires_at{};
    Duration lifetime{}; // what the cookie's Max-Age says
};

struct UsersOptions {
    Argon2Options argon2;
    Duration session_lifetime = std::chrono::hours(12);
    // Sign-in throttling, counted in the Cache so that every node sees the same counts.
    int max_failures_per_email = 5; // wrong passwords for one e-mail within the window
    Duration failure_window = std::chrono::minutes(15);
    int max_attempts_per_address = 30; // sign-in attempts from one address per minute
};

// Validation shared by the API and the command line.
inline constexpr std::size_t kMinPasswordLength = 12;
Result<std::string> normalised_email(const std::string &email, const std::string &field = "email");
Result<void> check_password(const std::string &password, const std::string &field = "password");

class Users {
public:
    Users(infra::Database &database, infra::Cache &cache, const Clock &clock, UsersOptions options = {});

    // Errors: invalid_email, weak_password, invalid_name (422), email_taken (409), organisation_not_found (404).
    Result<User> create(const std::string &organisation_id, const NewUser &user);
    std::vector<User> list(const std::string &organisation_id);
    std::optional<User> find(const std::string &organisation_id, const std::string &id);
    // user_not_found (404); last_admin (409) when it would leave the organisation without an admin.
    // A new password ends the user's web sessions.
    Result<User> update(const std::string &organisation_id, const std::string &id, const UserChanges &changes);
    Result<void> remove(const std::string &organisation_id, const std::string &id);

    // invalid_credentials (401) whatever was wrong; too_many_attempts (429, the message says when to
    // retry) once the e-mail or the address has used up its attempts.
    Result<WebSession> sign_in(const std::string &email, const std::string &password, const std::string &address);
    std::optional<Principal> identify_session(const std::string &token);
    void sign_out(const std::string &token);
    int count(const std::string &organisation_id);

private:
    Result<void> check_throttle(const std::string &email_key, const std::string &address_key);
    bool would_leave_no_admin(const std::string &organisation_id, const std::string &id);

    infra::Database &database_;
    infra::Cache &cache_;
    const Clock &clock_;
    UsersOptions options_;
    std::string dummy_hash_; // verified against for unknown e-mails, so that they take as long as known ones
};

} // namespace manage::core
