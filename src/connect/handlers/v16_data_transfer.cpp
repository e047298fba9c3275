#include "handlers/v16_data_transfer.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v16/messages/DataTransfer.hpp"

#include <stdexcept>

namespace manage::connect::v16 {
namespace {

namespace msg = ocpp::v16;

Checked<DataTransferRequest> to_data_transfer(const msg::DataTransferRequest &request) {
    return DataTransferRequest{.vendor_id = request.vendor_id.str(),
                               .message_id = request.message_id ? request.message_id->str() : std::string(),
                               .data = request.data.value_or("")};
}

msg::DataTransferResponse to_response(const DataTransferAnswer &answer) {
    const auto status = ocpp::enum_from_string<msg::DataTransferResponseStatus>(answer.status);
    if (!status) // core answers one of the four statuses; anything else is its bug
        throw std::invalid_argument("core answered DataTransfer with status '" + answer.status + "'");
    msg::DataTransferResponse response{.status = *status, .data = {}};
    if (!answer.data.empty())
        response.data = answer.data;
    return response;
}

} // namespace

asio::awaitable<CallOutcome> data_transfer(HandlerContext context, ocpp::Call call) {
    auto request = read_request<msg::DataTransferRequest>(call, &to_data_transfer);
    if (!request)
        co_return violation_error(context.connection, call, request.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, request = std::move(request).value()] {
        return core.data_transfer(id, request);
    };
    const auto answer = co_await run_blocking(context.workers, std::move(work));
    ocpp::Json payload = to_response(answer);
    co_return payload;
}

} // namespace manage::connect::v16
