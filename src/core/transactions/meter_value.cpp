#include "manage/core/session.hpp"

#include <array>
#include <utility>

namespace manage::core {
namespace {

// OCPP 1.6 UnitOfMeasure values with a kilo prefix, and the misspelt Celcius.
struct Conversion {
    const char *from;
    const char *to;
    double factor;
};
constexpr std::array kConversions{
    Conversion{"kWh", "Wh", 1000.0},   Conversion{"kW", "W", 1000.0},   Conversion{"kvarh", "varh", 1000.0},
    Conversion{"kvar", "var", 1000.0}, Conversion{"kVA", "VA", 1000.0}, Conversion{"Celcius", "Celsius", 1.0},
};

} // namespace

MeterValue normalise(const std::string &charger_id, int connector_id, std::optional<std::int64_t> transaction_id,
                     const MeterSample &sample, TimePoint received_at) {
    MeterValue v;
    v.charger_id = charger_id;
    v.connector_id = connector_id;
    v.transaction_id = transaction_id;
    v.timestamp = sample.timestamp;
    v.measurand = sample.measurand;
    v.phase = sample.phase;
    v.location = sample.location;
    v.context = sample.context;
    v.format = sample.format;
    v.raw_value = sample.raw_value;
    v.raw_unit = sample.unit;
    v.unit = sample.unit;
    v.received_at = received_at;
    if (sample.format == "SignedData")
        return v;
    v.value = sample.value;
    for (const auto &conversion : kConversions) {
        if (sample.unit == conversion.from) {
            v.unit = conversion.to;
            v.value = sample.value * conversion.factor;
        }
    }
    return v;
}

} // namespace manage::core
