#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET and PUT /api/v1/chargers/{id}/security: a charger's security profile and password (the
// password is write-only: never returned, never logged).
void add_security_routes(infra::http::Router &router, const ApiContext &context, Authenticator auth);

} // namespace manage::core
