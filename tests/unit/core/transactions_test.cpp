#include "charging_fixture.hpp"
#include "event_log.hpp"

#include <set>

using namespace manage;
using namespace std::chrono_literals;
using core::IdTagStatus;

class TransactionsTest : public manage::testing::ChargingFixture {
protected:
    core::MeterSample sample(const std::string &measurand, double value, const std::string &unit,
                             const std::string &phase = "") {
        core::MeterSample s;
        s.timestamp = clock_.now();
        s.measurand = measurand;
        s.value = value;
        s.unit = unit;
        s.phase = phase;
        s.raw_value = std::to_string(value);
        return s;
    }
};

TEST_F(TransactionsTest, StartOpensASessionWithAUniqueIntegerId) {
    put_tag("DRIVER");
    manage::testing::EventLog events(bus_, "session.*");
    std::set<std::int64_t> ids;
    for (int connector = 1; connector <= 3; ++connector) {
        const auto started = transactions_->start("CP-1", {connector, "DRIVER", 1000, clock_.now(), std::nullopt});
        EXPECT_FALSE(started.resent);
        EXPECT_GT(started.transaction_id, 0);
        ids.insert(started.transaction_id);
        clock_.advance(1s);
    }
    EXPECT_EQ(ids.size(), 3u);
    const auto session = transactions_->find(*ids.begin());
    ASSERT_TRUE(session);
    EXPECT_EQ(session->charger_id, "CP-1");
    EXPECT_EQ(session->meter_start_wh, 1000);
    EXPECT_TRUE(session->active());
    const auto started = events.wait_for("session.started", 3);
    ASSERT_EQ(started.size(), 3u);
    const auto payload = nlohmann::json::parse(started[0].payload);
    EXPECT_EQ(payload["chargerId"], "CP-1");
    EXPECT_EQ(payload["idTag"], "DRIVER");
    EXPECT_EQ(payload["meterStartWh"], 1000);
}

TEST_F(TransactionsTest, AResentStartGetsTheSameTransactionId) {
    put_tag("DRIVER");
    const auto at = clock_.now();
    const auto first = transactions_->start("CP-1", {1, "DRIVER", 500, at, std::nullopt});
    clock_.advance(10min); // the charger was offline and resends its queue
    const auto again = transactions_->start("CP-1", {1, "DRIVER", 500, at, std::nullopt});
    EXPECT_EQ(again.transaction_id, first.transaction_id);
    EXPECT_TRUE(again.resent);
    EXPECT_EQ(again.id_tag_info.status, IdTagStatus::Accepted);
    // Another start time is another transaction.
    const auto other = transactions_->start("CP-1", {1, "DRIVER", 500, at + 1s, std::nullopt});
    EXPECT_NE(other.transaction_id, first.transaction_id);
}

TEST_F(TransactionsTest, UnknownTagsStillGetATransactionAnsweredInvalid) {
    const auto started = transactions_->start("CP-1", {1, "STRANGER", 0, clock_.now(), std::nullopt});
    EXPECT_GT(started.transaction_id, 0);
    EXPECT_EQ(started.id_tag_info.status, IdTagStatus::Invalid);
    EXPECT_EQ(transactions_->find(started.transaction_id)->start_status, IdTagStatus::Invalid);
}

TEST_F(TransactionsTest, StopClosesTheSessionOnceWithItsEnergy) {
    put_tag("DRIVER");
    manage::testing::EventLog events(bus_, "session.stopped");
    const auto started = transactions_->start("CP-1", {2, "DRIVER", 12000, clock_.now(), std::nullopt});
    clock_.advance(1h);
    core::TransactionStopRequest stop{
        started.transaction_id, "DRIVER",         34500,
        clock_.now(),           "EVDisconnected", {sample("Energy.Active.Import.Register", 34.5, "kWh")}};
    stop.transaction_data[0].context = "Transaction.End";
    const auto info = transactions_->stop("CP-1", stop);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->status, IdTagStatus::Accepted);
    auto session = transactions_->find(started.transaction_id);
    EXPECT_FALSE(session->active());
    EXPECT_EQ(session->energy_wh, 22500);
    EXPECT_EQ(session->stop_reason, "EVDisconnected");
    EXPECT_EQ(session->stopped_at, clock_.now());

    // The resend changes nothing and publishes nothing more.
    clock_.advance(5min);
    stop.meter_stop_wh = 99999;
    transactions_->stop("CP-1", stop);
    session = transactions_->find(started.transaction_id);
    EXPECT_EQ(session->energy_wh, 22500);
    EXPECT_TRUE(transactions_->orphans(10).stops.empty());

    const auto values = transactions_->meter_values_of({started.transaction_id, "CP-1", {}, "", {}, {}, 100});
    ASSERT_EQ(values.size(), 1u);
    EXPECT_EQ(values[0].value, 34500.0);
    EXPECT_EQ(values[0].unit, "Wh");
    EXPECT_EQ(values[0].raw_unit, "kWh");
    EXPECT_EQ(values[0].connector_id, 2);
    EXPECT_EQ(values[0].context, "Transaction.End");

    const auto stopped = events.wait_for("session.stopped", 1);
    ASSERT_EQ(stopped.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(stopped[0].payload)["energyWh"], 22500);
}

TEST_F(TransactionsTest, StopsForUnknownTransactionsAreKeptAsOrphans) {
    manage::testing::EventLog events(bus_, "orphan.recorded");
    core::TransactionStopRequest stop{4242, "", 777, clock_.now(), "", {sample("SoC", 80, "Percent")}};
    EXPECT_FALSE(transactions_->stop("CP-1", stop).has_value());
    transactions_->stop("CP-1", stop); // resent: still one orphan
    const auto orphans = transactions_->orphans(10);
    ASSERT_EQ(orphans.stops.size(), 1u);
    EXPECT_EQ(orphans.stops[0].transaction_id, 4242);
    EXPECT_EQ(orphans.stops[0].meter_stop_wh, 777);
    ASSERT_EQ(orphans.meter_values.size(), 1u);
    EXPECT_TRUE(orphans.meter_values[0].orphan);
    EXPECT_EQ(orphans.meter_values[0].transaction_id, 4242);
    EXPECT_FALSE(events.wait_for("orphan.recorded", 1).empty());

    // A transaction of another charger is unknown to this one.
    put_tag("DRIVER");
    const auto started = transactions_->start("CP-2", {1, "DRIVER", 0, clock_.now(), std::nullopt});
    transactions_->stop("CP-1", {started.transaction_id, "", 10, clock_.now(), "", {}});
    EXPECT_TRUE(transactions_->find(started.transaction_id)->active());
    EXPECT_EQ(transactions_->orphans(10).stops.size(), 2u);
}

TEST_F(TransactionsTest, MeterValuesAreStoredPerSessionAndConnector) {
    put_tag("DRIVER");
    manage::testing::EventLog events(bus_, "session.updated");
    const auto started = transactions_->start("CP-1", {1, "DRIVER", 1000, clock_.now(), std::nullopt});
    clock_.advance(1min);
    const core::MeterValuesReport report{
        1,
        started.transaction_id,
        {sample("Energy.Active.Import.Register", 1.5, "kWh"), sample("Power.Active.Import", 11, "kW"),
         sample("Current.Import", 16, "A", "L1"), sample("Current.Import", 15.5, "A", "L2"),
         sample("Voltage", 230, "V", "L1-N"), sample("SoC", 42, "Percent"), sample("Temperature", 31, "Celcius")}};
    transactions_->meter_values("CP-1", report);
    transactions_->meter_values("CP-1", report); // resent: stored once
    transactions_->meter_values("CP-1", {1, std::nullopt, {sample("Voltage", 231, "V")}});

    const auto of_session = transactions_->meter_values_of({started.transaction_id, "CP-1", {}, "", {}, {}, 100});
    EXPECT_EQ(of_session.size(), 7u);
    const auto currents =
        transactions_->meter_values_of({started.transaction_id, "CP-1", {}, "Current.Import", {}, {}, 100});
    ASSERT_EQ(currents.size(), 2u);
    EXPECT_EQ(currents[0].phase, "L1");
    const auto temperature =
        transactions_->meter_values_of({started.transaction_id, "CP-1", {}, "Temperature", {}, {}, 100});
    ASSERT_EQ(temperature.size(), 1u);
    EXPECT_EQ(temperature[0].unit, "Celsius");
    const auto power = transactions_->meter_values_of({std::nullopt, "CP-1", 1, "Power.Active.Import", {}, {}, 10});
    ASSERT_EQ(power.size(), 1u);
    EXPECT_EQ(power[0].value, 11000.0);
    EXPECT_EQ(power[0].unit, "W");
    const auto voltages = transactions_->meter_values_of({std::nullopt, "CP-1", 1, "Voltage", {}, {}, 10});
    EXPECT_EQ(voltages.size(), 2u);
    EXPECT_TRUE(transactions_->meter_values_of({std::nullopt, "CP-1", 2, "", {}, {}, 10}).empty());
    EXPECT_TRUE(transactions_->meter_values_of({std::nullopt, "CP-1", {}, "", clock_.now() + 1s, {}, 10}).empty());
    EXPECT_EQ(transactions_->meter_values_of({std::nullopt, "CP-1", {}, "", {}, clock_.now(), 10}).size(), 0u);
    EXPECT_EQ(transactions_->meter_values_of({std::nullopt, "CP-1", {}, "", {}, clock_.now() + 1ms, 10}).size(), 8u);

    const auto updated = events.wait_for("session.updated", 1);
    ASSERT_FALSE(updated.empty());
    const auto payload = nlohmann::json::parse(updated[0].payload);
    EXPECT_EQ(payload["transactionId"], started.transaction_id);
    EXPECT_EQ(payload["energyWh"], 500.0);
    EXPECT_EQ(payload["powerW"], 11000.0);
    EXPECT_EQ(payload["soc"], 42.0);
}

TEST_F(TransactionsTest, MeterValuesForUnknownTransactionsAreOrphans) {
    transactions_->meter_values("CP-1", {3, 999, {sample("SoC", 55, "Percent")}});
    const auto orphans = transactions_->orphans(10);
    ASSERT_EQ(orphans.meter_values.size(), 1u);
    EXPECT_EQ(orphans.meter_values[0].transaction_id, 999);
    EXPECT_EQ(orphans.meter_values[0].connector_id, 3);
    EXPECT_TRUE(transactions_->meter_values_of({std::nullopt, "CP-1", {}, "", {}, {}, 10}).empty());
}

TEST_F(TransactionsTest, SessionsAreListedByChargerAndState) {
    put_tag("A");
    put_tag("B");
    const auto a = transactions_->start("CP-1", {1, "A", 0, clock_.now(), std::nullopt});
    const auto b = transactions_->start("CP-2", {1, "B", 0, clock_.now(), std::nullopt});
    transactions_->stop("CP-1", {a.transaction_id, "", 10, clock_.now(), "", {}});
    EXPECT_EQ(transactions_->list({}).size(), 2u);
    EXPECT_EQ(transactions_->list({"", true, 100}).at(0).transaction_id, b.transaction_id);
    EXPECT_EQ(transactions_->list({"", false, 100}).at(0).transaction_id, a.transaction_id);
    EXPECT_EQ(transactions_->list({"CP-2", std::nullopt, 100}).size(), 1u);
    EXPECT_EQ(transactions_->list({"", std::nullopt, 1}).size(), 1u);
}
