#include "api/charging_json.hpp"
#include "api/charging_routes.hpp"
#include "api/route_support.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/charger_reports.hpp"
#include "manage/core/charger_service.hpp"

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::json_response;
using infra::http::Request;
using infra::http::Response;

namespace {

enum class Report { Jobs, SecurityEvents, CertificateRequests, DataTransfers, Iso15118Requests };

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

} // namespace

void add_report_routes(infra::http::Router &router, const ApiContext &context, const Authenticator &auth) {
    router.add("GET", "/api/v1/chargers/{id}/jobs", auth.require(bind_route(context, list_jobs)));
    router.add("GET", "/api/v1/chargers/{id}/security-events", auth.require(bind_route(context, list_security_events)));
    router.add("GET", "/api/v1/chargers/{id}/certificate-requests",
               auth.require(bind_route(context, list_certificate_requests)));
    router.add("GET", "/api/v1/chargers/{id}/data-transfers", auth.require(bind_route(context, list_data_transfers)));
    router.add("GET", "/api/v1/chargers/{id}/iso15118-requests",
               auth.require(bind_route(context, list_iso15118_requests)));
}

} // namespace manage::core
