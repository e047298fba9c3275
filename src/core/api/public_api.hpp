#pragma once
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

#include <functional>
#include <string_view>

namespace manage::core {

class Authenticator;

// Adds, under /api/public/v1, the integrators' API: the internal routes of the resources integrators
// work with (chargers and their commands, sessions, ID tags, tariffs, sites, fleets, vehicles,
// vehicle assignments), each answering exactly as its /api/v1 twin, but authenticated by bearer API
// keys only (a session cookie is ignored) and honouring `Idempotency-Key` on POST.
// `add_routes` registers the domain's /api/v1 routes on a router with the authenticator given.
// Whether /api/v1/<rest> is also served as /api/public/v1/<rest>.
bool is_public_api_path(std::string_view rest);

void add_public_api(infra::http::Router &router, const ApiContext &context,
                    const std::function<void(infra::http::Router &, const Authenticator &)> &add_routes);

} // namespace manage::core
