#pragma once
// Publishes a core event: a new id, the topic (one of manage::core::topics), the JSON payload text.
#include "manage/common/clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace manage::infra {
class Bus;
}

namespace manage::core {

void publish_event(infra::Bus &bus, const Clock &clock, std::string_view topic, const nlohmann::json &payload);

// RFC 3339 text, or null.
nlohmann::json json_time(const std::optional<TimePoint> &t);

} // namespace manage::core
