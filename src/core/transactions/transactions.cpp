#include "manage/core/transactions.hpp"
#include "manage/core/session_vehicles.hpp"
#include "manage/core/tariffs.hpp"

#include "manage/common/logging.hpp"
#include "manage/common/time_format.hpp"
#include "manage/core/authorization.hpp"
#include "manage/core/event_topics.hpp"
#include "manage/core/events.hpp"

namespace manage::core {
namespace {

using Json = nlohmann::json;

Json value_json(const MeterValue &v) {
    return {{"timestamp", format_time(v.timestamp)},
            {"measurand", v.measurand},
            {"phase", v.phase},
            {"location", v.location},
            {"context", v.context},
            {"value", v.value ? Json(*v.value) : Json(nullptr)},
            {"unit", v.unit}};
}

Json values_json(const std::vector<MeterValue> &values) {
    auto items = Json::array();
    for (const auto &v : values)
        items.push_back(value_json(v));
    return items;
}

std::vector<MeterValue> normalise_all(const std::string &charger_id, int connector_id,
                                      std::optional<std::int64_t> transaction_id,
                                      const std::vector<MeterSample> &samples, TimePoint now) {
    std::vector<MeterValue> values;
    values.reserve(samples.size());
    for (const auto &sample : samples)
        values.push_back(normalise(charger_id, connector_id, transaction_id, sample, now));
    return values;
}

// The latest reading of `measurand` without a phase, if any.
std::optional<double> latest(const std::vector<MeterValue> &values, const std::string &measurand) {
    std::optional<double> found;
    std::optional<TimePoint> at;
    for (const auto &v : values) {
        if (v.measurand != measurand || !v.value || !v.phase.empty())
            continue;
        if (!at || v.timestamp >= *at) {
            found = v.value;
            at = v.timestamp;
        }
    }
    return found;
}

Json optional_number(const std::optional<double> &v) {
    return v ? Json(*v) : Json(nullptr);
}

} // namespace

Transactions::Transactions(SessionRepository &repository, Authorization &authorization, Events &events,
                           const Clock &clock)
    : repository_(repository), authorization_(authorization), events_(events), clock_(clock) {}

TransactionStartResult Transactions::start(const std::string &charger_id, const TransactionStartRequest &request) {
    auto info = authorization_.authorize_start(charger_id, request.connector_id, request.id_tag);
    TransactionStartResult result;
    std::optional<Session> opened;
    // The session, its vehicle link and session.started commit as one.
    events_.atomically([&] { result = open_session(charger_id, request, info, opened); });
    if (opened)
        remember(*opened); // only once it is committed
    return result;
}

TransactionStartResult Transactions::open_session(const std::string &charger_id, const TransactionStartRequest &request,
                                                  IdTagInfo info, std::optional<Session> &opened) {
    auto [session, created] =
        repository_.open_session(NewSession{charger_id, request.connector_id, request.id_tag, info.status,
                                            request.reservation_id, request.meter_start_wh, request.timestamp},
                                 clock_.now());
    opened = session;
    if (!created) {
        // A resend: the charger gets what it was told the first time.
        info.status = session.start_status;
        logger("core")->info("[charger={}] resent StartTransaction answered with transaction {}", charger_id,
                             session.transaction_id);
        return TransactionStartResult{session.transaction_id, info, true};
    }
    if (vehicles_)
        vehicles_->link_on_start(session);
    events_.publish(topics::kSessionStarted,
                    Json{{"transactionId", session.transaction_id},
                         {"stationTransactionId", nullptr},
                         {"chargerId", charger_id},
                         {"evseId", session.connector_id},
                         {"connectorId", session.connector_id},
                         {"idTag", session.id_tag},
                         {"authorization", to_string(session.start_status)},
                         {"meterStartWh", session.meter_start_wh},
                         {"reservationId", session.reservation_id ? Json(*session.reservation_id) : Json(nullptr)},
                         {"startedAt", format_time(session.started_at)},
                         {"vehicleId", session.vehicle_id.empty() ? Json(nullptr) : Json(session.vehicle_id)}});
    return TransactionStartResult{session.transaction_id, info, false};
}

std::optional<IdTagInfo> Transactions::stop(const std::string &charger_id, const TransactionStopRequest &request) {
    const auto now = clock_.now();
    const auto session = repository_.find(request.transaction_id);
    const int connector_id = session && session->charger_id == charger_id ? session->connector_id : 0;
    const auto values = normalise_all(charger_id, connector_id, request.transaction_id, request.transaction_data, now);
    // The stop, the session's cost and session.stopped commit as one.
    events_.atomically([&] { close_session(charger_id, request, session, values, now); });
    if (request.id_tag.empty())
        return std::nullopt;
    return authorization_.authorize_stop(charger_id, request.id_tag);
}

void Transactions::close_session(const std::string &charger_id, const TransactionStopRequest &request,
                                 const std::optional<Session> &session, const std::vector<MeterValue> &values,
                                 TimePoint now) {
    const int connector_id = session && session->charger_id == charger_id ? session->connector_id : 0;
    const auto outcome = repository_.close_session(
        charger_id,
        SessionStop{request.transaction_id, request.id_tag, request.meter_stop_wh, request.timestamp, request.reason},
        values, now);
    switch (outcome) {
    case StopOutcome::Stopped:
        fix_cost(charger_id, request.transaction_id);
        events_.publish(topics::kSessionStopped,
                        Json{{"transactionId", request.transaction_id},
                             {"stationTransactionId", nullptr},
                             {"chargerId", charger_id},
                             {"evseId", connector_id},
                             {"connectorId", connector_id},
                             {"idTag", session->id_tag},
                             {"stopIdTag", request.id_tag},
                             {"reason", request.reason.empty() ? std::string("Local") : request.reason},
                             {"meterStartWh", session->meter_start_wh},
                             {"meterStopWh", request.meter_stop_wh},
                             {"energyWh", request.meter_stop_wh - session->meter_start_wh},
                             {"startedAt", format_time(session->started_at)},
                             {"stoppedAt", format_time(request.timestamp)}});
        break;
    case StopOutcome::AlreadyStopped:
        logger("core")->info("[charger={}] resent StopTransaction for transaction {} ignored", charger_id,
                             request.transaction_id);
        break;
    case StopOutcome::Orphan:
        logger("core")->warn("[charger={}] StopTransaction for unknown transaction {} kept as an orphan", charger_id,
                             request.transaction_id);
        events_.publish(topics::kOrphanRecorded, Json{{"kind", "stop"},
                                                      {"chargerId", charger_id},
                                                      {"transactionId", request.transaction_id},
                                                      {"connectorId", nullptr},
                                                      {"values", request.transaction_data.size()},
                                                      {"timestamp", format_time(request.timestamp)}});
        break;
    }
}

void Transactions::meter_values(const std::string &charger_id, const MeterValuesReport &report) {
    record_meter_values({ChargerMeterValues{charger_id, report}});
}

void Transactions::record_meter_values(const std::vector<ChargerMeterValues> &batch) {
    const auto now = clock_.now();
    std::vector<std::optional<Session>> sessions;
    std::vector<std::vector<MeterValue>> values_of;
    std::vector<MeterValue> all;
    sessions.reserve(batch.size());
    values_of.reserve(batch.size());
    for (const auto &[charger_id, report] : batch) {
        auto session = session_for(charger_id, report.transaction_id);
        const bool orphan = report.transaction_id && !session;
        auto values = normalise_all(charger_id, report.connector_id, report.transaction_id, report.samples, now);
        for (auto &v : values) {
            v.orphan = orphan;
            all.push_back(v);
        }
        sessions.push_back(std::move(session));
        values_of.push_back(std::move(values));
    }
    events_.atomically([&] {
        repository_.add_meter_values(all);
        for (std::size_t i = 0; i < batch.size(); ++i)
            publish_meter_values(batch[i].charger_id, batch[i].report, sessions[i], values_of[i]);
    });
}

std::optional<Session> Transactions::session_for(const std::string &charger_id,
                                                 std::optional<std::int64_t> transaction_id) {
    if (!transaction_id)
        return std::nullopt;
    std::optional<Session> session;
    {
        std::lock_guard lock(sessions_mutex_);
        if (const auto found = sessions_.find(*transaction_id); found != sessions_.end())
            session = found->second;
    }
    if (!session) {
        session = repository_.find(*transaction_id);
        if (session)
            remember(*session);
    }
    if (session && session->charger_id != charger_id)
        session.reset(); // another charger's transaction: for this one it is unknown
    return session;
}

void Transactions::fix_cost(const std::string &charger_id, std::int64_t transaction_id) {
    if (!tariffs_)
        return;
    if (const auto cost = tariffs_->session_cost(charger_id, transaction_id))
        repository_.save_cost(transaction_id, cost->amount, cost->currency);
}

void Transactions::remember(const Session &session) {
    constexpr std::size_t kMaxCachedSessions = 50'000;
    std::lock_guard lock(sessions_mutex_);
    if (sessions_.size() >= kMaxCachedSessions)
        sessions_.clear();
    sessions_.insert_or_assign(session.transaction_id, session);
}

void Transactions::publish_meter_values(const std::string &charger_id, const MeterValuesReport &report,
                                        const std::optional<Session> &session, const std::vector<MeterValue> &values) {
    const bool orphan = report.transaction_id && !session;
    events_.publish(topics::kMeterValues,
                    Json{{"chargerId", charger_id},
                         {"connectorId", report.connector_id},
                         {"transactionId", report.transaction_id ? Json(*report.transaction_id) : Json(nullptr)},
                         {"orphan", orphan},
                         {"values", values_json(values)}});
    if (orphan) {
        logger("core")->warn("[charger={}] MeterValues for unknown transaction {} kept as orphans", charger_id,
                             *report.transaction_id);
        events_.publish(topics::kOrphanRecorded,
                        Json{{"kind", "meterValues"},
                             {"chargerId", charger_id},
                             {"transactionId", *report.transaction_id},
                             {"connectorId", report.connector_id},
                             {"values", values.size()},
                             {"timestamp", format_time(values.empty() ? clock_.now() : values.front().received_at)}});
    }
    if (!session)
        return;
    const auto energy = latest(values, "Energy.Active.Import.Register");
    events_.publish(
        topics::kSessionUpdated,
        Json{{"transactionId", session->transaction_id},
             {"chargerId", charger_id},
             {"connectorId", session->connector_id},
             {"energyWh", energy ? Json(*energy - static_cast<double>(session->meter_start_wh)) : Json(nullptr)},
             {"meterWh", optional_number(energy)},
             {"powerW", optional_number(latest(values, "Power.Active.Import"))},
             {"soc", optional_number(latest(values, "SoC"))},
             {"values", values_json(values)}});
}

std::vector<Session> Transactions::list(const SessionQuery &query) {
    return repository_.list(query);
}

SessionPage Transactions::page(const SessionQuery &query) {
    return repository_.page(query);
}

std::optional<Session> Transactions::find(std::int64_t transaction_id) {
    return repository_.find(transaction_id);
}

std::vector<MeterValue> Transactions::meter_values_of(const MeterQuery &query) {
    return repository_.meter_values(query);
}

Orphans Transactions::orphans(int limit, const std::string &organisation_id) {
    return Orphans{repository_.orphan_stops(limit, organisation_id),
                   repository_.orphan_meter_values(limit, organisation_id)};
}

} // namespace manage::core
