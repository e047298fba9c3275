#include "manage/core/api.hpp"

#include "api/account_routes.hpp"
#include "api/authentication.hpp"
#include "api/charger_routes.hpp"
#include "api/charging_routes.hpp"
#include "api/command_routes.hpp"
#include "api/device_model_routes.hpp"
#include "api/fleet_routes.hpp"
#include "api/health_routes.hpp"
#include "api/live_routes.hpp"
#include "api/public_api.hpp"
#include "api/security_routes.hpp"
#include "api/session_vehicle_routes.hpp"
#include "api/site_billing_routes.hpp"
#include "api/site_routes.hpp"
#include "api/station_report_routes.hpp"
#include "api/tariff_routes.hpp"
#include "manage/core/openapi.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

namespace {

// Every route of the charging domain, guarded by `auth`: served under /api/v1 for the web and
// integrators, and (a selection of them) under /api/public/v1.
void add_domain_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    add_charger_routes(router, context, auth);
    if (context.authorization) {
        add_id_tag_routes(router, context, auth);
        add_local_list_routes(router, context, auth);
    }
    if (context.transactions) {
        add_session_routes(router, context, auth);
        add_session_list_routes(router, context, auth);
    }
    if (context.reports)
        add_report_routes(router, context, auth);
    if (context.commands)
        add_command_routes(router, context, auth);
    if (context.message_log)
        add_message_routes(router, context, auth);
    if (context.credentials)
        add_security_routes(router, context, auth);
    if (context.device_model)
        add_device_model_routes(router, context, auth);
    if (context.station_reports)
        add_station_report_routes(router, context, auth);
    if (context.tariffs)
        add_tariff_routes(router, context, auth);
    if (context.sites)
        add_site_routes(router, context, auth);
    if (context.fleets)
        add_fleet_routes(router, context, auth);
    if (context.session_vehicles)
        add_session_vehicle_routes(router, context, auth);
    if (context.site_billing && context.sites && context.tariffs)
        add_site_billing_routes(router, context, auth);
    if (context.live)
        add_live_routes(router, context, auth);
}

} // namespace

std::shared_ptr<infra::http::Router> make_api_router(const ApiContext &context) {
    auto router = std::make_shared<infra::http::Router>();
    add_health_routes(*router, context);
    add_openapi_route(*router);
    const Authenticator auth(AuthenticatorParts{context.api_keys, &context.users, context.database, context.workers});
    add_account_routes(*router, context, auth);
    add_domain_routes(*router, context, auth);
    add_public_api(*router, context, [&context](infra::http::Router &internal, const Authenticator &bearer_only) {
        add_domain_routes(internal, context, bearer_only);
    });
    return router;
}

} // namespace manage::core
