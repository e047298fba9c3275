#include "api/charging_json.hpp"
#include "api/charging_routes.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/charger_reports.hpp"
#include "manage/core/charger_service.hpp"

#include <algorithm>

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

enum class Report {
    Jobs,
    SecurityEvents,
    CertificateRequests,
    DataTransfers,
    Iso15118Requests,
    EvChargingNeeds,
    EvChargingSchedules,
    ChargingLimits,
    ReportedChargingProfiles
};

// A smart-charging report's request (JSON text as connect wrote it), or the text itself.
Json details_json(const std::string &text) {
    auto details = Json::parse(text, nullptr, false);
    if (details.is_discarded()) // not written by connect: shown as the text it is
        return text;
    return details;
}

// The latest NotifyEVChargingNeeds per EVSE, flattened for the planner: evseId, requestedEnergyTransfer,
// departureTime, maxScheduleTuples, acChargingParameters, dcChargingParameters, receivedAt.
Json ev_charging_needs(ChargerReports &reports, const std::string &id, int limit) {
    auto items = Json::array();
    std::vector<int> seen;
    for (const auto &r : reports.smart_charging_reports(id, "NotifyEVChargingNeeds", 10'000)) {
        if (std::find(seen.begin(), seen.end(), r.evse_id) != seen.end())
            continue;
        seen.push_back(r.evse_id);
        const auto details = details_json(r.details);
        Json item{{"evseId", r.evse_id}, {"receivedAt", format_time(r.received_at)}};
        if (details.is_object()) {
            const auto needs = details.value("chargingNeeds", Json::object());
            for (const char *key :
                 {"requestedEnergyTransfer", "departureTime", "acChargingParameters", "dcChargingParameters"})
                if (needs.contains(key))
                    item[key] = needs[key];
            if (details.contains("maxScheduleTuples"))
                item["maxScheduleTuples"] = details["maxScheduleTuples"];
        }
        items.push_back(std::move(item));
        if (static_cast<int>(items.size()) >= limit)
            break;
    }
    return items;
}

Json smart_charging_items(ChargerReports &reports, const std::string &id, std::initializer_list<const char *> actions,
                          int limit) {
    std::vector<SmartChargingReportRecord> records;
    for (const char *action : actions) {
        auto some = reports.smart_charging_reports(id, action, limit);
        records.insert(records.end(), some.begin(), some.end());
    }
    std::stable_sort(records.begin(), records.end(),
                     [](const auto &a, const auto &b) { return a.received_at > b.received_at; });
    if (static_cast<int>(records.size()) > limit)
        records.resize(limit);
    auto items = Json::array();
    for (const auto &r : records)
        items.push_back({{"id", r.id},
                         {"action", r.action},
                         {"evseId", r.evse_id},
                         {"details", details_json(r.details)},
                         {"receivedAt", format_time(r.received_at)}});
    return items;
}

Json report_items(ChargerReports &reports, Report report, const std::string &id, int limit) {
    auto items = Json::array();
    switch (report) {
    case Report::Jobs:
        for (const auto &r : reports.job_statuses(id, limit))
            items.push_back(job_status_to_json(r));
        break;
    case Report::SecurityEvents:
        for (const auto &r : reports.security_events(id, limit))
            items.push_back(security_event_to_json(r));
        break;
    case Report::CertificateRequests:
        for (const auto &r : reports.certificate_requests(id, limit))
            items.push_back(certificate_request_to_json(r));
        break;
    case Report::DataTransfers:
        for (const auto &r : reports.data_transfers(id, limit))
            items.push_back({{"id", r.id},
                             {"vendorId", r.vendor_id},
                             {"messageId", r.message_id},
                             {"data", r.data},
                             {"status", r.status},
                             {"receivedAt", format_time(r.received_at)}});
        break;
    case Report::EvChargingNeeds:
        return ev_charging_needs(reports, id, limit);
    case Report::EvChargingSchedules:
        return smart_charging_items(reports, id, {"NotifyEVChargingSchedule"}, limit);
    case Report::ChargingLimits:
        return smart_charging_items(reports, id, {"NotifyChargingLimit", "ClearedChargingLimit"}, limit);
    case Report::ReportedChargingProfiles:
        return smart_charging_items(reports, id, {"ReportChargingProfiles"}, limit);
    case Report::Iso15118Requests:
        for (const auto &r : reports.iso15118_requests(id, limit)) {
            auto details = Json::parse(r.details, nullptr, false);
            if (details.is_discarded()) // not written by connect: shown as the text it is
                details = r.details;
            items.push_back({{"id", r.id},
                             {"action", r.action},
                             {"details", std::move(details)},
                             {"status", r.status},
                             {"reason", r.reason},
                             {"receivedAt", format_time(r.received_at)}});
        }
        break;
    }
    return items;
}

asio::awaitable<Response> list_report(const ApiContext &context, Request request, Report report) {
    const auto id = request.params.at("id");
    const auto limit = limit_parameter_only(request);
    if (!limit)
        co_return unprocessable(limit.error());
    std::function<Json()> items = [&] {
        return Json{{"items", report_items(*context.reports, report, id, limit.value())}};
    };
    co_return co_await charger_listing(context, id, std::move(items));
}

asio::awaitable<Response> list_jobs(const ApiContext &context, Request request) {
    return list_report(context, std::move(request), Report::Jobs);
}
asio::awaitable<Response> list_security_events(const ApiContext &context, Request request) {
    return list_report(context, std::move(request), Report::SecurityEvents);
}
asio::awaitable<Response> list_certificate_requests(const ApiContext &context, Request request) {
    return list_report(context, std::move(request), Report::CertificateRequests);
}
asio::awaitable<Response> list_data_transfers(const ApiContext &context, Request request) {
    return list_report(context, std::move(request), Report::DataTransfers);
}
asio::awaitable<Response> list_iso15118_requests(const ApiContext &context, Request request) {
    return list_report(context, std::move(request), Report::Iso15118Requests);
}
asio::awaitable<Response> list_ev_charging_needs(const ApiContext &context, Request request) {
    return list_report(context, std::move(request), Report::EvChargingNeeds);
}
asio::awaitable<Response> list_ev_charging_schedules(const ApiContext &context, Request request) {
    return list_report(context, std::move(request), Report::EvChargingSchedules);
}
asio::awaitable<Response> list_charging_limits(const ApiContext &context, Request request) {
    return list_report(context, std::move(request), Report::ChargingLimits);
}
asio::awaitable<Response> list_reported_charging_profiles(const ApiContext &context, Request request) {
    return list_report(context, std::move(request), Report::ReportedChargingProfiles);
}

} // namespace

void add_report_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/chargers/{id}/jobs", auth.require(bind_route(context, list_jobs)));
    router.add("GET", "/api/v1/chargers/{id}/security-events", auth.require(bind_route(context, list_security_events)));
    router.add("GET", "/api/v1/chargers/{id}/certificate-requests",
               auth.require(bind_route(context, list_certificate_requests)));
    router.add("GET", "/api/v1/chargers/{id}/data-transfers", auth.require(bind_route(context, list_data_transfers)));
    router.add("GET", "/api/v1/chargers/{id}/iso15118-requests",
               auth.require(bind_route(context, list_iso15118_requests)));
    router.add("GET", "/api/v1/chargers/{id}/ev-charging-needs",
               auth.require(bind_route(context, list_ev_charging_needs)));
    router.add("GET", "/api/v1/chargers/{id}/ev-charging-schedules",
               auth.require(bind_route(context, list_ev_charging_schedules)));
    router.add("GET", "/api/v1/chargers/{id}/charging-limits", auth.require(bind_route(context, list_charging_limits)));
    router.add("GET", "/api/v1/chargers/{id}/reported-charging-profiles",
               auth.require(bind_route(context, list_reported_charging_profiles)));
}

} // namespace manage::core
