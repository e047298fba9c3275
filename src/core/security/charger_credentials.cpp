// Security profiles per charger and the rules that decide whether a connection may go ahead.
#include "manage/core/charger_credentials.hpp"

#include "manage/infra/database.hpp"

#include <soci/soci.h>

namespace manage::core {
namespace {

long long to_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

struct StoredSecurity {
    int profile = 0;
    std::string password_hash; // empty: none
    std::optional<TimePoint> updated_at;
};

StoredSecurity read(infra::Database &database, const std::string &charger_id) {
    StoredSecurity stored;
    database.with_session([&](soci::session &sql) {
        int profile = 0;
        std::string hash;
        long long updated_at = 0;
        sql << "SELECT security_profile, password_hash, updated_at FROM charger_credentials WHERE charger_id = :id",
            soci::use(charger_id), soci::into(profile), soci::into(hash), soci::into(updated_at);
        if (sql.got_data()) {
            stored.profile = profile;
            stored.password_hash = hash;
            stored.updated_at = TimePoint{std::chrono::milliseconds{updated_at}};
        }
    });
    return stored;
}

ConnectionDecision decide(ConnectionVerdict verdict, int profile, std::string reason, std::string detail) {
    return ConnectionDecision{verdict, profile, std::move(reason), std::move(detail)};
}

// Profiles 1 and 2: HTTP Basic with the charger's id as the user.
ConnectionDecision check_password(const ConnectionAttempt &attempt, const StoredSecurity &stored) {
    const auto refuse = [&](std::string detail) {
        return decide(ConnectionVerdict::Unauthorized, stored.profile,
                      "authentication required: HTTP Basic with the charger's id and password", std::move(detail));
    };
    if (!attempt.password) {
        return refuse("no Basic credentials");
    }
    if (attempt.username != attempt.charger_id) {
        return refuse("the Basic user is not the charger's id");
    }
    if (stored.password_hash.empty()) {
        return refuse("no password is set for this charger");
    }
    if (!verify_password(*attempt.password, stored.password_hash)) {
        return refuse("wrong password");
    }
    return decide(ConnectionVerdict::Allowed, stored.profile, {}, {});
}

// check_password behind the throttle: a charger (from one address) that keeps sending wrong
// passwords waits before the next one is even hashed, which also bounds the PBKDF2 work a guesser
// can cause. A request without credentials (the usual first try, answered with the challenge) does
// not count.
ConnectionDecision throttled_password_check(PasswordThrottle &throttle, const Clock &clock,
                                            const ConnectionAttempt &attempt, const StoredSecurity &stored) {
    const auto key = attempt.charger_id + "|" + attempt.remote_address;
    if (const auto wait = throttle.wait(key, clock.now())) {
        auto decision = decide(ConnectionVerdict::Throttled, stored.profile,
                               "too many failed attempts: retry in " + std::to_string(wait->count()) + " s",
                               "throttled after repeated wrong passwords from " + attempt.remote_address);
        decision.retry_after = *wait;
        return decision;
    }
    auto decision = check_password(attempt, stored);
    if (decision.verdict == ConnectionVerdict::Allowed)
        throttle.succeeded(key);
    else if (attempt.password)
        throttle.failed(key, clock.now()); // after the hash: the delay counts from the answer
    return decision;
}

} // namespace

ChargerCredentials::ChargerCredentials(infra::Database &database, const Clock &clock, ChargerCredentialsOptions options)
    : database_(database), clock_(clock), options_(options), throttle_(options.throttle) {}

Result<ChargerSecurity> ChargerCredentials::set(const std::string &charger_id, int profile,
                                                const std::optional<std::string> &password) {
    if (profile < kMinSecurityProfile || profile > kMaxSecurityProfile) {
        return fail("invalid_security_profile", "the security profile must be 0, 1, 2 or 3", "securityProfile");
    }
    if (password) {
        if (auto problem = charger_password_problem(*password)) {
            return fail("invalid_password", *problem, "password");
        }
    } else if (profile == 1 || profile == 2) {
        return fail("missing_field", "security profiles 1 and 2 need a password", "password");
    }
    int chargers = 0;
    database_.with_session([&](soci::session &sql) {
        sql << "SELECT COUNT(*) FROM chargers WHERE id = :id", soci::use(charger_id), soci::into(chargers);
    });
    if (chargers == 0) {
        return fail("charger_not_found", "no charger with id '" + charger_id + "'", "id");
    }
    const std::string hash = password ? hash_password(*password, options_.iterations) : std::string{};
    const auto now = clock_.now();
    const long long updated_at = to_ms(now);
    database_.with_session([&](soci::session &sql) {
        sql << "INSERT INTO charger_credentials (charger_id, security_profile, password_hash, updated_at) "
               "VALUES (:id, :profile, :hash, :at) ON CONFLICT (charger_id) DO UPDATE SET "
               "security_profile = excluded.security_profile, password_hash = excluded.password_hash, "
               "updated_at = excluded.updated_at",
            soci::use(charger_id), soci::use(profile), soci::use(hash), soci::use(updated_at);
    });
    return ChargerSecurity{charger_id, profile, !hash.empty(), TimePoint{std::chrono::milliseconds{updated_at}}};
}

ChargerSecurity ChargerCredentials::get(const std::string &charger_id) {
    const auto stored = read(database_, charger_id);
    return ChargerSecurity{charger_id, stored.profile, !stored.password_hash.empty(), stored.updated_at};
}

ConnectionDecision ChargerCredentials::check(const ConnectionAttempt &attempt) {
    const auto stored = read(database_, attempt.charger_id);
    switch (stored.profile) {
    case 0:
        return decide(ConnectionVerdict::Allowed, 0, {}, {});
    case 1:
        if (attempt.tls) {
            return decide(ConnectionVerdict::Forbidden, 1, "this charger must connect over ws:// (security profile 1)",
                          "came over TLS");
        }
        return throttled_password_check(throttle_, clock_, attempt, stored);
    case 2:
        if (!attempt.tls) {
            return decide(ConnectionVerdict::Forbidden, 2, "this charger must connect over TLS (security profile 2)",
                          "came over plain ws://");
        }
        return throttled_password_check(throttle_, clock_, attempt, stored);
    case 3:
        if (!attempt.tls) {
            return decide(ConnectionVerdict::Forbidden, 3,
                          "this charger must connect over TLS with a client certificate (security profile 3)",
                          "came over plain ws://");
        }
        if (!attempt.certificate_cn) {
            return decide(ConnectionVerdict::Forbidden, 3,
                          "this charger must present a client certificate (security profile 3)",
                          "no verified client certificate");
        }
        if (*attempt.certificate_cn != attempt.charger_id) {
            return decide(ConnectionVerdict::Forbidden, 3, "the client certificate is not this charger's",
                          "certificate CN '" + attempt.certificate_cn->substr(0, 64) + "'");
        }
        return decide(ConnectionVerdict::Allowed, 3, {}, {});
    default:
        return decide(ConnectionVerdict::Forbidden, stored.profile, "this charger may not connect",
                      "unknown security profile " + std::to_string(stored.profile) + " in the store");
    }
}

} // namespace manage::core
