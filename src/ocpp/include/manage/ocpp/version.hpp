#pragma once
#include <optional>
#include <string_view>

namespace manage::ocpp {

enum class Version { v16, v201 };

// WebSocket subprotocol names: "ocpp1.6" and "ocpp2.0.1".
std::string_view subprotocol(Version version);
std::optional<Version> version_from_subprotocol(std::string_view name);
std::string_view version_label(Version version); // "1.6", "2.0.1"

} // namespace manage::ocpp
