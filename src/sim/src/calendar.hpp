#pragma once
// Calendar arithmetic in UTC for monthly demand charges.
#include "manage/common/clock.hpp"

namespace manage::sim {

// year * 12 + month (1..12) of a UTC instant: the key of its billing month.
int month_key(TimePoint t);

} // namespace manage::sim
