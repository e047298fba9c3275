#pragma once
// ID tags (OCPP 1.6 IdToken with its IdTagInfo) and how core decides on them.
#include "manage/common/clock.hpp"

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
};

// 1–20 printable ASCII characters (OCPP 1.6 IdToken is CiString20).
bool is_valid_id_tag(const std::string &id_tag);

// The decision for `tag` (nullopt: unknown) at `now`, in this order:
// unknown → Invalid; the tag's own status when not Accepted; expiry passed → Expired; a known parent
// that is Blocked, Expired (by status or date) or Invalid passes that status on; an Accepted tag
// that already has `other_active_sessions` and may not hold several → ConcurrentTx.
// An unknown parent is ignored (the group is informative only).
IdTagInfo decide(const std::optional<IdTag> &tag, const std::optional<IdTag> &parent, TimePoint now,
                 int other_active_sessions);

} // namespace manage::core
