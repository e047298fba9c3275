#include "api/command_routes.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/message_log.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

// The message's payload from its frame: a CALL's [2, id, action, payload], a CALLRESULT's [3, id, payload],
// a CALLERROR's [4, id, code, description, details] as an object.
Json payload_of(const Json &frame) {
    if (!frame.is_array() || frame.empty() || !frame[0].is_number_integer())
        return nullptr;
    const auto type = frame[0].get<int>();
    if (type == 2 && frame.size() >= 4)
        return frame[3];
    if (type == 3 && frame.size() >= 3)
        return frame[2];
    if (type == 4 && frame.size() >= 4)
        return {{"errorCode", frame[2]},
                {"errorDescription", frame[3]},
                {"errorDetails", frame.size() >= 5 ? frame[4] : Json::object()}};
    return nullptr;
}

Json message_to_json(const LoggedMessage &m) {
    auto frame = Json::parse(m.frame, nullptr, false);
    const bool readable = !frame.is_discarded();
    return {{"time", format_time(m.time)},
            {"chargerId", m.charger_id},
            {"direction", to_string(m.direction)},
            {"type", to_string(m.type)},
            {"messageId", m.message_id},
            {"action", m.action},
            {"payload", readable ? payload_of(frame) : Json(nullptr)},
            {"frame", readable ? frame : Json(m.frame)},
            {"responseTimeMs",
             m.response_time ? Json(static_cast<double>(m.response_time->count()) / 1000.0) : Json(nullptr)}};
}

asio::awaitable<Response> list_messages(const ApiContext &context, Request request) {
    const auto id = request.params.at("id");
    if (auto checked = only_parameters(request, {"from", "to", "action", "limit", "cursor", "order"}); !checked)
        co_return unprocessable(checked.error());
    MessageQuery query;
    query.charger_id = id;
    const auto from = time_parameter(request, "from");
    if (!from)
        co_return unprocessable(from.error());
    query.from = from.value();
    const auto to = time_parameter(request, "to");
    if (!to)
        co_return unprocessable(to.error());
    query.to = to.value();
    const auto limit = integer_parameter(request, "limit", 1, 1000);
    if (!limit)
        co_return unprocessable(limit.error());
    query.limit = static_cast<std::size_t>(limit.value().value_or(100));
    const auto order = choice_parameter(request, "order", {"asc", "desc"});
    if (!order)
        co_return unprocessable(order.error());
    query.newest_first = order.value().value_or("asc") == "desc";
    if (const auto it = request.query.find("action"); it != request.query.end())
        query.action = it->second;
    if (const auto it = request.query.find("cursor"); it != request.query.end())
        query.cursor = it->second;

    auto work = [&]() -> std::optional<Result<MessagePage>> {
        if (!context.chargers.find(id))
            return std::nullopt;
        return context.message_log->query(query);
    };
    const auto page = co_await run_blocking(context.workers, std::move(work));
    if (!page)
        co_return charger_not_found(id);
    if (!*page)
        co_return unprocessable(page->error());
    auto items = Json::array();
    for (const auto &message : page->value().items)
        items.push_back(message_to_json(message));
    const auto &cursor = page->value().next_cursor;
    co_return json_response(200, {{"items", items}, {"nextCursor", cursor.empty() ? Json(nullptr) : Json(cursor)}});
}

} // namespace

void add_message_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/chargers/{id}/messages", auth.require(bind_route(context, list_messages)));
}

} // namespace manage::core
