#include "handlers/v201_transactions.hpp"

#include "handlers/v201_authorization.hpp"
#include "handlers/v201_samples.hpp"
#include "manage/common/blocking.hpp"
#include "manage/common/completion.hpp"
#include "manage/ocpp/v201/messages/MeterValues.hpp"
#include "manage/ocpp/v201/messages/TransactionEvent.hpp"

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

Checked<TransactionEventReport> to_report(const msg::TransactionEventRequest &request) {
    if (request.seq_no < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/seqNo", "seqNo must be 0 or more");
    const auto &info = request.transaction_info;
    if (info.transaction_id.empty())
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/transactionInfo/transactionId",
                      "transactionId must not be empty");
    TransactionEventReport report;
    if (request.evse) {
        // A transaction runs on an EVSE (1 or more); EVSE 0 is the station as a whole.
        if (request.evse->id < 1)
            return refuse(ocpp::RpcError::PropertyConstraintViolation, "/evse/id",
                          "a transaction's evse id is 1 or more");
        if (request.evse->connector_id && *request.evse->connector_id < 1)
            return refuse(ocpp::RpcError::PropertyConstraintViolation, "/evse/connectorId", "connectorId is 1 or more");
        report.evse_id = request.evse->id;
        report.connector_id = request.evse->connector_id.value_or(0);
    }
    if (request.id_token) {
        BOOST_OUTCOME_TRY(token, to_id_token(*request.id_token, "/idToken"));
        report.id_token = std::move(token);
    }
    if (request.meter_value) {
        BOOST_OUTCOME_TRY(samples, to_samples(*request.meter_value, "/meterValue"));
        report.samples = std::move(samples);
    }
    report.event_type = std::string(msg::to_string(request.event_type));
    report.timestamp = request.timestamp.time_point();
    report.trigger_reason = std::string(msg::to_string(request.trigger_reason));
    report.seq_no = request.seq_no;
    report.offline = request.offline.value_or(false);
    report.transaction_id = info.transaction_id.str();
    if (info.charging_state)
        report.charging_state = std::string(msg::to_string(*info.charging_state));
    if (info.stopped_reason)
        report.stopped_reason = std::string(msg::to_string(*info.stopped_reason));
    report.remote_start_id = info.remote_start_id;
    report.reservation_id = request.reservation_id;
    return report;
}

Checked<MeterReport> to_meter_report(const msg::MeterValuesRequest &request) {
    // EVSE 0 is the station's main meter; there is no negative EVSE.
    if (request.evse_id < 0)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/evseId", "evseId must be 0 or more");
    MeterReport report;
    report.connector_id = request.evse_id; // core's connector is the EVSE (a 1.6 connector is its own EVSE)
    BOOST_OUTCOME_TRY(samples, to_samples(request.meter_value, "/meterValue"));
    report.samples = std::move(samples);
    return report;
}

} // namespace

asio::awaitable<CallOutcome> transaction_event(HandlerContext context, ocpp::Call call) {
    auto report = read_request<msg::TransactionEventRequest>(call, &to_report);
    if (!report)
        co_return violation_error(context.connection, call, report.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, report = std::move(report).value()] {
        return core.transaction_event(id, report);
    };
    const auto answer = co_await run_blocking(context.workers, std::move(work));
    msg::TransactionEventResponse response;
    if (answer.id_token_info)
        response.id_token_info = to_id_token_info(*answer.id_token_info);
    response.total_cost = answer.total_cost;
    ocpp::Json payload = response;
    co_return payload;
}

asio::awaitable<CallOutcome> meter_values(HandlerContext context, ocpp::Call call) {
    auto report = read_request<msg::MeterValuesRequest>(call, &to_meter_report);
    if (!report)
        co_return violation_error(context.connection, call, report.error());
    // As for 1.6: no worker hop; core calls back once the batch holding the report is committed.
    auto store = [&core = context.core, &id = context.connection.charge_point_id,
                  &stored = report.value()](auto handler) {
        core.meter_values(id, std::move(stored), cross_thread_completion<std::exception_ptr>(std::move(handler)));
    };
    co_await asio::async_initiate<decltype(asio::use_awaitable), void(std::exception_ptr)>(std::move(store),
                                                                                           asio::use_awaitable);
    ocpp::Json payload = msg::MeterValuesResponse{};
    co_return payload;
}

} // namespace manage::connect::v201
