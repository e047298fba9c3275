#include "manage/core/local_list.hpp"

#include "manage/common/time_format.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace manage::core {
namespace {

bool is_ocpp201(const std::string &ocpp_version) {
    return ocpp_version == "2.0.1";
}

nlohmann::json ocpp16_entry(const LocalListEntry &entry) {
    nlohmann::json json{{"idTag", entry.id_tag}};
    if (entry.info) {
        nlohmann::json info{{"status", to_string(entry.info->status)}};
        if (entry.info->expiry)
            info["expiryDate"] = format_time(*entry.info->expiry);
        if (!entry.info->parent_id_tag.empty())
            info["parentIdTag"] = entry.info->parent_id_tag;
        json["idTagInfo"] = std::move(info);
    }
    return json;
}

// Groups are the platform's own: their tokens go out as Central.
nlohmann::json ocpp201_entry(const LocalListEntry &entry) {
    nlohmann::json json{{"idToken", {{"idToken", entry.id_tag}, {"type", entry.type}}}};
    if (entry.info) {
        nlohmann::json info{{"status", to_string(entry.info->status)}};
        if (entry.info->expiry)
            info["cacheExpiryDateTime"] = format_time(*entry.info->expiry);
        if (!entry.info->parent_id_tag.empty())
            info["groupIdToken"] = {{"idToken", entry.info->parent_id_tag}, {"type", "Central"}};
        json["idTokenInfo"] = std::move(info);
    }
    return json;
}

} // namespace

LocalListForVersion local_list_for_version(const std::vector<LocalListEntry> &entries,
                                           const std::string &ocpp_version) {
    LocalListForVersion result;
    for (const auto &entry : entries) {
        if (is_ocpp201(ocpp_version)) {
            result.entries.push_back(entry);
            continue;
        }
        if (!fits_ocpp16(entry.id_tag)) {
            result.left_out.push_back(entry.id_tag);
            continue;
        }
        auto kept = entry;
        if (kept.info && !fits_ocpp16(kept.info->parent_id_tag))
            kept.info->parent_id_tag.clear();
        result.entries.push_back(std::move(kept));
    }
    return result;
}

nlohmann::json send_local_list_payload(const LocalListUpdate &update, const std::string &ocpp_version) {
    const bool v201 = is_ocpp201(ocpp_version);
    auto entries = nlohmann::json::array();
    for (const auto &entry : update.entries)
        entries.push_back(v201 ? ocpp201_entry(entry) : ocpp16_entry(entry));
    nlohmann::json payload{{v201 ? "versionNumber" : "listVersion", update.version},
                           {"updateType", to_string(update.type)}};
    // 2.0.1 wants at least one item when the list is present: an empty Full update omits it.
    if (!v201 || !entries.empty())
        payload["localAuthorizationList"] = std::move(entries);
    return payload;
}

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
        changes[id_tag] = LocalListEntry{id_tag, std::nullopt, entry->type}; // a station matches on token and type
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
