#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET /api/v1/chargers, GET /api/v1/chargers/{id}, POST /api/v1/chargers.
void add_charger_routes(infra::http::Router &router, const ApiContext &context, Authenticator auth);

} // namespace manage::core
