#include "manage/core/users.hpp"

#include "manage/common/ids.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/infra/cache.hpp"
#include "manage/infra/database.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cctype>

namespace manage::core {
namespace {

long long millis(TimePoint at) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

TimePoint from_millis(long long ms) {
    return TimePoint(std::chrono::milliseconds(ms));
}

constexpr const char *kUserColumns = "id, organisation_id, email, name, role, created_at, updated_at";

User user_from_row(const soci::row &row) {
    User user;
    user.id = row.get<std::string>(0);
    user.organisation_id = row.get<std::string>(1);
    user.email = row.get<std::string>(2);
    user.name = row.get<std::string>(3);
    user.role = parse_role(row.get<std::string>(4)).value_or(Role::Viewer);
    user.created_at = from_millis(row.get<long long>(5));
    user.updated_at = from_millis(row.get<long long>(6));
    return user;
}

Result<std::string> checked_name(const std::string &name) {
    if (name.empty() || name.size() > 200)
        return fail("invalid_name", "a user's name is 1 to 200 characters", "name");
    return name;
}

} // namespace

Result<std::string> normalised_email(const std::string &email, const std::string &field) {
    std::string lower = email;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto at = lower.find('@');
    const bool shaped = at != std::string::npos && at > 0 && at + 1 < lower.size() &&
                        lower.find('@', at + 1) == std::string::npos && lower.find('.', at + 1) != std::string::npos &&
                        lower.size() <= 254;
    const bool printable =
        std::all_of(lower.begin(), lower.end(), [](unsigned char c) { return c > 0x20 && c < 0x7F; });
    if (!shaped || !printable)
        return fail("invalid_email", "'" + email + "' is not an e-mail address (name@domain.tld)", field);
    return lower;
}

Result<void> check_password(const std::string &password, const std::string &field) {
    if (password.size() < kMinPasswordLength)
        return fail("weak_password", "a password has at least " + std::to_string(kMinPasswordLength) + " characters",
                    field);
    if (password.size() > 1024)
        return fail("weak_password", "a password has at most 1024 characters", field);
    return ok();
}

Users::Users(infra::Database &database, infra::Cache &cache, const Clock &clock, UsersOptions options)
    : database_(database), cache_(cache), clock_(clock), options_(options),
      dummy_hash_(hash_user_password(new_secret_hex(), options.argon2)) {}

Result<User> Users::create(const std::string &organisation_id, const NewUser &input) {
    BOOST_OUTCOME_TRY(email, normalised_email(input.email));
    BOOST_OUTCOME_TRY(name, checked_name(input.name));
    BOOST_OUTCOME_TRY(check_password(input.password));
    User user{new_uuid(), organisation_id, email, name, input.role, clock_.now(), clock_.now()};
    const auto hash = hash_user_password(input.password, options_.argon2);
    const auto role = std::string(to_string(user.role));
    const auto at = millis(user.created_at);
    std::optional<Error> error;
    database_.in_transaction([&](soci::session &sql) {
        int organisations = 0;
        sql << "SELECT COUNT(*) FROM organisations WHERE id = :id", soci::use(organisation_id),
            soci::into(organisations);
        if (organisations == 0) {
            error = Error{"organisation_not_found", "there is no organisation '" + organisation_id + "'", ""};
            return;
        }
        int taken = 0;
        sql << "SELECT COUNT(*) FROM users WHERE email = :email", soci::use(email), soci::into(taken);
        if (taken > 0) {
            error = Error{"email_taken", "a user already signs in as '" + email + "'", "email"};
            return;
        }
        sql << "INSERT INTO users (id, organisation_id, email, name, role, password_hash, created_at, updated_at) "
               "VALUES (:id, :org, :email, :name, :role, :hash, :at, :at2)",
            soci::use(user.id), soci::use(organisation_id), soci::use(email), soci::use(name), soci::use(role),
            soci::use(hash), soci::use(at), soci::use(at);
    });
    if (error)
        return outcome::failure(*error);
    return user;
}

std::vector<User> Users::list(const std::string &organisation_id) {
    std::vector<User> users;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kUserColumns << " FROM users WHERE organisation_id = :org ORDER BY email",
             soci::use(organisation_id));
        for (const auto &row : rows)
            users.push_back(user_from_row(row));
    });
    return users;
}

std::optional<User> Users::find(const std::string &organisation_id, const std::string &id) {
    std::optional<User> user;
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kUserColumns << " FROM users WHERE organisation_id = :org AND id = :id",
             soci::use(organisation_id), soci::use(id));
        for (const auto &row : rows)
            user = user_from_row(row);
    });
    return user;
}

bool Users::would_leave_no_admin(const std::string &organisation_id, const std::string &id) {
    int other_admins = 0;
    database_.with_session([&](soci::session &sql) {
        sql << "SELECT COUNT(*) FROM users WHERE organisation_id = :org AND role = 'admin' AND id <> :id",
            soci::use(organisation_id), soci::use(id), soci::into(other_admins);
    });
    return other_admins == 0;
}

Result<User> Users::update(const std::string &organisation_id, const std::string &id, const UserChanges &changes) {
    auto user = find(organisation_id, id);
    if (!user)
        return fail("user_not_found", "there is no user '" + id + "'", "id");
    if (changes.name) {
        BOOST_OUTCOME_TRY(name, checked_name(*changes.name));
        user->name = name;
    }
    if (changes.password) {
        BOOST_OUTCOME_TRY(check_password(*changes.password));
    }
    if (changes.role && *changes.role != Role::Admin && user->role == Role::Admin &&
        would_leave_no_admin(organisation_id, id))
        return fail("last_admin", "the organisation would have no admin left: make another user admin first", "role");
    if (changes.role)
        user->role = *changes.role;
    user->updated_at = clock_.now();
    const auto role = std::string(to_string(user->role));
    const auto at = millis(user->updated_at);
    const auto hash = changes.password ? hash_user_password(*changes.password, options_.argon2) : std::string();
    database_.in_transaction([&](soci::session &sql) {
        sql << "UPDATE users SET name = :name, role = :role, updated_at = :at WHERE id = :id", soci::use(user->name),
            soci::use(role), soci::use(at), soci::use(id);
        if (!hash.empty()) {
            sql << "UPDATE users SET password_hash = :hash WHERE id = :id", soci::use(hash), soci::use(id);
            sql << "DELETE FROM web_sessions WHERE user_id = :id", soci::use(id);
        }
    });
    return *user;
}

Result<void> Users::remove(const std::string &organisation_id, const std::string &id) {
    const auto user = find(organisation_id, id);
    if (!user)
        return fail("user_not_found", "there is no user '" + id + "'", "id");
    if (user->role == Role::Admin && would_leave_no_admin(organisation_id, id))
        return fail("last_admin", "the organisation would have no admin left: make another user admin first", "id");
    database_.in_transaction([&](soci::session &sql) {
        sql << "DELETE FROM web_sessions WHERE user_id = :id", soci::use(id);
        sql << "DELETE FROM users WHERE id = :id", soci::use(id);
    });
    return ok();
}

Result<void> Users::check_throttle(const std::string &email_key, const std::string &address_key) {
    const auto attempts = cache_.increment(address_key, 1, std::chrono::minutes(1));
    if (attempts > options_.max_attempts_per_address)
        return fail("too_many_attempts", "too many sign-in attempts from this address: try again in a minute");
    const auto failures = cache_.get(email_key);
    if (failures && std::stoll(*failures) >= options_.max_failures_per_email) {
        const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(options_.failure_window).count();
        return fail("too_many_attempts", "too many wrong passwords for this e-mail: try again within " +
                                             std::to_string(minutes) + " minutes");
    }
    return ok();
}

Result<WebSession> Users::sign_in(const std::string &email_text, const std::string &password,
                                  const std::string &address) {
    std::string email = email_text;
    std::transform(email.begin(), email.end(), email.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // Keys hold digests: the Cache never sees an e-mail address.
    const auto email_key = "signin:failures:" + sha256_hex(email);
    const auto address_key = "signin:address:" + address;
    BOOST_OUTCOME_TRY(check_throttle(email_key, address_key));

    std::optional<std::string> user_id, stored_hash;
    database_.with_session([&](soci::session &sql) {
        std::string id, hash;
        sql << "SELECT id, password_hash FROM users WHERE email = :email", soci::use(email), soci::into(id),
            soci::into(hash);
        if (sql.got_data()) {
            user_id = id;
            stored_hash = hash;
        }
    });
    const bool valid = verify_user_password(stored_hash.value_or(dummy_hash_), password) && user_id.has_value();
    if (!valid) {
        cache_.increment(email_key, 1, options_.failure_window);
        return fail("invalid_credentials", "the e-mail or the password is wrong");
    }
    cache_.erase(email_key);

    WebSession session;
    session.token = new_secret_hex();
    session.csrf_token = new_secret_hex();
    session.expires_at = clock_.now() + options_.session_lifetime;
    session.lifetime = options_.session_lifetime;
    const auto digest = sha256_hex(session.token);
    const auto created = millis(clock_.now());
    const auto expires = millis(session.expires_at);
    database_.in_transaction([&](soci::session &sql) {
        sql << "DELETE FROM web_sessions WHERE expires_at <= :now", soci::use(created);
        sql << "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
               "VALUES (:hash, :user, :csrf, :created, :expires)",
            soci::use(digest), soci::use(*user_id), soci::use(session.csrf_token), soci::use(created),
            soci::use(expires);
    });
    database_.with_session([&](soci::session &sql) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT " << kUserColumns << " FROM users WHERE id = :id", soci::use(*user_id));
        for (const auto &row : rows)
            session.user = user_from_row(row);
    });
    return session;
}

std::optional<Principal> Users::identify_session(const std::string &token) {
    if (token.size() != 64)
        return std::nullopt;
    const auto digest = sha256_hex(token);
    const auto now = millis(clock_.now());
    std::optional<Principal> principal;
    database_.with_session([&](soci::session &sql) {
        std::string user_id, organisation_id, email, role, csrf;
        sql << "SELECT u.id, u.organisation_id, u.email, u.role, s.csrf_token FROM web_sessions s "
               "JOIN users u ON u.id = s.user_id WHERE s.token_hash = :hash AND s.expires_at > :now",
            soci::use(digest), soci::use(now), soci::into(user_id), soci::into(organisation_id), soci::into(email),
            soci::into(role), soci::into(csrf);
        if (sql.got_data())
            principal = Principal{organisation_id,
                                  user_id,
                                  email,
                                  parse_role(role).value_or(Role::Viewer),
                                  CredentialKind::WebSession,
                                  csrf};
    });
    return principal;
}

void Users::sign_out(const std::string &token) {
    const auto digest = sha256_hex(token);
    database_.with_session(
        [&](soci::session &sql) { sql << "DELETE FROM web_sessions WHERE token_hash = :hash", soci::use(digest); });
}

int Users::count(const std::string &organisation_id) {
    int count = 0;
    database_.with_session([&](soci::session &sql) {
        sql << "SELECT COUNT(*) FROM users WHERE organisation_id = :org", soci::use(organisation_id), soci::into(count);
    });
    return count;
}

} // namespace manage::core
