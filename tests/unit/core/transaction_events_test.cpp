// OCPP 2.0.1 TransactionEvent in core (E01–E15): one session per station transaction id, whatever
// order its events arrive in, each seqNo once, energy from the energy register, over SQLite.
#include "charging_fixture.hpp"
#include "event_log.hpp"

#include "manage/common/time_format.hpp"

using namespace manage;
using namespace std::chrono_literals;
using core::IdTagStatus;

namespace {

class TransactionEventsTest : public manage::testing::ChargingFixture {
protected:
    TimePoint t0 = *parse_time("2026-11-26T10:00:00Z");

    core::TransactionEventRequest event(const std::string &type, int seq_no, TimePoint at,
                                        std::optional<double> register_wh = std::nullopt,
                                        const std::string &station_id = "TX-A") {
        core::TransactionEventRequest request;
        auto &e = request.event;
        e.station_transaction_id = station_id;
        e.seq_no = seq_no;
        e.event_type = type;
        e.trigger_reason = type == "Started" ? "CablePluggedIn" : type == "Ended" ? "EVDeparted" : "MeterValuePeriodic";
        e.timestamp = at;
        e.evse_id = 1;
        e.connector_id = 1;
        if (register_wh) {
            core::MeterSample sample;
            sample.timestamp = at;
            sample.value = *register_wh;
            sample.raw_value = std::to_string(*register_wh);
            sample.context = type == "Started" ? "Transaction.Begin"
                             : type == "Ended" ? "Transaction.End"
                                               : "Sample.Periodic";
            request.samples.push_back(sample);
        }
        return request;
    }
    core::TransactionEventRequest with_token(core::TransactionEventRequest request, const std::string &token,
                                             const std::string &type = "ISO14443") {
        request.event.id_token = token;
        request.event.id_token_type = type;
        return request;
    }
    core::Session session(std::int64_t id) {
        auto found = transactions_->find(id);
        EXPECT_TRUE(found.has_value());
        return found.value_or(core::Session{});
    }
};

} // namespace

TEST_F(TransactionEventsTest, E01_StartedUpdatedEndedMakeOneSessionWithItsEnergy) {
    put_tag("DRIVER");
    manage::testing::EventLog sessions(bus_, "session.*");
    const auto started =
        transactions_->on_transaction_event("CP-1", with_token(event("Started", 0, t0, 10'000), "DRIVER"));
    ASSERT_TRUE(started.id_token_info);
    EXPECT_EQ(started.id_token_info->status, IdTagStatus::Accepted);
    EXPECT_GT(started.transaction_id, 0);
    const auto updated = transactions_->on_transaction_event("CP-1", event("Updated", 1, t0 + 15min, 14'000));
    EXPECT_EQ(updated.transaction_id, started.transaction_id);
    EXPECT_FALSE(updated.id_token_info) << "no token in the event, no idTokenInfo";
    auto ended = event("Ended", 2, t0 + 1h, 31'500);
    ended.event.stopped_reason = "EVDisconnected";
    transactions_->on_transaction_event("CP-1", ended);

    const auto s = session(started.transaction_id);
    EXPECT_EQ(s.station_transaction_id, "TX-A");
    EXPECT_EQ(s.charger_id, "CP-1");
    EXPECT_EQ(s.evse_id, 1);
    EXPECT_EQ(s.id_tag, "DRIVER");
    EXPECT_EQ(s.started_at, t0);
    EXPECT_EQ(s.stopped_at, t0 + 1h);
    EXPECT_EQ(s.stop_reason, "EVDisconnected");
    EXPECT_EQ(s.meter_start_wh, 10'000);
    EXPECT_EQ(s.meter_stop_wh, 31'500);
    EXPECT_EQ(s.energy_wh, 21'500);
    EXPECT_FALSE(s.active());

    EXPECT_EQ(sessions.wait_for("session.started", 1).size(), 1U);
    const auto stopped = sessions.wait_for("session.stopped", 1);
    ASSERT_EQ(stopped.size(), 1U);
    const auto payload = nlohmann::json::parse(stopped[0].payload);
    EXPECT_EQ(payload["stationTransactionId"], "TX-A");
    EXPECT_EQ(payload["energyWh"], 21'500);
    EXPECT_EQ(payload["reason"], "EVDisconnected");
    EXPECT_EQ(sessions.wait_for("session.updated", 3).size(), 3U) << "each event's meter values update the session";
}

TEST_F(TransactionEventsTest, E07_AResentSeqNoChangesNothing) {
    manage::testing::EventLog events(bus_, "transaction.event");
    const auto first = transactions_->on_transaction_event("CP-1", event("Started", 0, t0, 1000));
    const auto again = transactions_->on_transaction_event("CP-1", event("Started", 0, t0, 1000));
    EXPECT_FALSE(first.duplicate);
    EXPECT_TRUE(again.duplicate);
    EXPECT_EQ(again.transaction_id, first.transaction_id);
    EXPECT_EQ(transactions_->events_of(first.transaction_id).size(), 1U);
    EXPECT_EQ(transactions_->list({"CP-1", std::nullopt, 10}).size(), 1U);
    EXPECT_EQ(events.wait_for(1).size(), 1U);
    EXPECT_EQ(transactions_->meter_values_of({first.transaction_id, "", std::nullopt, "", {}, {}, 100}).size(), 1U);
}

TEST_F(TransactionEventsTest, E08_OfflineEventsArrivingOutOfOrderBuildTheSameSession) {
    // The station was offline: its queue arrives with Ended first, then the rest in reverse.
    auto ended = event("Ended", 3, t0 + 2h, 50'000);
    ended.event.offline = true;
    const auto first = transactions_->on_transaction_event("CP-1", ended);
    auto s = session(first.transaction_id);
    EXPECT_FALSE(s.active()) << "an Ended alone closes the session it opens";
    EXPECT_EQ(s.stop_reason, "Local") << "stoppedReason omitted means Local";

    transactions_->on_transaction_event("CP-1", event("Updated", 2, t0 + 1h, 30'000));
    transactions_->on_transaction_event("CP-1", with_token(event("Started", 0, t0, 10'000), "DRIVER"));
    transactions_->on_transaction_event("CP-1", event("Updated", 1, t0 + 30min, 20'000));

    s = session(first.transaction_id);
    EXPECT_EQ(s.started_at, t0) << "the start moves back to the earliest event";
    EXPECT_EQ(s.stopped_at, t0 + 2h);
    EXPECT_EQ(s.id_tag, "DRIVER") << "the token of the late Started is the session's";
    EXPECT_EQ(s.meter_start_wh, 10'000);
    EXPECT_EQ(s.meter_stop_wh, 50'000);
    EXPECT_EQ(s.energy_wh, 40'000);
    EXPECT_FALSE(s.active()) << "late events never reopen an ended session";
    const auto recorded = transactions_->events_of(first.transaction_id);
    ASSERT_EQ(recorded.size(), 4U);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(recorded[static_cast<std::size_t>(i)].seq_no, i) << "events are listed in seqNo order";
    EXPECT_TRUE(recorded[3].offline);
    EXPECT_EQ(transactions_->list({"CP-1", std::nullopt, 10}).size(), 1U);
}

TEST_F(TransactionEventsTest, E03_TokenPresentedAfterTheStartIsAuthorizedThen) {
    put_tag("LATE", IdTagStatus::Blocked);
    const auto started = transactions_->on_transaction_event("CP-1", event("Started", 0, t0, 0));
    EXPECT_FALSE(started.id_token_info);
    const auto authorized =
        transactions_->on_transaction_event("CP-1", with_token(event("Updated", 1, t0 + 1min), "LATE"));
    ASSERT_TRUE(authorized.id_token_info);
    EXPECT_EQ(authorized.id_token_info->status, IdTagStatus::Blocked);
    const auto s = session(started.transaction_id);
    EXPECT_EQ(s.id_tag, "LATE");
    EXPECT_EQ(s.start_status, IdTagStatus::Blocked);
}

TEST_F(TransactionEventsTest, C01_UnknownTokenIsInvalidAndNoAuthorizationIsAccepted) {
    const auto unknown = transactions_->on_transaction_event("CP-1", with_token(event("Started", 0, t0), "NOBODY"));
    EXPECT_EQ(unknown.id_token_info->status, IdTagStatus::Invalid);
    const auto free = transactions_->on_transaction_event(
        "CP-1", with_token(event("Started", 0, t0, std::nullopt, "TX-B"), "", "NoAuthorization"));
    EXPECT_EQ(free.id_token_info->status, IdTagStatus::Accepted);
}

TEST_F(TransactionEventsTest, C01_TokenAlreadyChargingElsewhereIsConcurrentTx) {
    put_tag("DRIVER");
    transactions_->on_transaction_event("CP-1", with_token(event("Started", 0, t0, 0, "TX-A"), "DRIVER"));
    const auto second =
        transactions_->on_transaction_event("CP-2", with_token(event("Started", 0, t0, 0, "TX-Z"), "DRIVER"));
    EXPECT_EQ(second.id_token_info->status, IdTagStatus::ConcurrentTx);
    // Its own session's later events are not concurrent with it.
    const auto own = transactions_->on_transaction_event(
        "CP-1", with_token(event("Updated", 1, t0 + 1min, std::nullopt, "TX-A"), "DRIVER"));
    EXPECT_EQ(own.id_token_info->status, IdTagStatus::Accepted);
}

TEST_F(TransactionEventsTest, SameStationIdOnTwoChargersIsTwoSessions) {
    const auto a = transactions_->on_transaction_event("CP-1", event("Started", 0, t0, 0, "1"));
    const auto b = transactions_->on_transaction_event("CP-2", event("Started", 0, t0, 0, "1"));
    EXPECT_NE(a.transaction_id, b.transaction_id);
}

TEST_F(TransactionEventsTest, J01_EventMeterValuesAreTheSessionsTimeSeriesInBaseUnits) {
    auto started = event("Started", 0, t0);
    core::MeterSample power;
    power.timestamp = t0;
    power.measurand = "Power.Active.Import";
    power.unit = "kW";
    power.value = 11;
    power.raw_value = "11";
    started.samples.push_back(power);
    const auto result = transactions_->on_transaction_event("CP-1", started);
    const auto values = transactions_->meter_values_of({result.transaction_id, "", std::nullopt, "", {}, {}, 100});
    ASSERT_EQ(values.size(), 1U);
    EXPECT_EQ(values[0].unit, "W");
    EXPECT_DOUBLE_EQ(values[0].value.value_or(0), 11'000.0);
    EXPECT_EQ(values[0].connector_id, 1) << "a 2.0.1 meter value's connector is its EVSE";
    EXPECT_FALSE(values[0].orphan);
}
