#pragma once
// The Store port of the device model. Embedded and production: SqlDeviceModelRepository.
#include "manage/core/device_model_types.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace manage::core {

class DeviceModelRepository {
public:
    virtual ~DeviceModelRepository() = default;

    // In one transaction: keeps `part` of report (charger, part.request_id) unless that seqNo is kept
    // already (Duplicate); then, when the report's unapplied parts are complete
    // (complete_report_length), writes every entry, in seqNo order, into the device model and marks
    // the parts applied (their entries are dropped; the marks make a resent part a Duplicate).
    virtual ReportPartOutcome add_report_part(const std::string &charger_id, const DeviceReportPart &part,
                                              TimePoint received_at) = 0;
    // Forgets every part of report (charger, request_id), applied or not: a new report will use the id.
    virtual void forget_report(const std::string &charger_id, int request_id) = 0;
    // Drops the parts (of any charger) received before `cutoff`; returns how many.
    virtual std::size_t drop_report_parts(TimePoint cutoff) = 0;

    // Sets each value on its attribute, adding the variable and the attribute when unknown.
    virtual void save_attribute_values(const std::string &charger_id, const std::vector<AttributeValue> &values,
                                       TimePoint at) = 0;
    // Ordered by component and variable (ignoring case), attributes Actual, Target, MinSet, MaxSet.
    virtual std::vector<DeviceVariable> variables(const std::string &charger_id,
                                                  const DeviceVariableFilter &filter) = 0;
};

} // namespace manage::core
