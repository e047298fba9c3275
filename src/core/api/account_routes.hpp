#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// Signing in and out of the web, who am I, the organisation, its users and its API keys.
void add_account_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
