#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET /api/v1/chargers/{id}/variables?component=&variable=: an OCPP 2.0.1 station's device model.
void add_device_model_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
