#pragma once
// Validates payloads against the official OCPP JSON schemas, through the generated message types.
#include "manage/ocpp/rpc.hpp"
#include "manage/ocpp/violation.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::ocpp {

enum class Direction { Request, Response };

// Violation lives in violation.hpp.

// True when the version defines `action` (in either direction).
bool is_known_action(Version version, std::string_view action);

// All actions of a version, sorted, e.g. for the status table and for tests.
const std::vector<std::string> &known_actions(Version version);

// nullopt when `payload` is a valid `action` message in `direction`; otherwise the first violation.
// Precondition: is_known_action(version, action).
std::optional<Violation> validate(Version version, std::string_view action, Direction direction, const Json &payload);

} // namespace manage::ocpp
