#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace manage::infra::detail {

// Splits a migration's SQL at each ';' that stands outside quotes ('text', "identifier") and comments
// (-- to the end of the line, /* ... */). Comments become a space; blank statements are left out.
// Not understood (keep them out of migrations): PostgreSQL $$-quoting and SQLite trigger bodies.
std::vector<std::string> split_sql_statements(std::string_view sql);

} // namespace manage::infra::detail
