#pragma once
// What core's event payloads share.
#include "manage/common/clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace manage::core {

// RFC 3339 text, or null.
nlohmann::json json_time(const std::optional<TimePoint> &t);

} // namespace manage::core
