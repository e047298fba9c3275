#include "manage/ocpp/error_code.hpp"

#include <array>
#include <utility>

namespace manage::ocpp {
namespace {

struct Spelling {
    RpcError error;
    std::string_view v16;
    std::string_view v201;
};

// OCPP-J 1.6 §4.2.3 table "Valid Error Codes"; OCPP 2.0.1 Part 4 §4.3 "RPC Framework: CallError".
constexpr std::array kSpellings{
    Spelling{RpcError::NotImplemented, "NotImplemented", "NotImplemented"},
    Spelling{RpcError::NotSupported, "NotSupported", "NotSupported"},
    Spelling{RpcError::InternalError, "InternalError", "InternalError"},
    Spelling{RpcError::ProtocolError, "ProtocolError", "RpcFrameworkError"},
    Spelling{RpcError::SecurityError, "SecurityError", "SecurityError"},
    Spelling{RpcError::FormationViolation, "FormationViolation", "FormatViolation"},
    Spelling{RpcError::PropertyConstraintViolation, "PropertyConstraintViolation", "PropertyConstraintViolation"},
    Spelling{RpcError::OccurrenceConstraintViolation, "OccurenceConstraintViolation", "OccurrenceConstraintViolation"},
    Spelling{RpcError::TypeConstraintViolation, "TypeConstraintViolation", "TypeConstraintViolation"},
    Spelling{RpcError::GenericError, "GenericError", "GenericError"},
    // 1.6 has no code for an unknown message type; NotSupported is its nearest.
    Spelling{RpcError::MessageTypeNotSupported, "NotSupported", "MessageTypeNotSupported"},
};

} // namespace

std::string_view error_code_name(RpcError error, Version version) {
    for (const auto &spelling : kSpellings)
        if (spelling.error == error)
            return version == Version::v16 ? spelling.v16 : spelling.v201;
    return "GenericError"; // unreachable for valid enumerators
}

std::optional<RpcError> parse_error_code(std::string_view name, Version version) {
    // Exact spellings first, so that 1.6 "NotSupported" reads as NotSupported, not MessageTypeNotSupported.
    for (const auto &spelling : kSpellings)
        if ((version == Version::v16 ? spelling.v16 : spelling.v201) == name)
            return spelling.error;
    // Spellings peers use although their version defines another one: 1.6 stacks that fixed the typo
    // "Occurence", and 2.0.1's own ProtocolError ("payload for action is incomplete"), which RpcError
    // cannot tell from RpcFrameworkError.
    if (version == Version::v16 && name == "OccurrenceConstraintViolation")
        return RpcError::OccurrenceConstraintViolation;
    if (version == Version::v201 && name == "ProtocolError")
        return RpcError::ProtocolError;
    return std::nullopt;
}

} // namespace manage::ocpp
