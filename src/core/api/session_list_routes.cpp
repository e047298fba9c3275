// The session list for people and integrators: filters, an order, keyset (cursor) paging, and the
// same selection as CSV for spreadsheets and accounting.
#include "api/charging_json.hpp"
#include "api/charging_routes.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/charger.hpp"
#include "manage/core/transactions.hpp"

#include <sstream>

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

constexpr int kExportPage = 1000;
constexpr std::size_t kMaxExportRows = 1'000'000;

struct SortName {
    const char *name;
    SessionOrder order;
};
constexpr SortName kSorts[] = {{"-startedAt", SessionOrder::StartedDescending},
                               {"startedAt", SessionOrder::StartedAscending},
                               {"-energyWh", SessionOrder::EnergyDescending},
                               {"energyWh", SessionOrder::EnergyAscending}};

const char *sort_name(SessionOrder order) {
    for (const auto &sort : kSorts)
        if (sort.order == order)
            return sort.name;
    return "-startedAt";
}

// A cursor is opaque to clients: the hex of "<sort>:<value>:<transaction id>". It names its sort, so
// a cursor used with another sort is refused rather than silently skipping sessions.
std::string encode_cursor(SessionOrder order, const SessionCursor &cursor) {
    const auto text = std::string(sort_name(order)) + ":" + std::to_string(cursor.value) + ":" +
                      std::to_string(cursor.transaction_id);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : text) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0F]);
    }
    return out;
}

Result<SessionCursor> decode_cursor(const std::string &hex, SessionOrder order) {
    const auto invalid = [] {
        return fail("invalid_cursor", "'cursor' must be the nextCursor of an earlier page with the same sort",
                    "cursor");
    };
    if (hex.empty() || hex.size() % 2 != 0 || hex.size() > 200)
        return invalid();
    std::string text;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const auto digit = [](char c) -> int {
            if (c >= '0' && c <= '9')
                return c - '0';
            if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
            return -1;
        };
        const int high = digit(hex[i]), low = digit(hex[i + 1]);
        if (high < 0 || low < 0)
            return invalid();
        text.push_back(static_cast<char>(high * 16 + low));
    }
    const auto first = text.find(':');
    const auto second = text.find(':', first == std::string::npos ? 0 : first + 1);
    if (first == std::string::npos || second == std::string::npos || text.substr(0, first) != sort_name(order))
        return invalid();
    const auto value = parse_integer(text.substr(first + 1, second - first - 1), 0, INT64_MAX);
    const auto negative = text.substr(first + 1, second - first - 1) == "-1";
    const auto id = parse_integer(text.substr(second + 1), 1, INT64_MAX);
    if ((!value && !negative) || !id)
        return invalid();
    return SessionCursor{negative ? -1 : *value, *id};
}

// The filters and order both routes take.
Result<SessionQuery> query_from(const Request &request, const Principal &principal) {
    SessionQuery query;
    query.organisation_id = principal.organisation_id;
    BOOST_OUTCOME_TRY(status, choice_parameter(request, "status", {"active", "stopped"}));
    if (status)
        query.active = *status == "active";
    if (const auto charger = request.query.find("chargerId"); charger != request.query.end()) {
        if (!is_valid_charger_id(charger->second))
            return fail("invalid_parameter", "'chargerId' is 1 to 48 printable ASCII characters without '/'",
                        "chargerId");
        query.charger_id = charger->second;
    }
    if (const auto tag = request.query.find("idTag"); tag != request.query.end()) {
        if (tag->second.empty() || tag->second.size() > kMaxIdTagLength)
            return fail("invalid_parameter", "'idTag' is 1 to 36 characters", "idTag");
        query.id_tag = tag->second;
    }
    if (const auto vehicle = request.query.find("vehicleId"); vehicle != request.query.end()) {
        if (vehicle->second.empty() || vehicle->second.size() > 64)
            return fail("invalid_parameter", "'vehicleId' is 1 to 64 characters", "vehicleId");
        query.vehicle_id = vehicle->second;
    }
    BOOST_OUTCOME_TRY(from, time_parameter(request, "from"));
    BOOST_OUTCOME_TRY(to, time_parameter(request, "to"));
    if (from && to && *to <= *from)
        return fail("invalid_parameter", "'to' must be after 'from'", "to");
    query.started_from = from;
    query.started_to = to;
    BOOST_OUTCOME_TRY(sort, choice_parameter(request, "sort", {"-startedAt", "startedAt", "-energyWh", "energyWh"}));
    for (const auto &known : kSorts)
        if (sort && *sort == known.name)
            query.order = known.order;
    return query;
}

Result<SessionQuery> page_query_from(const Request &request, const Principal &principal) {
    BOOST_OUTCOME_TRY(only_parameters(
        request, {"chargerId", "status", "idTag", "vehicleId", "from", "to", "sort", "limit", "cursor"}));
    BOOST_OUTCOME_TRY(query, query_from(request, principal));
    BOOST_OUTCOME_TRY(limit, integer_parameter(request, "limit", 1, 1000));
    query.limit = static_cast<int>(limit.value_or(100));
    if (const auto cursor = request.query.find("cursor"); cursor != request.query.end()) {
        BOOST_OUTCOME_TRY(after, decode_cursor(cursor->second, query.order));
        query.after = after;
    }
    return query;
}

asio::awaitable<Response> list_sessions(const ApiContext &context, Request request, Principal principal) {
    const auto query = page_query_from(request, principal);
    if (!query)
        co_return unprocessable(query.error());
    auto work = [&] { return context.transactions->page(query.value()); };
    const auto page = co_await run_blocking(context.workers, std::move(work));
    auto items = Json::array();
    for (const auto &session : page.items)
        items.push_back(session_to_json(session));
    co_return json_response(
        200, {{"items", items},
              {"nextCursor", page.next ? Json(encode_cursor(query.value().order, *page.next)) : Json(nullptr)}});
}

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. A field that a
// spreadsheet would run as a formula (=, +, -, @ first) gets a leading quote mark.
std::string csv_field(const std::string &text) {
    std::string value = text;
    if (!value.empty() &&
        (value[0] == '=' || value[0] == '+' || value[0] == '@' ||
         (value[0] == '-' && value.size() > 1 && !std::isdigit(static_cast<unsigned char>(value[1])))))
        value = "'" + value;
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

std::string number_text(double value) {
    std::ostringstream out;
    out.precision(12);
    out << value;
    return out.str();
}

void append_csv_row(std::string &out, const Session &s) {
    const auto seconds =
        s.stopped_at
            ? std::to_string(std::chrono::duration_cast<std::chrono::seconds>(*s.stopped_at - s.started_at).count())
            : std::string();
    const std::string fields[] = {
        std::to_string(s.transaction_id),
        csv_field(s.charger_id),
        std::to_string(s.evse_id),
        std::to_string(s.connector_id),
        csv_field(s.id_tag),
        s.active() ? "active" : "stopped",
        format_time(s.started_at),
        s.stopped_at ? format_time(*s.stopped_at) : std::string(),
        seconds,
        s.energy_wh ? number_text(static_cast<double>(*s.energy_wh) / 1000.0) : std::string(),
        s.cost_amount ? number_text(*s.cost_amount) : std::string(),
        csv_field(s.cost_currency),
        csv_field(s.active() ? std::string() : (s.stop_reason.empty() ? "Local" : s.stop_reason)),
        csv_field(s.vehicle_id),
        std::string(to_string(s.vehicle_link))};
    for (std::size_t i = 0; i < std::size(fields); ++i)
        out += (i == 0 ? "" : ",") + fields[i];
    out += "\r\n";
}

// Every matching session, page by page (the same keyset paging), as one CSV document.
std::string sessions_csv(Transactions &transactions, SessionQuery query) {
    std::string out = "transactionId,chargerId,evseId,connectorId,idTag,status,startedAt,stoppedAt,durationS,"
                      "energyKwh,costAmount,costCurrency,stopReason,vehicleId,vehicleLink\r\n";
    query.limit = kExportPage;
    std::size_t rows = 0;
    for (;;) {
        const auto page = transactions.page(query);
        for (const auto &session : page.items)
            append_csv_row(out, session);
        rows += page.items.size();
        if (!page.next || rows >= kMaxExportRows)
            break;
        query.after = page.next;
    }
    return out;
}

asio::awaitable<Response> export_sessions(const ApiContext &context, Request request, Principal principal) {
    if (auto checked = only_parameters(request, {"chargerId", "status", "idTag", "vehicleId", "from", "to", "sort"});
        !checked)
        co_return unprocessable(checked.error());
    const auto query = query_from(request, principal);
    if (!query)
        co_return unprocessable(query.error());
    auto work = [&] { return sessions_csv(*context.transactions, query.value()); };
    Response response;
    response.body = co_await run_blocking(context.workers, std::move(work));
    response.content_type = "text/csv; charset=utf-8";
    response.headers["Content-Disposition"] = "attachment; filename=\"sessions.csv\"";
    co_return response;
}

} // namespace

void add_session_list_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/sessions", auth.require(bind_route(context, list_sessions)));
    router.add("GET", "/api/v1/sessions.csv", auth.require(bind_route(context, export_sessions)));
}

} // namespace manage::core
