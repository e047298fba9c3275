#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// PUT /api/v1/sessions/{transactionId}/vehicle; GET/POST /api/v1/vehicle-assignments (GET takes
// ?vehicleId=&chargerId=&current=&limit=), DELETE /api/v1/vehicle-assignments/{assignmentId}.
void add_session_vehicle_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
