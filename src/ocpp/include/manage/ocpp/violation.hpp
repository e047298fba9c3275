#pragma once
// Why a payload does not match its OCPP JSON schema. Light on purpose (see error_code.hpp).
#include "manage/ocpp/error_code.hpp"

#include <string>

namespace manage::ocpp {

struct Violation {
    RpcError error;          // FormationViolation, TypeConstraintViolation, OccurrenceConstraintViolation,
                             // PropertyConstraintViolation
    std::string path;        // JSON pointer of the offending value, e.g. "/meterValue/0/sampledValue/1/measurand"
    std::string description; // for people, e.g. "required property 'connectorId' is missing"
};

} // namespace manage::ocpp
