#pragma once
#include "manage/core/charger_service.hpp"

#include <nlohmann/json.hpp>

namespace manage::core {

// The API's shape of a charger (documented in docs/api.md and the OpenAPI description).
nlohmann::json charger_to_json(const ChargerView &view);

} // namespace manage::core
