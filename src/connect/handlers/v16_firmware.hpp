#pragma once
// OCPP 1.6 Firmware Management profile: DiagnosticsStatusNotification (OCPP 1.6 §4.4) and
// FirmwareStatusNotification (§4.5).
#include "handlers/handler_context.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> diagnostics_status_notification(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> firmware_status_notification(HandlerContext context, ocpp::Call call);

// Tells core how a job on the charger (diagnostics, firmware, log) is going.
asio::awaitable<void> report_job(HandlerContext context, JobStatus status);

// A job status notification: `translate` (const Request & → Checked<JobStatus>) reads it, core
// hears of it, and the charger gets the empty Response.
template <class Request, class Response, class Translate>
asio::awaitable<CallOutcome> answer_job_status(HandlerContext context, ocpp::Call call, Translate translate) {
    auto status = read_request<Request>(call, translate);
    if (!status)
        co_return violation_error(context.connection, call, status.error());
    co_await report_job(context, std::move(status).value());
    ocpp::Json payload = Response{};
    co_return payload;
}

} // namespace manage::connect::v16
