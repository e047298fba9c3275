#pragma once
// OCPP-J CALLERROR error codes (OCPP-J 1.6 §4.2.3, OCPP 2.0.1 Part 4 §4.3). Light on purpose: generated
// message headers include it without pulling in a JSON library.
#include "manage/ocpp/version.hpp"

#include <optional>
#include <string_view>

namespace manage::ocpp {

// Error codes of both versions; error_code_name() spells each as the version prescribes.
enum class RpcError {
    NotImplemented,
    NotSupported,
    InternalError,
    ProtocolError, // 2.0.1: RpcFrameworkError
    SecurityError,
    FormationViolation, // 2.0.1: FormatViolation
    PropertyConstraintViolation,
    OccurrenceConstraintViolation, // 1.6: OccurenceConstraintViolation (sic)
    TypeConstraintViolation,
    GenericError,
    MessageTypeNotSupported, // 2.0.1 only; 1.6 uses NotSupported
};

std::string_view error_code_name(RpcError error, Version version);
std::optional<RpcError> parse_error_code(std::string_view name, Version version);

} // namespace manage::ocpp
