#pragma once
#include "manage/common/result.hpp"

#include <cstdint>

namespace manage::core {

// How a conditional (If-Match) write to a versioned record ended.
enum class WriteStatus {
    Done,
    Missing, // no such record in the organisation
    Stale,   // If-Match named another version; `version` is the current one
    Refused, // a rule checked inside the write failed; `error` says which
    InUse,   // a delete refused because other records still refer to this one
};

struct WriteOutcome {
    WriteStatus status = WriteStatus::Done;
    std::int64_t version = 0; // Done: the new version; Stale: the current one
    Error error;              // Refused
};

} // namespace manage::core
