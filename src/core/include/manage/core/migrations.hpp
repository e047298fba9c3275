#pragma once
#include "manage/infra/database.hpp"

#include <vector>

namespace manage::core {

// The schema of core's domain state, in version order. Each runs on SQLite and PostgreSQL alike.
const std::vector<infra::Migration> &migrations();

} // namespace manage::core
