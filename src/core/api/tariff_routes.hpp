#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET /api/v1/tariffs, GET/PUT/DELETE /api/v1/tariffs/{tariffId}, GET/PUT /api/v1/chargers/{id}/tariff,
// GET /api/v1/sessions/{transactionId}/cost.
void add_tariff_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
