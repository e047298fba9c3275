#include "manage/core/session.hpp"

#include <array>
#include <utility>

namespace manage::core {

namespace {

constexpr std::array<std::pair<VehicleLink, std::string_view>, 4> kNames{{
    {VehicleLink::None, ""},
    {VehicleLink::Token, "token"},
    {VehicleLink::Schedule, "schedule"},
    {VehicleLink::Manual, "manual"},
}};

} // namespace

std::string_view to_string(VehicleLink link) {
    for (const auto &[value, name] : kNames)
        if (value == link)
            return name;
    return "";
}

std::optional<VehicleLink> parse_vehicle_link(std::string_view text) {
    for (const auto &[value, name] : kNames)
        if (name == text)
            return value;
    return std::nullopt;
}

} // namespace manage::core
