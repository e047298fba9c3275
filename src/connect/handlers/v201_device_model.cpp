#include "handlers/v201_device_model.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v201/messages/NotifyReport.hpp"

#include <set>

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

template <std::size_t N> std::string text_or_empty(const std::optional<ocpp::CiString<N>> &text) {
    return text ? text->str() : std::string();
}

ReportedAttribute to_attribute(const msg::VariableAttributeType &a) {
    return ReportedAttribute{.type = a.type ? std::string(msg::to_string(*a.type)) : "Actual",
                             .value = a.value ? std::optional(a.value->str()) : std::nullopt,
                             .mutability = a.mutability ? std::string(msg::to_string(*a.mutability)) : "ReadWrite",
                             .persistent = a.persistent.value_or(false),
                             .constant = a.constant.value_or(false)};
}

ReportedCharacteristics to_characteristics(const msg::VariableCharacteristicsType &c) {
    return ReportedCharacteristics{.data_type = std::string(msg::to_string(c.data_type)),
                                   .unit = text_or_empty(c.unit),
                                   .min_limit = c.min_limit,
                                   .max_limit = c.max_limit,
                                   .values_list = text_or_empty(c.values_list),
                                   .supports_monitoring = c.supports_monitoring};
}

// One reportData entry, or the rule it breaks: an EVSE id is > 0 and connectors are numbered from 1
// (Part 2, EVSEType; ConnectorStatus), and each attribute type appears once per variable (a variable
// has at most one Actual, Target, MinSet and MaxSet value: that is why the schema allows four).
Checked<ReportedVariable> to_variable(const msg::ReportDataType &data, const std::string &path) {
    ReportedVariable v;
    v.component = data.component.name.str();
    v.component_instance = text_or_empty(data.component.instance);
    if (const auto &evse = data.component.evse) {
        if (evse->id < 1)
            return refuse(ocpp::RpcError::PropertyConstraintViolation, path + "/component/evse/id",
                          "an EVSE id is greater than 0 (the station itself has no EVSE)");
        if (evse->connector_id && *evse->connector_id < 1)
            return refuse(ocpp::RpcError::PropertyConstraintViolation, path + "/component/evse/connectorId",
                          "connectors are numbered from 1");
        v.evse_id = evse->id;
        v.connector_id = evse->connector_id;
    }
    v.variable = data.variable.name.str();
    v.variable_instance = text_or_empty(data.variable.instance);
    std::set<std::string> types;
    for (std::size_t i = 0; i < data.variable_attribute.size(); ++i) {
        auto attribute = to_attribute(data.variable_attribute[i]);
        if (!types.insert(attribute.type).second) {
            const auto at = path + "/variableAttribute/" + std::to_string(i);
            return refuse(ocpp::RpcError::OccurrenceConstraintViolation,
                          data.variable_attribute[i].type ? at + "/type" : at,
                          "attribute type " + attribute.type + " appears more than once for variable " + v.variable);
        }
        v.attributes.push_back(std::move(attribute));
    }
    if (data.variable_characteristics)
        v.characteristics = to_characteristics(*data.variable_characteristics);
    return v;
}

Checked<DeviceReportPart> to_report_part(const msg::NotifyReportRequest &request) {
    if (request.seq_no < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/seqNo", "seqNo starts at 0");
    DeviceReportPart part{.request_id = request.request_id,
                          .seq_no = request.seq_no,
                          .tbc = request.tbc.value_or(false),
                          .generated_at = request.generated_at.time_point(),
                          .entries = {}};
    if (request.report_data) {
        part.entries.reserve(request.report_data->size());
        for (std::size_t i = 0; i < request.report_data->size(); ++i) {
            auto entry = to_variable((*request.report_data)[i], "/reportData/" + std::to_string(i));
            if (!entry)
                return outcome::failure(std::move(entry).error());
            part.entries.push_back(std::move(entry).value());
        }
    }
    return part;
}

} // namespace

asio::awaitable<CallOutcome> notify_report(HandlerContext context, ocpp::Call call) {
    auto part = read_request<msg::NotifyReportRequest>(call, &to_report_part);
    if (!part)
        co_return violation_error(context.connection, call, part.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, part = std::move(part).value()] {
        core.device_report(id, part);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    ocpp::Json payload = msg::NotifyReportResponse{};
    co_return payload;
}

} // namespace manage::connect::v201
