#pragma once
// Live records as JSON (the API's, the Cache's and the Bus's form) and their Cache keys.
#include "manage/core/live_state.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace manage::core {

// "charger", "connector", "loadGroup" or "site": the SSE event name and the record's kind.
const char *live_kind(const LiveChange &change);
nlohmann::json live_json(const LiveChange &change);
// The record of `kind` in `data`; nullopt when malformed.
std::optional<LiveChange> live_change_from_json(const std::string &kind, const nlohmann::json &data);

// Every live key of the organisation starts with this; ':' and '%' in ids are escaped so that no
// organisation's prefix is another's.
std::string live_prefix(const std::string &organisation);
std::string live_key(const std::string &organisation, const LiveChange &change);
std::string live_sequence_key(const std::string &organisation);
// The kind of a record key under `prefix`; empty for another key (the sequence).
std::string live_kind_of_key(const std::string &prefix, const std::string &key);

} // namespace manage::core
