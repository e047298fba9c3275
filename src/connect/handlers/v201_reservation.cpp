#include "handlers/v201_reservation.hpp"

#include "manage/common/blocking.hpp"
#include "manage/ocpp/v201/messages/ReservationStatusUpdate.hpp"

namespace manage::connect::v201 {
namespace {

namespace msg = ocpp::v201;

Checked<ReservationUpdate> to_reservation_update(const msg::ReservationStatusUpdateRequest &request) {
    const bool expired = request.reservation_update_status == msg::ReservationUpdateStatusEnumType::Expired;
    return ReservationUpdate{.reservation_id = request.reservation_id,
                             .status = expired ? ReservationUpdateStatus::Expired : ReservationUpdateStatus::Removed};
}

} // namespace

// H05: the charger tells that a reservation ended without a transaction: it expired, or it was removed
// (e.g. the EVSE became unavailable). Core marks the reservation and publishes the update, known or not.
asio::awaitable<CallOutcome> reservation_status_update(HandlerContext context, ocpp::Call call) {
    auto update = read_request<msg::ReservationStatusUpdateRequest>(call, &to_reservation_update);
    if (!update)
        co_return violation_error(context.connection, call, update.error());
    auto work = [&core = context.core, id = context.connection.charge_point_id, update = update.value()] {
        core.reservation_status(id, update);
        return true;
    };
    co_await run_blocking(context.workers, std::move(work));
    ocpp::Json payload = msg::ReservationStatusUpdateResponse{};
    co_return payload;
}

} // namespace manage::connect::v201
