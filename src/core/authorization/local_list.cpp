#include "manage/core/local_list.hpp"

#include <map>

namespace manage::core {

std::string to_string(UpdateType type) {
    return type == UpdateType::Full ? "Full" : "Differential";
}

std::optional<UpdateType> update_type_from_string(const std::string &text) {
    if (text == "Full")
        return UpdateType::Full;
    if (text == "Differential")
        return UpdateType::Differential;
    return std::nullopt;
}

LocalListUpdate build_local_list_update(const LocalListState &state, UpdateType type) {
    LocalListUpdate update{type, state.version + 1, {}};
    if (type == UpdateType::Full) {
        update.entries = state.desired;
        return update;
    }
    std::map<std::string, const LocalListEntry *> held;
    for (const auto &entry : state.held)
        held[entry.id_tag] = &entry;
    std::map<std::string, LocalListEntry> changes;
    for (const auto &entry : state.desired) {
        const auto it = held.find(entry.id_tag);
        if (it == held.end() || it->second->info != entry.info)
            changes[entry.id_tag] = entry;
        if (it != held.end())
            held.erase(it);
    }
    for (const auto &[id_tag, entry] : held)
        changes[id_tag] = LocalListEntry{id_tag, std::nullopt};
    for (auto &[id_tag, entry] : changes)
        update.entries.push_back(std::move(entry));
    return update;
}

std::vector<LocalListEntry> apply_local_list_update(const std::vector<LocalListEntry> &held,
                                                    const LocalListUpdate &update) {
    std::map<std::string, LocalListEntry> list;
    if (update.type == UpdateType::Differential)
        for (const auto &entry : held)
            list[entry.id_tag] = entry;
    for (const auto &entry : update.entries) {
        if (entry.info)
            list[entry.id_tag] = entry;
        else
            list.erase(entry.id_tag);
    }
    std::vector<LocalListEntry> result;
    for (auto &[id_tag, entry] : list)
        result.push_back(std::move(entry));
    return result;
}

} // namespace manage::core
