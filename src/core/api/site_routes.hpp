#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET/POST /api/v1/sites, GET/PATCH/DELETE /api/v1/sites/{siteId}, GET /api/v1/sites/{siteId}/tree,
// GET/POST /api/v1/sites/{siteId}/load-groups, GET/PATCH/DELETE …/load-groups/{loadGroupId},
// PATCH /api/v1/chargers/{id}, PUT /api/v1/chargers/{id}/connectors/{evseId}/{connectorId}.
void add_site_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
