#include "handlers/v16_meter_values.hpp"

#include "manage/common/completion.hpp"
#include "manage/ocpp/v16/messages/MeterValues.hpp"

#include <charconv>
#include <cmath>

namespace manage::connect::v16 {
namespace {

namespace msg = ocpp::v16;

// A Raw value is a decimal number (OCPP 1.6 SampledValue: "Value as a “Raw” (decimal) number").
std::optional<double> decimal(const std::string &text) {
    double number = 0;
    const auto *end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, number);
    if (text.empty() || error != std::errc() || stop != end || !std::isfinite(number))
        return std::nullopt;
    return number;
}

template <class E> std::string text_or(const std::optional<E> &value, std::string fallback) {
    return value ? std::string(msg::to_string(*value)) : std::move(fallback);
}

Checked<MeterSample> to_sample(const msg::SampledValue &sampled, TimePoint timestamp, const std::string &path) {
    MeterSample sample; // carries OCPP's defaults for what is absent
    sample.timestamp = timestamp;
    sample.measurand = text_or(sampled.measurand, sample.measurand);
    sample.phase = text_or(sampled.phase, "");
    sample.unit = text_or(sampled.unit, sample.unit);
    sample.context = text_or(sampled.context, sample.context);
    sample.location = text_or(sampled.location, sample.location);
    sample.format = text_or(sampled.format, sample.format);
    sample.raw_value = sampled.value;
    if (sampled.format.value_or(msg::Format::Raw) == msg::Format::Raw) {
        const auto number = decimal(sampled.value);
        if (!number)
            return refuse(ocpp::RpcError::PropertyConstraintViolation, path + "/value",
                          "'" + sampled.value + "' is not a decimal number, as a Raw value must be");
        sample.value = *number;
    }
    return sample;
}

Checked<MeterReport> to_meter_report(const msg::MeterValuesRequest &request) {
    // Connector 0 is the main energy meter (OCPP 1.6 §4.7); there is no negative connector.
    if (request.connector_id < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/connectorId", "connectorId must be 0 or more");
    if (request.meter_value.empty())
        return refuse(ocpp::RpcError::OccurrenceConstraintViolation, "/meterValue",
                      "meterValue must hold at least one MeterValue");
    MeterReport report;
    report.connector_id = request.connector_id;
    report.transaction_id = request.transaction_id;
    BOOST_OUTCOME_TRY(samples, to_samples(request.meter_value, "/meterValue"));
    report.samples = std::move(samples);
    return report;
}

} // namespace

Checked<std::vector<MeterSample>> to_samples(const std::vector<msg::MeterValue> &meter_values,
                                             const std::string &path) {
    std::vector<MeterSample> samples;
    for (std::size_t i = 0; i < meter_values.size(); ++i) {
        const auto &meter_value = meter_values[i];
        const auto at = path + "/" + std::to_string(i) + "/sampledValue";
        // MeterValue.sampledValue is 1..* in OCPP 1.6; the schema has no minItems.
        if (meter_value.sampled_value.empty())
            return refuse(ocpp::RpcError::OccurrenceConstraintViolation, at,
                          "sampledValue must hold at least one SampledValue");
        for (std::size_t j = 0; j < meter_value.sampled_value.size(); ++j) {
            BOOST_OUTCOME_TRY(sample, to_sample(meter_value.sampled_value[j], meter_value.timestamp.time_point(),
                                                at + "/" + std::to_string(j)));
            samples.push_back(std::move(sample));
        }
    }
    return samples;
}

asio::awaitable<CallOutcome> meter_values(HandlerContext context, ocpp::Call call) {
    auto report = read_request<msg::MeterValuesRequest>(call, &to_meter_report);
    if (!report)
        co_return violation_error(context.connection, call, report.error());
    // No worker hop: core queues the report and calls back once its batch is committed.
    auto store = [&core = context.core, &id = context.connection.charge_point_id,
                  &stored = report.value()](auto handler) {
        core.meter_values(id, std::move(stored), cross_thread_completion<std::exception_ptr>(std::move(handler)));
    };
    co_await asio::async_initiate<decltype(asio::use_awaitable), void(std::exception_ptr)>(std::move(store),
                                                                                           asio::use_awaitable);
    ocpp::Json payload = msg::MeterValuesResponse{};
    co_return payload;
}

} // namespace manage::connect::v16
