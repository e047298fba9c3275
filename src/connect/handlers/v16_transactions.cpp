#include "handlers/v16_transactions.hpp"

#include "handlers/v16_authorization.hpp"
#include "handlers/v16_meter_values.hpp"
#include "manage/common/blocking.hpp"
#include "manage/ocpp/v16/messages/StartTransaction.hpp"
#include "manage/ocpp/v16/messages/StopTransaction.hpp"

#include <limits>
#include <stdexcept>

namespace manage::connect::v16 {
namespace {

namespace msg = ocpp::v16;

Checked<TransactionStart> to_transaction_start(const msg::StartTransactionRequest &request) {
    // A transaction runs on a connector; connector 0 is the charge point as a whole (OCPP 1.6 §4.8).
    if (request.connector_id <= 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/connectorId",
                      "connectorId must be 1 or more: a transaction runs on a connector");
    if (auto violation = check_id_tag(request.id_tag, "/idTag"))
        return outcome::failure(std::move(*violation));
    if (request.meter_start < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/meterStart",
                      "meterStart is a meter register in Wh and cannot be negative");
    TransactionStart start;
    start.connector_id = request.connector_id;
    start.id_tag = request.id_tag.str();
    start.meter_start_wh = request.meter_start;
    start.timestamp = request.timestamp.time_point();
    start.reservation_id = request.reservation_id;
    return start;
}

Checked<TransactionStop> to_transaction_stop(const msg::StopTransactionRequest &request) {
    if (request.id_tag) {
        if (auto violation = check_id_tag(*request.id_tag, "/idTag"))
            return outcome::failure(std::move(*violation));
    }
    if (request.meter_stop < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/meterStop",
                      "meterStop is a meter register in Wh and cannot be negative");
    TransactionStop stop;
    stop.transaction_id = request.transaction_id;
    stop.id_tag = request.id_tag ? request.id_tag->str() : std::string();
    stop.meter_stop_wh = request.meter_stop;
    stop.timestamp = request.timestamp.time_point();
    stop.reason = request.reason ? std::string(msg::to_string(*request.reason)) : std::string();
    if (request.transaction_data) {
        BOOST_OUTCOME_TRY(samples, to_samples(*request.transaction_data, "/transactionData"));
        stop.transaction_data = std::move(samples);
    }
    return stop;
}

// OCPP 1.6's transactionId is a 32-bit integer; core handing out a wider one is a bug.
std::int32_t ocpp_transaction_id(std::int64_t id) {
    if (id < std::numeric_limits<std::int32_t>::min() || id > std::numeric_limits<std::int32_t>::max())
        throw std::out_of_range("transaction id " + std::to_string(id) + " does not fit OCPP 1.6's integer");
    return static_cast<std::int32_t>(id);
}

} // namespace

asio::awaitable<CallOutcome> start_transaction(HandlerContext context, ocpp::Call call) {
    auto start = read_request<msg::StartTransactionRequest>(call, &to_transaction_start);
    if (!start)
        co_return violation_error(context.connection, call, start.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, start = std::move(start).value()] {
        return core.start_transaction(id, start);
    };
    const auto answer = co_await run_blocking(context.workers, std::move(work));
    const msg::StartTransactionResponse response{.id_tag_info = to_id_tag_info(answer.id_tag_info),
                                                 .transaction_id = ocpp_transaction_id(answer.transaction_id)};
    ocpp::Json payload = response;
    co_return payload;
}

asio::awaitable<CallOutcome> stop_transaction(HandlerContext context, ocpp::Call call) {
    auto stop = read_request<msg::StopTransactionRequest>(call, &to_transaction_stop);
    if (!stop)
        co_return violation_error(context.connection, call, stop.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, stop = std::move(stop).value()] {
        return core.stop_transaction(id, stop);
    };
    const auto answer = co_await run_blocking(context.workers, std::move(work));
    msg::StopTransactionResponse response;
    if (answer)
        response.id_tag_info = to_id_tag_info(*answer);
    ocpp::Json payload = response;
    co_return payload;
}

} // namespace manage::connect::v16
