#include "handlers/v201_firmware.hpp"

#include "handlers/v16_firmware.hpp"
#include "manage/ocpp/v201/messages/FirmwareStatusNotification.hpp"
#include "manage/ocpp/v201/messages/LogStatusNotification.hpp"
#include "manage/ocpp/v201/messages/PublishFirmwareStatusNotification.hpp"

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

// L01.FR.20 (and LogStatusNotification's requestId alike): requestId may be left out only when the
// notification was triggered and nothing is ongoing, and then the status is Idle. So every status but
// Idle needs it.
template <JobKind kKind, class Request> Checked<JobStatus> to_job_status(const Request &request) {
    const auto status = msg::to_string(request.status);
    if (!request.request_id && status != "Idle")
        return refuse(ocpp::RpcError::OccurrenceConstraintViolation, "",
                      "requestId is required with status " + std::string(status) + " (only Idle may omit it)");
    return JobStatus{.kind = kKind, .status = std::string(status), .request_id = request.request_id, .locations = {}};
}

// L03: location is "required if status is Published" (the schema's own words; it cannot say so itself).
Checked<JobStatus> to_publish_status(const msg::PublishFirmwareStatusNotificationRequest &request) {
    const auto status = msg::to_string(request.status);
    if (request.status == msg::PublishFirmwareStatusEnumType::Published && !request.location)
        return refuse(ocpp::RpcError::OccurrenceConstraintViolation, "",
                      "location is required with status Published (where the firmware can be downloaded)");
    JobStatus job{.kind = JobKind::PublishFirmware, .status = std::string(status), .request_id = request.request_id};
    if (request.location)
        for (const auto &uri : *request.location)
            job.locations.push_back(uri.str());
    return job;
}

} // namespace

// The job reports share the 1.6 handlers' path (v16::answer_job_status): read, tell core, empty answer.
asio::awaitable<CallOutcome> firmware_status_notification(HandlerContext context, ocpp::Call call) {
    using Request = msg::FirmwareStatusNotificationRequest;
    return v16::answer_job_status<Request, msg::FirmwareStatusNotificationResponse>(
        context, std::move(call), &to_job_status<JobKind::Firmware, Request>);
}

asio::awaitable<CallOutcome> publish_firmware_status_notification(HandlerContext context, ocpp::Call call) {
    return v16::answer_job_status<msg::PublishFirmwareStatusNotificationRequest,
                                  msg::PublishFirmwareStatusNotificationResponse>(context, std::move(call),
                                                                                  &to_publish_status);
}

asio::awaitable<CallOutcome> log_status_notification(HandlerContext context, ocpp::Call call) {
    using Request = msg::LogStatusNotificationRequest;
    return v16::answer_job_status<Request, msg::LogStatusNotificationResponse>(context, std::move(call),
                                                                               &to_job_status<JobKind::Log, Request>);
}

} // namespace manage::connect::v201
