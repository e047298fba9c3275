#include "handlers/v201_samples.hpp"

#include <cmath>

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

template <class E> std::string text_or(const std::optional<E> &value, std::string fallback) {
    return value ? std::string(msg::to_string(*value)) : std::move(fallback);
}

Checked<MeterSample> to_sample(const msg::SampledValueType &sampled, TimePoint timestamp, const std::string &path) {
    MeterSample sample; // carries OCPP's defaults for what is absent
    sample.timestamp = timestamp;
    sample.measurand = text_or(sampled.measurand, sample.measurand);
    sample.phase = text_or(sampled.phase, "");
    sample.context = text_or(sampled.context, sample.context);
    sample.location = text_or(sampled.location, sample.location);
    sample.format = sampled.signed_meter_value ? "SignedData" : "Raw";
    int multiplier = 0;
    if (sampled.unit_of_measure) {
        if (sampled.unit_of_measure->unit)
            sample.unit = sampled.unit_of_measure->unit->str();
        multiplier = sampled.unit_of_measure->multiplier.value_or(0);
    }
    // A multiplier beyond ±30 turns any reading into nonsense (or infinity): no meter means that.
    if (multiplier < -30 || multiplier > 30)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, path + "/unitOfMeasure/multiplier",
                      "multiplier must be between -30 and 30");
    sample.value = sampled.value * std::pow(10.0, multiplier);
    sample.raw_value = ocpp::Json(sampled.value).dump();
    if (multiplier != 0)
        sample.raw_value += "e" + std::to_string(multiplier);
    return sample;
}

} // namespace

Checked<std::vector<MeterSample>> to_samples(const std::vector<msg::MeterValueType> &meter_values,
                                             const std::string &path) {
    std::vector<MeterSample> samples;
    for (std::size_t i = 0; i < meter_values.size(); ++i) {
        const auto &meter_value = meter_values[i];
        const auto at = path + "/" + std::to_string(i) + "/sampledValue/";
        for (std::size_t j = 0; j < meter_value.sampled_value.size(); ++j) {
            BOOST_OUTCOME_TRY(sample, to_sample(meter_value.sampled_value[j], meter_value.timestamp.time_point(),
                                                at + std::to_string(j)));
            samples.push_back(std::move(sample));
        }
    }
    return samples;
}

} // namespace manage::connect::v201
