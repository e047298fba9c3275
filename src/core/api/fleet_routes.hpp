#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET/POST /api/v1/fleets, GET/PATCH/DELETE /api/v1/fleets/{fleetId}; the same for /api/v1/vehicles
// (GET takes ?fleetId=) and /api/v1/vehicles/{vehicleId}/departures; GET
// /api/v1/vehicles/{vehicleId}/next-departures?from=&to=.
void add_fleet_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
