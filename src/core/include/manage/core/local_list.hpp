#pragma once
// A charger's local authorization list (OCPP 1.6 and 2.0.1 SendLocalList): the list operators want it to
// hold, what it holds as of the version it last accepted, and the update that takes it from one to the other.
#include "manage/core/id_tag.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// One entry; without info in a differential update it removes the tag from the charger's list.
struct LocalListEntry {
    std::string id_tag;
    std::optional<IdTagInfo> info;
    std::string type = "ISO14443"; // OCPP 2.0.1 IdTokenEnumType of id_tag
    bool operator==(const LocalListEntry &) const = default;
};

enum class UpdateType { Full, Differential };
std::string to_string(UpdateType type);
std::optional<UpdateType> update_type_from_string(const std::string &text);

struct LocalListState {
    std::string charger_id;
    int version = 0;                     // the version the charger last accepted; 0: never sent
    std::vector<LocalListEntry> desired; // what it should hold, ordered by tag
    std::vector<LocalListEntry> held;    // what it holds as of `version`, ordered by tag
    std::optional<TimePoint> desired_updated_at;
    std::optional<TimePoint> last_sync_at;
    std::string last_sync_status; // the charger's answer (Accepted, Failed, NotSupported, VersionMismatch) or why
                                  // it could not be asked; empty before the first sync
    std::string last_update_type;
};

struct LocalListUpdate {
    UpdateType type = UpdateType::Full;
    int version = 1; // the listVersion sent
    std::vector<LocalListEntry> entries;
};

// Full: every desired entry. Differential: entries added or changed since `held`, with their info,
// and removed ones without. Both carry version + 1.
LocalListUpdate build_local_list_update(const LocalListState &state, UpdateType type);

// What a charger speaking `ocpp_version` can hold of `entries`. OCPP 1.6 takes tags of up to 20
// characters: longer tags are left out (their names go to `left_out`), and a longer parent is dropped
// from an entry that stays. Other versions take every entry.
struct LocalListForVersion {
    std::vector<LocalListEntry> entries;
    std::vector<std::string> left_out;
};
LocalListForVersion local_list_for_version(const std::vector<LocalListEntry> &entries, const std::string &ocpp_version);

// The SendLocalList request carrying `update`, in the shape of `ocpp_version` ("2.0.1": versionNumber and
// AuthorizationData with idToken/idTokenInfo, the parent as a Central groupIdToken; anything else: OCPP 1.6's
// listVersion and idTag/idTagInfo).
nlohmann::json send_local_list_payload(const LocalListUpdate &update, const std::string &ocpp_version);

// The list held once the charger accepted `update` on top of `held`.
std::vector<LocalListEntry> apply_local_list_update(const std::vector<LocalListEntry> &held,
                                                    const LocalListUpdate &update);

} // namespace manage::core
