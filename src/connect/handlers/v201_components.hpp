#pragma once
// OCPP 2.0.1 ComponentType and VariableType as core gets them, with the rules of EVSEType the schema cannot
// express: an EVSE id is greater than 0 (the station itself has no EVSE) and connectors are numbered from 1.
#include "handlers/handler_context.hpp"
#include "manage/ocpp/v201/types.hpp"

#include <string>

namespace manage::connect::v201 {

// `path`: the JSON pointer of the component, for the violation.
Checked<StationComponent> to_component(const ocpp::v201::ComponentType &component, const std::string &path);
StationVariable to_variable(const ocpp::v201::VariableType &variable);

template <std::size_t N> std::string text_or_empty(const std::optional<ocpp::CiString<N>> &text) {
    return text ? text->str() : std::string();
}

// A refusal of a part that repeats the seqNo of a part kept with other content.
ocpp::Violation conflicting_part(int seq_no);

} // namespace manage::connect::v201
