#pragma once
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET /healthz (the process answers), GET /readyz (its stores answer), GET /metrics (Prometheus).
// These stay open without authentication, for load balancers and scrapers.
void add_health_routes(infra::http::Router &router, const ApiContext &context);

} // namespace manage::core
