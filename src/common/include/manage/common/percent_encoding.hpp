#pragma once
// Percent-decoding (RFC 3986) for everything that reads URLs: request targets, the charger id in an
// OCPP connection's path, and the database, cache and bus URLs of the configuration.
#include <optional>
#include <string>
#include <string_view>

namespace manage {

// nullopt for a bad escape ("%4", "%zz") or an encoded NUL, which no id, name or password may hold.
// `plus_is_space` for query strings (application/x-www-form-urlencoded).
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

} // namespace manage
