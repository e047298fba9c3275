#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET/PUT /api/v1/sites/{siteId}/tariff; GET /api/v1/sites/{siteId}/bill?month=YYYY-MM.
void add_site_billing_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
