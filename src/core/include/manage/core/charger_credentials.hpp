#pragma once
// Chargers' security profiles and passwords (OCPP 1.6 Security Whitepaper edition 2):
//   0  unsecured: plain ws://, no credentials (development and the demo; the default)
//   1  plain ws:// with HTTP Basic authentication (the charger's id and password)
//   2  TLS (wss://) with a server certificate, plus HTTP Basic authentication
//   3  TLS with a client certificate whose subject CN is the charger's id (no password)
// A charger may connect only the way its profile says. Passwords are stored only as salted
// PBKDF2-HMAC-SHA256 hashes. Calls block on the Store: run them on a worker pool.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"
#include "manage/core/password_throttle.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace manage::infra {
class Database;
}

namespace manage::core {

inline constexpr int kMinSecurityProfile = 0;
inline constexpr int kMaxSecurityProfile = 3;
inline constexpr std::size_t kMinChargerPasswordLength = 16;
inline constexpr std::size_t kMaxChargerPasswordLength = 40;

// What a charger presented when it asked to connect.
struct ConnectionAttempt {
    std::string charger_id;
    std::optional<std::string> username; // HTTP Basic, when sent
    std::optional<std::string> password;
    bool tls = false;
    std::optional<std::string> certificate_cn; // of a client certificate verified against the client CA
    std::string remote_address;                // where it came from: password failures are counted per address
};

enum class ConnectionVerdict {
    Allowed,
    Unauthorized, // missing or wrong credentials (HTTP 401)
    Forbidden,    // the transport or the credentials' kind does not match the profile (HTTP 403)
    Throttled,    // too many wrong passwords from this address: retry_after first (HTTP 429)
};

struct ConnectionDecision {
    ConnectionVerdict verdict = ConnectionVerdict::Allowed;
    int profile = 0;
    std::string reason;                  // for the charger: never says which secret was wrong
    std::string detail;                  // for the log
    std::chrono::seconds retry_after{0}; // Throttled only
};

struct ChargerSecurity {
    std::string charger_id;
    int profile = 0;
    bool has_password = false;
    std::optional<TimePoint> updated_at; // unset: never set (profile 0 by default)
};

struct ChargerCredentialsOptions {
    // PBKDF2 iterations for new hashes (each hash keeps its own count, so raising this is safe).
    int iterations = 100'000;
    PasswordThrottleOptions throttle;
};

class ChargerCredentials {
public:
    ChargerCredentials(infra::Database &database, const Clock &clock, ChargerCredentialsOptions options = {});

    // Sets a registered charger's profile and password (hashed; nullopt stores none). Profiles 1
    // and 2 need a password of 16–40 printable ASCII characters. Fails with the field at fault.
    Result<ChargerSecurity> set(const std::string &charger_id, int profile, const std::optional<std::string> &password);
    // Profile 0 without a password for a charger that was never set.
    ChargerSecurity get(const std::string &charger_id);
    // The decision rules; an unknown charger counts as profile 0 (the boot policy then decides).
    ConnectionDecision check(const ConnectionAttempt &attempt);

private:
    infra::Database &database_;
    const Clock &clock_;
    ChargerCredentialsOptions options_;
    PasswordThrottle throttle_;
};

// Why a password may not be used, or nullopt: 16–40 characters, printable ASCII (0x20–0x7E).
std::optional<std::string> charger_password_problem(std::string_view password);

// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>", with 16 random bytes of salt.
std::string hash_password(std::string_view password, int iterations);
// False for a wrong password or a stored value that is not such a hash. Compares in constant time.
bool verify_password(std::string_view password, std::string_view stored);
// Equal sizes and contents, in time that depends on the sizes only (CRYPTO_memcmp).
bool constant_time_equal(std::string_view a, std::string_view b);

} // namespace manage::core
