#include "api/charging_json.hpp"

#include "api/route_support.hpp"
#include "events/publish.hpp"
#include "manage/common/time_format.hpp"

namespace manage::core {

using Json = nlohmann::json;

Json id_tag_to_json(const IdTag &tag) {
    return {{"idTag", tag.id_tag},
            {"type", tag.type},
            {"status", to_string(tag.status)},
            {"expiryDate", json_time(tag.expiry)},
            {"parentIdTag", text_or_null(tag.parent_id_tag)},
            {"allowConcurrentTx", tag.allow_concurrent_tx},
            {"createdAt", format_time(tag.created_at)},
            {"updatedAt", format_time(tag.updated_at)}};
}

Json id_tag_info_to_json(const IdTagInfo &info) {
    return {{"status", to_string(info.status)},
            {"expiryDate", json_time(info.expiry)},
            {"parentIdTag", text_or_null(info.parent_id_tag)}};
}

namespace {

Json entries_to_json(const std::vector<LocalListEntry> &entries) {
    auto items = Json::array();
    for (const auto &entry : entries)
        items.push_back({{"idTag", entry.id_tag},
                         {"type", entry.type},
                         {"idTagInfo", entry.info ? id_tag_info_to_json(*entry.info) : Json(nullptr)}});
    return items;
}

} // namespace

Json local_list_to_json(const LocalListState &state) {
    Json last_sync = nullptr;
    if (state.last_sync_at)
        last_sync = {{"at", format_time(*state.last_sync_at)},
                     {"status", state.last_sync_status},
                     {"updateType", state.last_update_type}};
    return {{"chargerId", state.charger_id},
            {"listVersion", state.version},
            {"entries", entries_to_json(state.desired)},
            {"held", entries_to_json(state.held)},
            {"inSync", state.desired == state.held},
            {"updatedAt", json_time(state.desired_updated_at)},
            {"lastSync", last_sync}};
}

Json session_to_json(const Session &s) {
    return {{"transactionId", s.transaction_id},
            {"stationTransactionId", text_or_null(s.station_transaction_id)},
            {"chargerId", s.charger_id},
            {"evseId", s.evse_id},
            {"connectorId", s.connector_id},
            {"idTag", s.id_tag},
            {"authorization", to_string(s.start_status)},
            {"reservationId", optional_json(s.reservation_id)},
            {"status", s.active() ? "active" : "stopped"},
            {"meterStartWh", s.meter_start_wh},
            {"meterStopWh", optional_json(s.meter_stop_wh)},
            {"energyWh", optional_json(s.energy_wh)},
            {"startedAt", format_time(s.started_at)},
            {"stoppedAt", json_time(s.stopped_at)},
            {"stopIdTag", text_or_null(s.stop_id_tag)},
            {"stopReason", s.active() ? Json(nullptr) : Json(s.stop_reason.empty() ? "Local" : s.stop_reason)},
            {"chargingState", text_or_null(s.charging_state)},
            {"durationS",
             s.stopped_at ? Json(std::chrono::duration_cast<std::chrono::seconds>(*s.stopped_at - s.started_at).count())
                          : Json(nullptr)},
            {"cost", s.cost_amount ? Json{{"amount", *s.cost_amount}, {"currency", s.cost_currency}} : Json(nullptr)},
            {"vehicleId", text_or_null(s.vehicle_id)},
            {"vehicleLink", text_or_null(std::string(to_string(s.vehicle_link)))}};
}

Json transaction_event_to_json(const TransactionEventRecord &e) {
    return {{"seqNo", e.seq_no},
            {"eventType", e.event_type},
            {"triggerReason", e.trigger_reason},
            {"timestamp", format_time(e.timestamp)},
            {"offline", e.offline},
            {"chargingState", text_or_null(e.charging_state)},
            {"stoppedReason", text_or_null(e.stopped_reason)},
            {"idToken", text_or_null(e.id_token)},
            {"idTokenType", text_or_null(e.id_token_type)},
            {"evseId", e.evse_id == 0 ? Json(nullptr) : Json(e.evse_id)},
            {"connectorId", e.connector_id == 0 ? Json(nullptr) : Json(e.connector_id)},
            {"remoteStartId", optional_json(e.remote_start_id)},
            {"reservationId", optional_json(e.reservation_id)},
            {"meterValues", e.meter_value_count},
            {"receivedAt", format_time(e.received_at)}};
}

Json meter_value_to_json(const MeterValue &v) {
    return {{"chargerId", v.charger_id},
            {"connectorId", v.connector_id},
            {"transactionId", optional_json(v.transaction_id)},
            {"timestamp", format_time(v.timestamp)},
            {"measurand", v.measurand},
            {"phase", text_or_null(v.phase)},
            {"location", v.location},
            {"context", v.context},
            {"format", v.format},
            {"value", optional_json(v.value)},
            {"unit", v.unit},
            {"rawValue", v.raw_value},
            {"rawUnit", v.raw_unit},
            {"receivedAt", format_time(v.received_at)}};
}

Json orphan_stop_to_json(const OrphanStop &s) {
    return {{"id", s.id},
            {"chargerId", s.charger_id},
            {"transactionId", s.transaction_id},
            {"idTag", text_or_null(s.id_tag)},
            {"meterStopWh", s.meter_stop_wh},
            {"stoppedAt", format_time(s.stopped_at)},
            {"reason", s.reason.empty() ? "Local" : s.reason},
            {"receivedAt", format_time(s.received_at)}};
}

Json job_status_to_json(const JobStatusRecord &r) {
    return {{"id", r.id},
            {"kind", to_string(r.kind)},
            {"status", r.status},
            {"requestId", optional_json(r.request_id)},
            {"locations", r.locations},
            {"receivedAt", format_time(r.received_at)}};
}

Json security_event_to_json(const SecurityEventRecord &r) {
    return {{"id", r.id},
            {"type", r.type},
            {"timestamp", format_time(r.timestamp)},
            {"techInfo", r.tech_info},
            {"receivedAt", format_time(r.received_at)}};
}

Json certificate_request_to_json(const CertificateRequestRecord &r) {
    return {{"id", r.id},
            {"certificateType", r.certificate_type},
            {"status", r.status},
            {"subject", r.subject},
            {"reason", r.reason},
            {"csr", r.csr},
            {"certificate", r.certificate},
            {"serialNumber", r.serial_number},
            {"expiresAt", r.expires_at ? Json(format_time(*r.expires_at)) : Json(nullptr)},
            {"receivedAt", format_time(r.received_at)}};
}

Result<IdTagInfo> id_tag_info_from_json(const Json &json, const std::string &path) {
    if (!json.is_object())
        return fail("invalid_type", "'idTagInfo' must be an object", path);
    const auto prefix = path + "/";
    BOOST_OUTCOME_TRY(only_fields(json, {"status", "expiryDate", "parentIdTag"}, prefix));
    IdTagInfo info;
    if (!json.contains("status"))
        return fail("missing_field", "'status' is required", prefix + "status");
    const auto &status = json["status"];
    const auto parsed = status.is_string() ? id_tag_status_from_string(status.get<std::string>()) : std::nullopt;
    if (!parsed || *parsed == IdTagStatus::ConcurrentTx)
        return fail("invalid_status", "'status' must be Accepted, Blocked, Expired or Invalid", prefix + "status");
    info.status = *parsed;
    BOOST_OUTCOME_TRY(expiry, time_field(json, "expiryDate", prefix));
    info.expiry = expiry;
    BOOST_OUTCOME_TRY(parent, string_field(json, "parentIdTag", prefix));
    if (!parent.empty() && !is_valid_id_tag(parent))
        return fail("invalid_id_tag", "'parentIdTag' is 1 to 36 printable ASCII characters", prefix + "parentIdTag");
    info.parent_id_tag = parent;
    return info;
}

} // namespace manage::core
