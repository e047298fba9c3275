#pragma once
// The port through which connect asks whether a charger may connect (OCPP 1.6 Security Whitepaper
// edition 2, security profiles 1–3). The session asks it after the upgrade request was found sound
// (path, id, subprotocol) and before the WebSocket handshake; a refusal is an HTTP response and no
// upgrade. Plain types only: no Beast, no OpenSSL.
#include "manage/common/asio.hpp"

#include <optional>
#include <string>

namespace manage::connect {

// HTTP Basic credentials from `Authorization: Basic base64(user:password)`. OCPP: the user is the
// charge point id.
struct BasicCredentials {
    std::string username;
    std::string password;
};

// What a charger presented on its way to the upgrade.
struct UpgradeCredentials {
    std::string charge_point_id;           // percent-decoded, valid
    std::optional<BasicCredentials> basic; // unset: no (or no well-formed) Basic Authorization header
    bool tls = false;                      // the connection came in over the TLS listener
    // The subject CN of the client certificate, set only when the charger sent one over TLS and it
    // verified against the configured client CA.
    std::optional<std::string> client_certificate_cn;
    std::string remote_address;
};

struct UpgradeVerdict {
    // 0: allowed. Otherwise the HTTP status to refuse with: 401 (missing or wrong credentials; the
    // response carries `WWW-Authenticate: Basic realm="manage"`), 403 (not allowed this way, e.g.
    // the transport does not match the charger's security profile), 404, or 429 (too many failed
    // attempts; the response carries `Retry-After: retry_after_s`).
    unsigned http_status = 0;
    std::string reason; // for the response body: says what is wrong, never a secret
    std::string detail; // for the log only
    unsigned retry_after_s = 0;

    bool allowed() const { return http_status == 0; }

    static UpgradeVerdict allow() { return {}; }
    static UpgradeVerdict throttle(unsigned retry_after_s, std::string reason, std::string detail = {}) {
        return UpgradeVerdict{429, std::move(reason), std::move(detail), retry_after_s};
    }
    static UpgradeVerdict refuse(unsigned status, std::string reason, std::string detail = {}) {
        return UpgradeVerdict{status, std::move(reason), std::move(detail), 0};
    }
};

// Implemented over core's charger credentials. `authenticate` runs on the connection's strand: an
// implementation that reads a store awaits (run_blocking), it never blocks the strand.
class ChargerAuthenticator {
public:
    virtual ~ChargerAuthenticator() = default;
    virtual asio::awaitable<UpgradeVerdict> authenticate(const UpgradeCredentials &credentials) = 0;
};

} // namespace manage::connect
