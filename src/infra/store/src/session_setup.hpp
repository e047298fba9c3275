#pragma once
#include "manage/infra/database.hpp"

#include <string>

namespace manage::infra::detail {

// Connects `sql` with SOCI's backend for `dialect`, then prepares it (see prepare_session).
void open_session(soci::session &sql, Dialect dialect, const std::string &connect_string);

// Per-connection settings. SQLite: WAL journal, foreign keys enforced, a 5 s busy timeout.
// PostgreSQL: notices (e.g. "relation already exists, skipping") are not printed on stderr.
void prepare_session(soci::session &sql, Dialect dialect);

} // namespace manage::infra::detail
