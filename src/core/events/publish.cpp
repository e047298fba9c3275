#include "events/publish.hpp"

#include "manage/common/ids.hpp"
#include "manage/common/time_format.hpp"
#include "manage/infra/bus.hpp"

namespace manage::core {

void publish_event(infra::Bus &bus, const Clock &clock, std::string_view topic, const nlohmann::json &payload) {
    bus.publish(infra::Message{new_uuid(), std::string(topic), payload.dump(), clock.now()});
}

nlohmann::json json_time(const std::optional<TimePoint> &t) {
    return t ? nlohmann::json(format_time(*t)) : nlohmann::json(nullptr);
}

} // namespace manage::core
