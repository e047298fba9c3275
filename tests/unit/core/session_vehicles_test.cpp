// Sessions tied to vehicles: by the vehicle's RFID token, by the depot's charger assignments when no
// token names one, or by hand; the session list filtered by vehicle. Over SQLite.
#include "charging_fixture.hpp"
#include "event_log.hpp"
#include "fleet_scenarios.hpp"

#include "manage/core/fleets.hpp"
#include "manage/core/session_vehicles.hpp"
#include "manage/core/sql_fleet_repository.hpp"
#include "manage/core/sql_vehicle_assignment_repository.hpp"

using namespace manage;
using namespace std::chrono_literals;
using core::VehicleLink;
namespace fleet = manage::testing::fleet;

namespace {

class SessionVehiclesTest : public manage::testing::ChargingFixture {
protected:
    void SetUp() override {
        ChargingFixture::SetUp();
        fleets_repository_ = std::make_unique<core::SqlFleetRepository>(*database_);
        fleets_ = std::make_unique<core::Fleets>(*fleets_repository_, clock_);
        assignments_repository_ = std::make_unique<core::SqlVehicleAssignmentRepository>(*database_);
        vehicles_ = std::make_unique<core::SessionVehicles>(*assignments_repository_, *fleets_, *sessions_repository_,
                                                            *repository_, clock_);
        transactions_->set_session_vehicles(vehicles_.get());
        buses_ = fleet::created_fleet(*fleets_, "default", "Buses");
        bus7_ = fleet::created_vehicle(*fleets_, "default", fleet::vehicle(buses_.id, "Bus 7", {"CARD-7"}));
        bus8_ = fleet::created_vehicle(*fleets_, "default", fleet::vehicle(buses_.id, "Bus 8"));
        put_tag("CARD-7");
        put_tag("DEPOT-CARD");
    }
    void TearDown() override {
        transactions_->set_session_vehicles(nullptr);
        vehicles_.reset();
        ChargingFixture::TearDown();
    }

    core::Session started(const std::string &charger, int connector, const std::string &tag) {
        const auto result = transactions_->start(charger, {connector, tag, 0, clock_.now(), std::nullopt});
        return transactions_->find(result.transaction_id).value_or(core::Session{});
    }

    core::VehicleAssignment assignment(const core::Vehicle &vehicle, const std::string &charger, int connector,
                                       TimePoint from, TimePoint to) {
        core::VehicleAssignment a;
        a.vehicle_id = vehicle.id;
        a.charger_id = charger;
        a.connector_id = connector;
        a.starts_at = from;
        a.ends_at = to;
        return a;
    }

    std::unique_ptr<core::SqlFleetRepository> fleets_repository_;
    std::unique_ptr<core::Fleets> fleets_;
    std::unique_ptr<core::SqlVehicleAssignmentRepository> assignments_repository_;
    std::unique_ptr<core::SessionVehicles> vehicles_;
    core::Fleet buses_;
    core::Vehicle bus7_;
    core::Vehicle bus8_;
};

} // namespace

TEST_F(SessionVehiclesTest, TheVehiclesOwnTokenLinksItsSessionAndTheStartEventSaysSo) {
    manage::testing::EventLog events(bus_, "session.*");
    const auto session = started("CP-1", 1, "CARD-7");
    EXPECT_EQ(session.vehicle_id, bus7_.id);
    EXPECT_EQ(session.vehicle_link, VehicleLink::Token);
    const auto published = events.wait_for("session.started", 1);
    ASSERT_EQ(published.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(published[0].payload)["vehicleId"], bus7_.id);
}

TEST_F(SessionVehiclesTest, WithoutItsTokenTheChargersAssignmentNamesTheVehicle) {
    const auto now = clock_.now();
    ASSERT_TRUE(vehicles_->assign("default", assignment(bus8_, "CP-1", 1, now - 1h, now + 8h)));
    const auto planned = started("CP-1", 1, "DEPOT-CARD");
    EXPECT_EQ(planned.vehicle_id, bus8_.id);
    EXPECT_EQ(planned.vehicle_link, VehicleLink::Schedule);
    // Another connector, and the same connector after the plan ends, are not the vehicle's.
    EXPECT_EQ(started("CP-1", 2, "DEPOT-CARD").vehicle_link, VehicleLink::None);
    clock_.advance(9h);
    EXPECT_EQ(started("CP-1", 1, "DEPOT-CARD").vehicle_link, VehicleLink::None);
}

TEST_F(SessionVehiclesTest, ATokenBeatsTheAssignment) {
    const auto now = clock_.now();
    ASSERT_TRUE(vehicles_->assign("default", assignment(bus8_, "CP-1", 0, now - 1h, now + 8h)));
    const auto session = started("CP-1", 1, "CARD-7");
    EXPECT_EQ(session.vehicle_id, bus7_.id);
    EXPECT_EQ(session.vehicle_link, VehicleLink::Token);
}

TEST_F(SessionVehiclesTest, TwoVehiclesCannotBePlannedOnOneConnectorAtOnce) {
    const auto now = clock_.now();
    ASSERT_TRUE(vehicles_->assign("default", assignment(bus8_, "CP-1", 1, now, now + 8h)));
    const auto overlapping = vehicles_->assign("default", assignment(bus7_, "CP-1", 0, now + 7h, now + 9h));
    ASSERT_FALSE(overlapping);
    EXPECT_EQ(overlapping.error().code, "assignment_overlaps");
    // Back to back, and another connector, are fine.
    EXPECT_TRUE(vehicles_->assign("default", assignment(bus7_, "CP-1", 1, now + 8h, now + 16h)));
    EXPECT_TRUE(vehicles_->assign("default", assignment(bus7_, "CP-1", 2, now, now + 8h)));
    const auto backwards = vehicles_->assign("default", assignment(bus7_, "CP-2", 1, now + 1h, now));
    ASSERT_FALSE(backwards);
    EXPECT_EQ(backwards.error().code, "invalid_period");
    EXPECT_EQ(backwards.error().field, "endsAt");
    const auto listed = vehicles_->assignments("default", core::AssignmentQuery{bus7_.id, "", std::nullopt, 100});
    EXPECT_EQ(listed.size(), 2u);
}

TEST_F(SessionVehiclesTest, ALinkMadeByHandIsKeptAndCanBeUndone) {
    auto session = started("CP-1", 1, "DEPOT-CARD");
    ASSERT_EQ(session.vehicle_link, VehicleLink::None);
    const auto linked = vehicles_->link_by_hand("default", session.transaction_id, bus8_.id);
    ASSERT_TRUE(linked) << linked.error().message;
    EXPECT_EQ(transactions_->find(session.transaction_id)->vehicle_link, VehicleLink::Manual);
    // Automatic recognition never replaces it.
    EXPECT_FALSE(sessions_repository_->link_vehicle(session.transaction_id, bus7_.id, VehicleLink::Token, true));
    EXPECT_EQ(transactions_->find(session.transaction_id)->vehicle_id, bus8_.id);
    ASSERT_TRUE(vehicles_->link_by_hand("default", session.transaction_id, std::nullopt));
    const auto unlinked = transactions_->find(session.transaction_id);
    EXPECT_EQ(unlinked->vehicle_id, "");
    EXPECT_EQ(unlinked->vehicle_link, VehicleLink::None);
}

TEST_F(SessionVehiclesTest, AnotherOrganisationsVehiclesChargersAndSessionsAreOutOfReach) {
    const auto theirs = fleet::created_fleet(*fleets_, "other", "Their vans");
    const auto van = fleet::created_vehicle(*fleets_, "other", fleet::vehicle(theirs.id, "Van"));
    const auto session = started("CP-1", 1, "DEPOT-CARD");
    const auto foreign_vehicle = vehicles_->link_by_hand("default", session.transaction_id, van.id);
    ASSERT_FALSE(foreign_vehicle);
    EXPECT_EQ(foreign_vehicle.error().code, "vehicle_not_found");
    const auto foreign_session = vehicles_->link_by_hand("other", session.transaction_id, van.id);
    ASSERT_FALSE(foreign_session);
    EXPECT_EQ(foreign_session.error().code, "session_not_found");
    const auto now = clock_.now();
    const auto foreign_charger = vehicles_->assign("other", assignment(van, "CP-1", 1, now, now + 1h));
    ASSERT_FALSE(foreign_charger);
    EXPECT_EQ(foreign_charger.error().code, "charger_not_found");
    // Their token does not name our vehicle either.
    EXPECT_EQ(vehicles_->recognise("other", session), std::nullopt);
}

TEST_F(SessionVehiclesTest, TheSessionListFiltersByVehicle) {
    started("CP-1", 1, "CARD-7");
    started("CP-2", 1, "DEPOT-CARD");
    clock_.advance(1min);
    started("CP-1", 2, "CARD-7");
    core::SessionQuery query;
    query.organisation_id = "default";
    query.vehicle_id = bus7_.id;
    const auto page = transactions_->page(query);
    ASSERT_EQ(page.items.size(), 2u);
    for (const auto &s : page.items)
        EXPECT_EQ(s.vehicle_id, bus7_.id);
}

TEST_F(SessionVehiclesTest, A201TokenArrivingAfterStartedStillLinksTheSession) {
    core::TransactionEventRequest request;
    auto &e = request.event;
    e.station_transaction_id = "TX-9";
    e.seq_no = 0;
    e.event_type = "Started";
    e.trigger_reason = "CablePluggedIn";
    e.timestamp = clock_.now();
    e.evse_id = 1;
    e.connector_id = 1;
    const auto first = transactions_->on_transaction_event("CP-1", request);
    EXPECT_EQ(transactions_->find(first.transaction_id)->vehicle_link, VehicleLink::None);
    e.seq_no = 1;
    e.event_type = "Updated";
    e.trigger_reason = "Authorized";
    e.id_token = "CARD-7";
    e.id_token_type = "ISO14443";
    transactions_->on_transaction_event("CP-1", request);
    const auto session = transactions_->find(first.transaction_id);
    EXPECT_EQ(session->vehicle_id, bus7_.id);
    EXPECT_EQ(session->vehicle_link, VehicleLink::Token);
}
