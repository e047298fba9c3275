#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// POST /api/v1/chargers/{id}/commands/{action}, GET /api/v1/chargers/{id}/commands,
// GET /api/v1/chargers/{id}/configuration, …/charging-profiles, …/reservations.
void add_command_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

// GET /api/v1/chargers/{id}/messages: the OCPP message log.
void add_message_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
