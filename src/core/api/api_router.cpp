#include "manage/core/api.hpp"

#include "api/authentication.hpp"
#include "api/charger_routes.hpp"
#include "api/health_routes.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

std::shared_ptr<infra::http::Router> make_api_router(const ApiContext &context) {
    auto router = std::make_shared<infra::http::Router>();
    add_health_routes(*router, context);
    add_charger_routes(*router, context, Authenticator(context.api_keys, context.workers));
    return router;
}

} // namespace manage::core
