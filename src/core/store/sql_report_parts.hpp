#pragma once
// The parts of the multi-part reports of OCPP 2.0.1 stations (NotifyMonitoringReport,
// NotifyCustomerInformation, NotifyDisplayMessages), kept in station_report_parts until their report is
// complete, and after (a resent part is then known).
#include "manage/core/station_report_types.hpp"
#include "store/sql_support.hpp"

#include <optional>
#include <string>
#include <vector>

namespace manage::core::sql {

// A part as kept.
struct KeptContent {
    int seq_no = 0;
    std::optional<long long> generated_at;
    std::string content;
};

// What keeping one part came to.
struct Assembly {
    PartVerdict verdict = PartVerdict::Kept;
    // Set when the part completed its report: the report's parts in seqNo order, now marked applied.
    std::optional<std::vector<KeptContent>> completed;
};

// The identity and content of one part; `seq_no` unset for a message that has none (NotifyDisplayMessages).
struct NewPart {
    const std::string &charger_id;
    std::string kind;
    int request_id = 0;
    std::optional<int> seq_no;
    bool tbc = false;
    std::optional<TimePoint> generated_at;
    std::string content;
    TimePoint received_at{};
};

// Keeps `part` in station_report_parts and tells whether it completes its report (inside the caller's
// transaction). A part with a seqNo completes the report when the request's parts not yet applied are
// complete (complete_report_length); a part without one completes it when its tbc is false, with every
// part of the request not yet applied, in the order they came.
Assembly keep_part(soci::session &session, const NewPart &part);

} // namespace manage::core::sql
