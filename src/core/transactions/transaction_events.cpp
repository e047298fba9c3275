// OCPP 2.0.1 TransactionEvent: the same sessions as 1.6, built from Started / Updated / Ended events
// that a station may send late (offline), twice (resent) or out of order.
#include "events/publish.hpp"
#include "manage/common/logging.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/authorization.hpp"
#include "manage/core/event_topics.hpp"
#include "manage/core/events.hpp"
#include "manage/core/session_vehicles.hpp"
#include "manage/core/tariffs.hpp"
#include "manage/core/transactions.hpp"

namespace manage::core {
namespace {

using Json = nlohmann::json;

Json optional_int(const std::optional<std::int64_t> &v) {
    return v ? Json(*v) : Json(nullptr);
}

Json session_started_json(const Session &s) {
    return Json{{"transactionId", s.transaction_id},
                {"stationTransactionId", s.station_transaction_id},
                {"chargerId", s.charger_id},
                {"evseId", s.evse_id},
                {"connectorId", s.connector_id},
                {"idTag", s.id_tag},
                {"authorization", to_string(s.start_status)},
                {"meterStartWh", s.meter_start_wh},
                {"reservationId", s.reservation_id ? Json(*s.reservation_id) : Json(nullptr)},
                {"startedAt", format_time(s.started_at)},
                {"vehicleId", s.vehicle_id.empty() ? Json(nullptr) : Json(s.vehicle_id)}};
}

Json session_stopped_json(const Session &s) {
    return Json{{"transactionId", s.transaction_id},
                {"stationTransactionId", s.station_transaction_id},
                {"chargerId", s.charger_id},
                {"evseId", s.evse_id},
                {"connectorId", s.connector_id},
                {"idTag", s.id_tag},
                {"stopIdTag", s.stop_id_tag},
                {"reason", s.stop_reason},
                {"meterStartWh", s.meter_start_wh},
                {"meterStopWh", optional_int(s.meter_stop_wh)},
                {"energyWh", optional_int(s.energy_wh)},
                {"startedAt", format_time(s.started_at)},
                {"stoppedAt", s.stopped_at ? Json(format_time(*s.stopped_at)) : Json(nullptr)}};
}

Json transaction_event_json(const TransactionEventRecord &e) {
    return Json{{"chargerId", e.charger_id},
                {"transactionId", e.transaction_id},
                {"stationTransactionId", e.station_transaction_id},
                {"seqNo", e.seq_no},
                {"eventType", e.event_type},
                {"triggerReason", e.trigger_reason},
                {"timestamp", format_time(e.timestamp)},
                {"offline", e.offline},
                {"chargingState", e.charging_state},
                {"stoppedReason", e.stopped_reason},
                {"evseId", e.evse_id},
                {"meterValues", e.meter_value_count}};
}

} // namespace

IdTagInfo Transactions::authorize_token(const std::string &charger_id, const TransactionEventRecord &event) {
    const auto session = repository_.find_by_station_id(charger_id, event.station_transaction_id);
    // The token that started (or first identified) the session is not concurrent with itself.
    if (session && !session->id_tag.empty() && event.id_token_type != "NoAuthorization")
        return authorization_.authorize_stop(charger_id, event.id_token);
    return authorization_.authorize_token(charger_id, event.id_token, event.id_token_type);
}

TransactionEventResult Transactions::on_transaction_event(const std::string &charger_id,
                                                          TransactionEventRequest request) {
    const auto now = clock_.now();
    auto &event = request.event;
    event.charger_id = charger_id;
    event.received_at = now;
    event.meter_value_count = static_cast<int>(request.samples.size());
    TransactionEventResult result;
    const bool has_token = !event.id_token.empty() || event.id_token_type == "NoAuthorization";
    const auto token_info = has_token ? std::optional(authorize_token(charger_id, event)) : std::nullopt;

    std::vector<MeterValue> values;
    values.reserve(request.samples.size());
    for (const auto &sample : request.samples)
        values.push_back(normalise(charger_id, event.evse_id, std::nullopt, sample, now));
    // The event, the session it changes and the events published about them commit as one.
    events_.atomically([&] { record_transaction_event(charger_id, event, token_info, values, result); });
    return result;
}

void Transactions::record_transaction_event(const std::string &charger_id, TransactionEventRecord &event,
                                            const std::optional<IdTagInfo> &token_info, std::vector<MeterValue> &values,
                                            TransactionEventResult &result) {
    const auto now = event.received_at;
    auto outcome = repository_.record_transaction_event(event, token_info ? token_info->status : IdTagStatus::Accepted,
                                                        values, now);
    result.transaction_id = outcome.session.transaction_id;
    result.duplicate = outcome.duplicate;
    result.id_token_info = token_info;
    // I02/I03: the running cost with each Updated event and the final one with Ended.
    if (tariffs_ && (event.event_type == "Updated" || event.event_type == "Ended"))
        if (const auto cost = tariffs_->session_cost(charger_id, outcome.session.transaction_id)) {
            result.total_cost = cost->amount;
            if (!outcome.session.active())
                repository_.save_cost(outcome.session.transaction_id, cost->amount, cost->currency);
        }
    if (outcome.duplicate) {
        logger("core")->info("[charger={}] resent TransactionEvent {} seqNo {} ignored", charger_id,
                             event.station_transaction_id, event.seq_no);
        return;
    }
    for (auto &v : values) {
        v.transaction_id = outcome.session.transaction_id;
        v.connector_id = outcome.session.evse_id;
    }
    event.transaction_id = outcome.session.transaction_id;
    // The token may come with a later event than Started (authorized after plugging in).
    if (vehicles_ && (outcome.created || !event.id_token.empty()))
        vehicles_->link_on_start(outcome.session);
    publish_transaction_event(event, outcome, values);
}

void Transactions::publish_transaction_event(const TransactionEventRecord &event,
                                             const TransactionEventOutcome &outcome,
                                             const std::vector<MeterValue> &values) {
    events_.publish(topics::kTransactionEvent, transaction_event_json(event));
    if (outcome.created)
        events_.publish(topics::kSessionStarted, session_started_json(outcome.session));
    if (!values.empty())
        publish_meter_values(event.charger_id,
                             MeterValuesReport{outcome.session.evse_id, outcome.session.transaction_id, {}},
                             outcome.session, values);
    if (outcome.ended)
        events_.publish(topics::kSessionStopped, session_stopped_json(outcome.session));
}

std::vector<TransactionEventRecord> Transactions::events_of(std::int64_t transaction_id) {
    return repository_.transaction_events(transaction_id);
}

} // namespace manage::core
