#pragma once
// OCPP 2.0.1 meter values (MeterValues, TransactionEvent) in core's terms.
#include "handlers/handler_context.hpp"
#include "manage/ocpp/v201/types.hpp"

#include <string>
#include <vector>

namespace manage::connect::v201 {

// Every sampledValue of every meterValue, OCPP's defaults filled in (measurand
// Energy.Active.Import.Register, context Sample.Periodic, location Outlet, unit Wh) and the
// unitOfMeasure multiplier applied (value × 10^multiplier). `path` is the meterValue array's pointer.
Checked<std::vector<MeterSample>> to_samples(const std::vector<ocpp::v201::MeterValueType> &meter_values,
                                             const std::string &path);

} // namespace manage::connect::v201
