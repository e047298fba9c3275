#include "manage/core/id_tag.hpp"

namespace manage::core {

std::string to_string(IdTagStatus status) {
    switch (status) {
    case IdTagStatus::Accepted:
        return "Accepted";
    case IdTagStatus::Blocked:
        return "Blocked";
    case IdTagStatus::Expired:
        return "Expired";
    case IdTagStatus::Invalid:
        return "Invalid";
    case IdTagStatus::ConcurrentTx:
        return "ConcurrentTx";
    }
    return "Invalid";
}

std::optional<IdTagStatus> id_tag_status_from_string(const std::string &text) {
    for (auto status : {IdTagStatus::Accepted, IdTagStatus::Blocked, IdTagStatus::Expired, IdTagStatus::Invalid,
                        IdTagStatus::ConcurrentTx})
        if (to_string(status) == text)
            return status;
    return std::nullopt;
}

bool is_valid_id_tag(const std::string &id_tag) {
    if (id_tag.empty() || id_tag.size() > kMaxIdTagLength)
        return false;
    for (const char c : id_tag)
        if (c < 0x21 || c > 0x7e)
            return false;
    return true;
}

bool fits_ocpp16(const std::string &id_tag) {
    return id_tag.size() <= kMaxOcpp16IdTagLength;
}

bool is_id_token_type(const std::string &type) {
    for (const char *known :
         {"Central", "eMAID", "ISO14443", "ISO15693", "KeyCode", "Local", "MacAddress", "NoAuthorization"})
        if (type == known)
            return true;
    return false;
}

namespace {

// The tag's own standing: its status, then its expiry.
IdTagStatus standing(const IdTag &tag, TimePoint now) {
    if (tag.status != IdTagStatus::Accepted)
        return tag.status;
    if (tag.expiry && *tag.expiry <= now)
        return IdTagStatus::Expired;
    return IdTagStatus::Accepted;
}

} // namespace

IdTagInfo decide(const std::optional<IdTag> &tag, const std::optional<IdTag> &parent, TimePoint now,
                 int other_active_sessions) {
    if (!tag)
        return IdTagInfo{IdTagStatus::Invalid, std::nullopt, "", true};
    IdTagInfo info{standing(*tag, now), tag->expiry, tag->parent_id_tag};
    if (info.status == IdTagStatus::Accepted && parent)
        info.status = standing(*parent, now);
    if (info.status == IdTagStatus::Accepted && other_active_sessions > 0 && !tag->allow_concurrent_tx)
        info.status = IdTagStatus::ConcurrentTx;
    return info;
}

} // namespace manage::core
