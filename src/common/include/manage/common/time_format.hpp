#pragma once
#include "manage/common/clock.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace manage {

// RFC 3339 / ISO 8601 in UTC with milliseconds, e.g. 2026-11-26T19:27:29.123Z.
std::string format_time(TimePoint t);

// Accepts RFC 3339 date-times with an optional fraction and a Z or ±hh:mm offset.
std::optional<TimePoint> parse_time(std::string_view text);

} // namespace manage
