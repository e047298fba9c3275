#pragma once
#include <string>

namespace manage {

// A random (version 4) UUID in its canonical lower-case text form.
std::string new_uuid();

// A short random token for request ids and OCPP message ids (16 hex digits).
std::string new_short_id();

// A secret of 256 random bits in hex (64 digits): API keys, session and CSRF tokens.
std::string new_secret_hex();

} // namespace manage
