#include "api/health_routes.hpp"

#include "manage/common/blocking.hpp"
#include "manage/infra/bus.hpp"
#include "manage/infra/cache.hpp"
#include "manage/infra/database.hpp"
#include "manage/infra/metrics.hpp"

namespace manage::core {

void add_health_routes(infra::http::Router &router, const ApiContext &context) {
    using infra::http::Request;
    using infra::http::Response;
    router.add("GET", "/healthz", infra::http::sync_handler([](Request &) {
                   return infra::http::json_response(200, {{"status", "ok"}});
               }));

    router.add("GET", "/readyz", [context](Request &) -> asio::awaitable<Response> {
        auto work = [context] {
            return infra::http::Json{
                {"store", context.database.ping()}, {"cache", context.cache.ping()}, {"bus", context.bus.ping()}};
        };
        const auto checks = co_await run_blocking(context.workers, std::move(work));
        bool ready = true;
        for (const auto &[name, up] : checks.items())
            ready = ready && up.get<bool>();
        co_return infra::http::json_response(ready ? 200 : 503,
                                             {{"status", ready ? "ready" : "not_ready"}, {"checks", checks}});
    });

    router.add("GET", "/metrics", infra::http::metrics_handler(context.metrics));
}

} // namespace manage::core
