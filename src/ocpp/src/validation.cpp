#include "manage/ocpp/validation.hpp"

#include "registry.hpp"

#include <algorithm>

namespace manage::ocpp {
namespace {

std::span<const registry::ActionEntry> entries(Version version) {
    return version == Version::v16 ? registry::v16() : registry::v201();
}

const registry::ActionEntry *find(Version version, std::string_view action) {
    const auto table = entries(version);
    const auto it =
        std::lower_bound(table.begin(), table.end(), action,
                         [](const registry::ActionEntry &entry, std::string_view a) { return entry.action < a; });
    return it != table.end() && it->action == action ? &*it : nullptr;
}

std::vector<std::string> names(Version version) {
    std::vector<std::string> out;
    for (const auto &entry : entries(version))
        out.emplace_back(entry.action);
    return out;
}

} // namespace

bool is_known_action(Version version, std::string_view action) {
    return find(version, action) != nullptr;
}

const std::vector<std::string> &known_actions(Version version) {
    static const std::vector<std::string> v16 = names(Version::v16);
    static const std::vector<std::string> v201 = names(Version::v201);
    return version == Version::v16 ? v16 : v201;
}

std::optional<Violation> validate(Version version, std::string_view action, Direction direction, const Json &payload) {
    const auto *entry = find(version, action);
    if (!entry) // precondition broken; answer as OCPP-J does for an action the receiver does not know
        return Violation{RpcError::NotImplemented, "",
                         "action '" + std::string(action) + "' is not defined in OCPP " +
                             std::string(version_label(version))};
    return direction == Direction::Request ? entry->request(payload) : entry->response(payload);
}

} // namespace manage::ocpp
