#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET /api/v1/live (the organisation's live snapshot) and GET /api/v1/stream (its changes as
// server-sent events).
void add_live_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
