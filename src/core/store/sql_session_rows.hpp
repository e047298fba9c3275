#pragma once
// Rows of charging_sessions and meter_values, shared by the session repository's two files.
#include "manage/core/session.hpp"

#include <soci/soci.h>

#include <optional>
#include <vector>

namespace manage::core::sql {

extern const char *const kSessionColumns;
// A charger's organisation in an INSERT's VALUES, bound to the charger id (`:charger_org`).
extern const char *const kChargerOrganisation;
Session session_from_row(const soci::row &row);
std::optional<Session> find_session(soci::session &session, long long transaction_id);

extern const char *const kMeterColumns;
MeterValue meter_value_from_row(const soci::row &row);
// Resent values hit the primary key and are skipped. `orphan` overrides each value's own flag.
void insert_values(soci::session &session, const std::vector<MeterValue> &values, std::optional<bool> orphan);

} // namespace manage::core::sql
