#include "api/live_routes.hpp"

#include "api/route_support.hpp"
#include "live/live_stream.hpp"
#include "manage/common/blocking.hpp"
#include "manage/core/live_hub.hpp"

namespace manage::core {

using infra::http::Request;
using infra::http::Response;

namespace {

asio::awaitable<Response> get_live(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    auto work = [&context, &principal] { return context.live->read_snapshot(principal.organisation_id); };
    auto snapshot = co_await run_blocking(context.workers, std::move(work));
    Response response;
    response.body = std::move(snapshot.json);
    co_return response;
}

// The snapshot goes first whether or not the client sent Last-Event-ID: changes are not kept for
// replay, and a snapshot is all a reconnecting client needs to be up to date again.
asio::awaitable<Response> open_stream(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {}); !checked)
        co_return unprocessable(checked.error());
    // Registered before the snapshot is read, so that no change falls between the two.
    auto stream = context.live->open_stream(principal.organisation_id);
    struct CloseUnlessServed {
        std::shared_ptr<LiveStream> stream;
        bool served = false;
        ~CloseUnlessServed() {
            if (!served)
                stream->close();
        }
    } guard{stream};
    auto work = [&context, &principal] { return context.live->read_snapshot(principal.organisation_id); };
    auto snapshot = co_await run_blocking(context.workers, std::move(work));
    stream->begin("retry: 3000\n" + sse_event("snapshot", snapshot.sequence, snapshot.json), snapshot.sequence);
    Response response;
    response.content_type = "text/event-stream";
    response.headers["X-Accel-Buffering"] = "no"; // nginx would otherwise hold events back
    response.stream = stream;
    guard.served = true;
    co_return response;
}

} // namespace

void add_live_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/live", auth.require(bind_route(context, get_live)));
    router.add("GET", "/api/v1/stream", auth.require(bind_route(context, open_stream)));
}

} // namespace manage::core
