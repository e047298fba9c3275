#pragma once
// OCPP 1.6 Core profile, meter values: MeterValues (OCPP 1.6 §4.7), and the MeterValue list that
// StopTransaction's transactionData carries too.
#include "handlers/handler_context.hpp"
#include "manage/ocpp/v16/types.hpp"

#include <vector>

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> meter_values(HandlerContext context, ocpp::Call call);

// Every sampledValue of every MeterValue, one MeterSample each, with OCPP's defaults filled in and
// nothing converted. `path` is the JSON pointer of the list, for the violation.
Checked<std::vector<MeterSample>> to_samples(const std::vector<ocpp::v16::MeterValue> &meter_values,
                                             const std::string &path);

} // namespace manage::connect::v16
