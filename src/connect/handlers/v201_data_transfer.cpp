#include "handlers/v201_data_transfer.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v201/messages/DataTransfer.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

// 2.0.1's data may be any JSON value. Core gets text, as 1.6 sends it: a string as itself, anything
// else as its compact JSON text.
std::string data_text(const std::optional<ocpp::JsonText> &data) {
    if (!data)
        return {};
    auto value = ocpp::Json::parse(data->text); // the generated reader wrote it: it parses
    return value.is_string() ? value.get<std::string>() : data->text;
}

Checked<DataTransferRequest> to_data_transfer(const msg::DataTransferRequest &request) {
    return DataTransferRequest{.vendor_id = request.vendor_id.str(),
                               .message_id = request.message_id ? request.message_id->str() : std::string(),
                               .data = data_text(request.data)};
}

// Core's data goes back as the JSON it holds, or as a string when it is not JSON.
ocpp::JsonText answer_data(const std::string &data) {
    auto parsed = ocpp::Json::parse(data, nullptr, false);
    return ocpp::JsonText{parsed.is_discarded() ? ocpp::Json(data).dump() : parsed.dump()};
}

msg::DataTransferResponse to_response(const DataTransferAnswer &answer) {
    const auto status = ocpp::enum_from_string<msg::DataTransferStatusEnumType>(answer.status);
    if (!status) // core answers one of the four statuses; anything else is its bug
        throw std::invalid_argument("core answered DataTransfer with status '" + answer.status + "'");
    msg::DataTransferResponse response{.custom_data = {}, .status = *status, .status_info = {}, .data = {}};
    if (!answer.data.empty())
        response.data = answer_data(answer.data);
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

} // namespace manage::connect::v201
