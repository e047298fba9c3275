#include "handlers/v16_firmware.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v16/messages/DiagnosticsStatusNotification.hpp"
#include "manage/ocpp/v16/messages/FirmwareStatusNotification.hpp"

namespace manage::connect::v16 {
namespace {

namespace msg = ocpp::v16;

template <JobKind kKind, class Request> Checked<JobStatus> to_job_status(const Request &request) {
    return JobStatus{.kind = kKind, .status = std::string(msg::to_string(request.status)), .request_id = {}};
}

} // namespace

asio::awaitable<void> report_job(HandlerContext context, JobStatus status) {
    auto work = [&core = context.core, id = context.connection.charge_point_id, status = std::move(status)] {
        core.job_status(id, status);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
}

asio::awaitable<CallOutcome> diagnostics_status_notification(HandlerContext context, ocpp::Call call) {
    using Request = msg::DiagnosticsStatusNotificationRequest;
    return answer_job_status<Request, msg::DiagnosticsStatusNotificationResponse>(
        context, std::move(call), &to_job_status<JobKind::Diagnostics, Request>);
}

asio::awaitable<CallOutcome> firmware_status_notification(HandlerContext context, ocpp::Call call) {
    using Request = msg::FirmwareStatusNotificationRequest;
    return answer_job_status<Request, msg::FirmwareStatusNotificationResponse>(
        context, std::move(call), &to_job_status<JobKind::Firmware, Request>);
}

} // namespace manage::connect::v16
