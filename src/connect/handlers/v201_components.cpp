#include "handlers/v201_components.hpp"

namespace manage::connect::v201 {

Checked<StationComponent> to_component(const ocpp::v201::ComponentType &component, const std::string &path) {
    StationComponent out{component.name.str(), text_or_empty(component.instance), std::nullopt, std::nullopt};
    if (const auto &evse = component.evse) {
        if (evse->id < 1)
            return refuse(ocpp::RpcError::PropertyConstraintViolation, path + "/evse/id",
                          "an EVSE id is greater than 0 (the station itself has no EVSE)");
        if (evse->connector_id && *evse->connector_id < 1)
            return refuse(ocpp::RpcError::PropertyConstraintViolation, path + "/evse/connectorId",
                          "connectors are numbered from 1");
        out.evse_id = evse->id;
        out.connector_id = evse->connector_id;
    }
    return out;
}

StationVariable to_variable(const ocpp::v201::VariableType &variable) {
    return StationVariable{variable.name.str(), text_or_empty(variable.instance)};
}

ocpp::Violation conflicting_part(int seq_no) {
    return ocpp::Violation{ocpp::RpcError::PropertyConstraintViolation, "/seqNo",
                           "part " + std::to_string(seq_no) +
                               " of this request was received already with other content"};
}

} // namespace manage::connect::v201
