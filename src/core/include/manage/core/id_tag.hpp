#pragma once
// ID tags (OCPP 1.6 IdToken with its IdTagInfo, OCPP 2.0.1 IdToken with its IdTokenInfo) and how core
// decides on them. One tag serves both versions: its value is matched whatever type a station reports.
#include "manage/common/clock.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace manage::core {

// OCPP 1.6 AuthorizationStatus.
enum class IdTagStatus { Accepted, Blocked, Expired, Invalid, ConcurrentTx };
std::string to_string(IdTagStatus status);
std::optional<IdTagStatus> id_tag_status_from_string(const std::string &text);

// What a charger is told about a tag.
struct IdTagInfo {
    IdTagStatus status = IdTagStatus::Invalid;
    std::optional<TimePoint> expiry;
    std::string parent_id_tag; // empty: none
    // Not known to the platform at all (status Invalid): OCPP 1.6 answers Invalid, 2.0.1 Unknown.
    bool unknown = false;
    bool operator==(const IdTagInfo &) const = default;
};

// A tag known to the platform.
struct IdTag {
    std::string id_tag;
    IdTagStatus status = IdTagStatus::Accepted; // Accepted, Blocked, Expired or Invalid
    std::optional<TimePoint> expiry;
    std::string parent_id_tag;
    bool allow_concurrent_tx = false; // may the tag hold several active sessions at once
    TimePoint created_at{};
    TimePoint updated_at{};
    std::string type = "ISO14443"; // OCPP 2.0.1 IdTokenEnumType, sent with the tag in 2.0.1 local lists
    std::string organisation_id = "default";
};

inline constexpr std::size_t kMaxIdTagLength = 36;       // OCPP 2.0.1 IdTokenType.idToken
inline constexpr std::size_t kMaxOcpp16IdTagLength = 20; // OCPP 1.6 IdToken (CiString20)

// 1–36 printable ASCII characters.
bool is_valid_id_tag(const std::string &id_tag);
// Short enough for an OCPP 1.6 charger; longer tags are left out of 1.6 local lists.
bool fits_ocpp16(const std::string &id_tag);
// One of OCPP 2.0.1's IdTokenEnumType: Central, eMAID, ISO14443, ISO15693, KeyCode, Local, MacAddress,
// NoAuthorization.
bool is_id_token_type(const std::string &type);

// The decision for `tag` (nullopt: unknown) at `now`, in this order:
// unknown → Invalid; the tag's own status when not Accepted; expiry passed → Expired; a known parent
// that is Blocked, Expired (by status or date) or Invalid passes that status on; an Accepted tag
// that already has `other_active_sessions` and may not hold several → ConcurrentTx.
// An unknown parent is ignored (the group is informative only).
IdTagInfo decide(const std::optional<IdTag> &tag, const std::optional<IdTag> &parent, TimePoint now,
                 int other_active_sessions);

} // namespace manage::core
