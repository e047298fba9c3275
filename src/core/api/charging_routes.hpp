#pragma once
#include "api/authentication.hpp"
#include "manage/core/api.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

// GET /api/v1/id-tags, GET/PUT/DELETE /api/v1/id-tags/{idTag}.
void add_id_tag_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

// GET/PUT /api/v1/chargers/{id}/local-list, POST /api/v1/chargers/{id}/local-list/sync.
void add_local_list_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

// GET /api/v1/sessions[/{transactionId}[/meter-values]], GET /api/v1/chargers/{id}/meter-values,
// GET /api/v1/orphans.
void add_session_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);
// GET /api/v1/sessions (filters, order, cursor paging) and /api/v1/sessions.csv.
void add_session_list_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

// GET /api/v1/chargers/{id}/jobs, …/security-events, …/certificate-requests, …/data-transfers.
void add_report_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth);

} // namespace manage::core
