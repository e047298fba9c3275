#pragma once
#include "manage/common/percent_encoding.hpp"
// Decides on a charger's HTTP upgrade request before any WebSocket handshake: the path must be
// /ocpp/{chargePointId}, the id a valid one once percent-decoded, and one of the offered
// subprotocols ocpp2.0.1 or ocpp1.6. Pure functions: no I/O, no Beast.
#include "manage/connect/charger_authenticator.hpp"
#include "manage/ocpp/version.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace manage::connect {

inline constexpr std::string_view kOcppPathPrefix = "/ocpp/";
inline constexpr std::size_t kMaxChargePointIdLength = 48;

using manage::percent_decode; // manage/common/percent_encoding.hpp

// 1–48 printable ASCII characters (0x20–0x7E) other than '/'. Returns why not, or nullopt.
std::optional<std::string> charge_point_id_problem(std::string_view id);

// The newest version among the offered subprotocols. `offers` holds the values of every
// Sec-WebSocket-Protocol header, each a comma-separated list.
std::optional<ocpp::Version> negotiate_subprotocol(const std::vector<std::string_view> &offers);

struct UpgradeDecision {
    unsigned http_status = 0; // 0: accept; otherwise the status to refuse with (no upgrade)
    std::string reason;       // why it was refused, for the log and the response body
    std::string charge_point_id;
    ocpp::Version version = ocpp::Version::v16;

    bool accepted() const { return http_status == 0; }
};

// Decodes standard base64 (RFC 4648 §4, padding required); nullopt on anything else.
std::optional<std::string> base64_decode(std::string_view text);

// The credentials of an `Authorization: Basic <base64(user:password)>` header value (RFC 7617);
// nullopt when the header is not Basic or not well-formed. OCPP's user is the charge point id,
// which may itself hold a ':': when the decoded text starts with "<charge_point_id>:", that prefix
// is the user; otherwise the user ends at the first ':'.
std::optional<BasicCredentials> parse_basic_authorization(std::string_view header, std::string_view charge_point_id);

UpgradeDecision decide_upgrade(std::string_view target, bool is_websocket_upgrade,
                               const std::vector<std::string_view> &subprotocol_offers);

} // namespace manage::connect
