#include "core_fixture.hpp"

using namespace manage;
using namespace std::chrono_literals;

class SqlChargerRepositoryTest : public manage::testing::CoreFixture {};

TEST_F(SqlChargerRepositoryTest, UnknownChargerIsAbsent) {
    EXPECT_FALSE(repository_->find("nope").has_value());
}

TEST_F(SqlChargerRepositoryTest, RegistrationCreatesThenUpdates) {
    EXPECT_TRUE(repository_->save_registration("CP-1", core::Registration::Pending, clock_.now()));
    EXPECT_FALSE(repository_->save_registration("CP-1", core::Registration::Accepted, clock_.now() + 1h));
    const auto charger = repository_->find("CP-1");
    ASSERT_TRUE(charger);
    EXPECT_EQ(charger->registration, core::Registration::Accepted);
    EXPECT_EQ(charger->created_at, clock_.now()); // the first registration's time stays
}

TEST_F(SqlChargerRepositoryTest, BootIdentityIsKept) {
    repository_->save_registration("CP-1", core::Registration::Accepted, clock_.now());
    repository_->save_boot("CP-1", "1.6", core::BootInfo{"ACME", "Volt 22", "SN-9", "1.2.3", ""}, clock_.now());
    const auto charger = repository_->find("CP-1");
    ASSERT_TRUE(charger);
    EXPECT_EQ(charger->boot.vendor, "ACME");
    EXPECT_EQ(charger->boot.model, "Volt 22");
    EXPECT_EQ(charger->boot.serial_number, "SN-9");
    EXPECT_EQ(charger->boot.firmware_version, "1.2.3");
    EXPECT_EQ(charger->ocpp_version, "1.6");
    EXPECT_EQ(charger->last_boot_at, clock_.now());
}

TEST_F(SqlChargerRepositoryTest, ConnectorStatusChangeTimeMovesOnlyOnChange) {
    repository_->save_registration("CP-1", core::Registration::Accepted, clock_.now());
    const auto t0 = clock_.now();
    repository_->save_status("CP-1", {1, 1, "Available", "NoError", "", "", t0}, t0);
    repository_->save_status("CP-1", {1, 1, "Available", "NoError", "", "", t0 + 1min}, t0 + 1min);
    auto charger = repository_->find("CP-1");
    ASSERT_EQ(charger->connectors.size(), 1u);
    EXPECT_EQ(charger->connectors[0].status_changed_at, t0);

    repository_->save_status("CP-1", {1, 1, "Faulted", "GroundFailure", "RCD tripped", "E17", t0 + 2min}, t0 + 2min);
    charger = repository_->find("CP-1");
    const auto &c = charger->connectors.at(0);
    EXPECT_EQ(c.status, "Faulted");
    EXPECT_EQ(c.error_code, "GroundFailure");
    EXPECT_EQ(c.info, "RCD tripped");
    EXPECT_EQ(c.vendor_error_code, "E17");
    EXPECT_EQ(c.status_changed_at, t0 + 2min);
}

TEST_F(SqlChargerRepositoryTest, ConnectorZeroIsTheChargerItself) {
    repository_->save_registration("CP-1", core::Registration::Accepted, clock_.now());
    repository_->save_status("CP-1", {0, 0, "Unavailable", "NoError", "", "", std::nullopt}, clock_.now());
    const auto charger = repository_->find("CP-1");
    EXPECT_EQ(charger->status, "Unavailable");
    EXPECT_TRUE(charger->connectors.empty());
}

TEST_F(SqlChargerRepositoryTest, ListReturnsEveryChargerWithItsConnectorsInOrder) {
    for (const char *id : {"B", "A", "C"})
        repository_->save_registration(id, core::Registration::Accepted, clock_.now());
    repository_->save_status("A", {2, 2, "Charging", "NoError", "", "", std::nullopt}, clock_.now());
    repository_->save_status("A", {1, 1, "Available", "NoError", "", "", std::nullopt}, clock_.now());
    repository_->save_status("C", {1, 1, "Faulted", "OtherError", "", "", std::nullopt}, clock_.now());
    const auto chargers = repository_->list();
    ASSERT_EQ(chargers.size(), 3u);
    EXPECT_EQ(chargers[0].id, "A");
    ASSERT_EQ(chargers[0].connectors.size(), 2u);
    EXPECT_EQ(chargers[0].connectors[0].connector_id, 1);
    EXPECT_EQ(chargers[0].connectors[1].status, "Charging");
    EXPECT_TRUE(chargers[1].connectors.empty());
    EXPECT_EQ(chargers[2].connectors.at(0).status, "Faulted");
}

TEST_F(SqlChargerRepositoryTest, EveryStatusReportIsKeptInTheHistory) {
    repository_->save_registration("CP-1", core::Registration::Accepted, clock_.now());
    for (const char *status : {"Available", "Preparing", "Charging", "Charging"})
        repository_->save_status("CP-1", {1, 1, status, "NoError", "", "", std::nullopt}, clock_.now());
    int count = 0;
    database_->with_session([&](soci::session &sql) {
        sql << "SELECT COUNT(*) FROM status_history WHERE charger_id = 'CP-1'", soci::into(count);
    });
    EXPECT_EQ(count, 4);
}
