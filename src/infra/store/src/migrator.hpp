#pragma once
#include "manage/infra/database.hpp"

namespace manage::infra::detail {

// Applies, in version order and each in its own transaction, the migrations newer than the schema's
// version, recording each in schema_migrations(version, name, applied_at). Refuses a database whose
// version is newer than the newest migration given. Returns how many it applied.
Result<int> apply_migrations(Database &database, const std::vector<Migration> &migrations);

// The highest version in schema_migrations (0 for a fresh database); throws when the database fails.
int read_schema_version(Database &database);

} // namespace manage::infra::detail
