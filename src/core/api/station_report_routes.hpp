#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// What OCPP 2.0.1 stations report of diagnostics and display messages: GET /api/v1/chargers/{id}/
// monitoring-events?from=&to=&limit=, …/monitors?component=&variable=, …/customer-information?requestId=,
// …/display-messages.
void add_station_report_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
