#include "events/publish.hpp"

#include "manage/common/time_format.hpp"

namespace manage::core {

nlohmann::json json_time(const std::optional<TimePoint> &t) {
    return t ? nlohmann::json(format_time(*t)) : nlohmann::json(nullptr);
}

} // namespace manage::core
