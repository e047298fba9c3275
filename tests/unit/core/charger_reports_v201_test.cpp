// What OCPP 2.0.1 stations report besides sessions: the SignCertificate certificate type (A02/A03),
// PublishFirmwareStatusNotification's locations (L03), ReservationStatusUpdate (H05), and the ISO 15118
// certificate requests (M02/M03 Get15118EVCertificate, M06 GetCertificateStatus); and migration 7 under
// rows stored before it.
#include "charging_fixture.hpp"
#include "event_log.hpp"

#include "manage/core/sql_command_repository.hpp"

using namespace manage;
using namespace std::chrono_literals;
using Json = nlohmann::json;

namespace {

// openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=CP-1/O=Manage Test"
constexpr const char *kCsr = R"(-----BEGIN CERTIFICATE REQUEST-----
MIHgMIGHAgEAMCUxDTALBgNVBAMMBENQLTExFDASBgNVBAoMC01hbmFnZSBUZXN0
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEXluHn0Xc5bfU/T3BvqCVX6McQGNd
GgKla8Crr1lnsKp9KjDoO+nkB4m2vtLCGLxaVdQpThPuWN03vb6choQNFqAAMAoG
CCqGSM49BAMCA0gAMEUCIQDTR4v/aCYj0eLwFlMj/Cf6I+4f4GlAdDGxdukkH9sd
ZgIgQOnZsY0Ek8OqrSrEW0k1RXm3jRHf1s9OKbLgkju9AIE=
-----END CERTIFICATE REQUEST-----
)";

} // namespace

class ChargerReportsV201Test : public manage::testing::ChargingFixture {
protected:
    void SetUp() override {
        ChargingFixture::SetUp();
        commands_repository_ = std::make_unique<core::SqlCommandRepository>(*database_);
        reports_with_reservations_ =
            std::make_unique<core::ChargerReports>(*reports_repository_, events_, clock_, commands_repository_.get());
    }
    void TearDown() override {
        reports_with_reservations_.reset();
        commands_repository_.reset();
        ChargingFixture::TearDown();
    }

    void reserve(const std::string &charger_id, int reservation_id) {
        core::Reservation reservation;
        reservation.charger_id = charger_id;
        reservation.reservation_id = reservation_id;
        reservation.connector_id = 1;
        reservation.id_tag = "TAG-1";
        reservation.expiry = clock_.now() + 1h;
        reservation.created_at = clock_.now();
        reservation.updated_at = clock_.now();
        commands_repository_->save_reservation(reservation);
    }
    std::string status_of(const std::string &charger_id, int reservation_id) {
        for (const auto &r : commands_repository_->reservations(charger_id))
            if (r.reservation_id == reservation_id)
                return r.status;
        return "<none>";
    }

    std::unique_ptr<core::SqlCommandRepository> commands_repository_;
    std::unique_ptr<core::ChargerReports> reports_with_reservations_;
};

TEST_F(ChargerReportsV201Test, A03_TheCertificateTypeIsKeptListedAndPublished) {
    manage::testing::EventLog events(bus_, "certificate.requested");
    const auto v2g = reports_->on_sign_certificate("CP-1", kCsr, "V2GCertificate");
    EXPECT_FALSE(v2g.accepted);
    EXPECT_EQ(v2g.reason_code, "NoPKI") << "a V2G certificate needs the ISO 15118 PKI";
    clock_.advance(1s);
    EXPECT_EQ(reports_->on_sign_certificate("CP-1", kCsr).reason_code, "NoCA"); // 1.6, and 2.0.1 without a type
    clock_.advance(1s);
    EXPECT_EQ(reports_->on_sign_certificate("CP-1", "-----BEGIN CERTIFICATE REQUEST-----\nnope\n", "V2GCertificate")
                  .reason_code,
              "InvalidCSR");

    const auto requests = reports_->certificate_requests("CP-1");
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[2].certificate_type, "V2GCertificate");
    EXPECT_EQ(requests[2].status, "Rejected");
    EXPECT_EQ(requests[2].reason.rfind("NoPKI: ", 0), 0u) << requests[2].reason;
    EXPECT_EQ(requests[1].certificate_type, "ChargingStationCertificate");
    EXPECT_EQ(requests[0].certificate_type, "V2GCertificate");
    EXPECT_EQ(requests[0].status, "Rejected");

    const auto published = events.wait_for("certificate.requested", 3);
    ASSERT_EQ(published.size(), 3u);
    EXPECT_EQ(Json::parse(published[0].payload)["certificateType"], "V2GCertificate");
    EXPECT_EQ(Json::parse(published[1].payload)["certificateType"], "ChargingStationCertificate");
}

TEST_F(ChargerReportsV201Test, L03_PublishFirmwareStatusKeepsItsLocations) {
    manage::testing::EventLog events(bus_, "firmware.status");
    const std::vector<std::string> locations{"https://lc.depot.example/fw.bin", "ftp://lc.depot.example/fw.bin"};
    reports_->on_job_status("CP-1", core::JobKind::PublishFirmware, "Downloading", 4);
    clock_.advance(1s);
    reports_->on_job_status("CP-1", core::JobKind::PublishFirmware, "Published", 4, locations);

    const auto jobs = reports_->job_statuses("CP-1");
    ASSERT_EQ(jobs.size(), 2u);
    EXPECT_EQ(jobs[0].kind, core::JobKind::PublishFirmware);
    EXPECT_EQ(jobs[0].status, "Published");
    EXPECT_EQ(jobs[0].request_id, 4);
    EXPECT_EQ(jobs[0].locations, locations);
    EXPECT_EQ(jobs[1].kind, core::JobKind::PublishFirmware);
    EXPECT_TRUE(jobs[1].locations.empty());

    const auto published = events.wait_for("firmware.status", 2);
    ASSERT_EQ(published.size(), 2u);
    const auto payload = Json::parse(published[1].payload);
    EXPECT_EQ(payload["kind"], "PublishFirmware");
    EXPECT_EQ(payload["locations"], Json(locations));
    EXPECT_EQ(Json::parse(published[0].payload)["locations"], Json::array());
}

TEST_F(ChargerReportsV201Test, H05_ReservationStatusUpdateMarksTheReservationAndPublishes) {
    manage::testing::EventLog events(bus_, "reservation.status");
    reserve("CP-1", 7);
    reserve("CP-1", 8);
    reserve("CP-2", 7); // the same id on another charger is another reservation
    clock_.advance(5min);

    EXPECT_TRUE(reports_with_reservations_->on_reservation_status("CP-1", 7, core::ReservationEnd::Expired));
    EXPECT_TRUE(reports_with_reservations_->on_reservation_status("CP-1", 8, core::ReservationEnd::Removed));
    EXPECT_FALSE(reports_with_reservations_->on_reservation_status("CP-1", 99, core::ReservationEnd::Removed));

    EXPECT_EQ(status_of("CP-1", 7), "expired");
    EXPECT_EQ(status_of("CP-1", 8), "removed");
    EXPECT_EQ(status_of("CP-2", 7), "active");
    for (const auto &r : commands_repository_->reservations("CP-1"))
        EXPECT_EQ(r.updated_at, clock_.now()) << r.reservation_id;

    const auto published = events.wait_for("reservation.status", 3);
    ASSERT_EQ(published.size(), 3u);
    const auto expired = Json::parse(published[0].payload);
    EXPECT_EQ(expired["chargerId"], "CP-1");
    EXPECT_EQ(expired["reservationId"], 7);
    EXPECT_EQ(expired["status"], "expired");
    EXPECT_EQ(expired["known"], true);
    EXPECT_EQ(Json::parse(published[1].payload)["status"], "removed");
    const auto unknown = Json::parse(published[2].payload);
    EXPECT_EQ(unknown["reservationId"], 99);
    EXPECT_EQ(unknown["known"], false);
}

TEST_F(ChargerReportsV201Test, H05_WithoutAReservationStoreTheUpdateIsOnlyPublished) {
    manage::testing::EventLog events(bus_, "reservation.status");
    reserve("CP-1", 7);
    EXPECT_FALSE(reports_->on_reservation_status("CP-1", 7, core::ReservationEnd::Expired));
    EXPECT_EQ(status_of("CP-1", 7), "active");
    ASSERT_EQ(events.wait_for("reservation.status", 1).size(), 1u);
}

TEST_F(ChargerReportsV201Test, M02_M06_Iso15118RequestsAreRecordedPublishedAndFailWithoutAPki) {
    manage::testing::EventLog events(bus_, "certificate.iso15118");
    const std::string ev = R"({"action":"Install","exiRequest":"gAGAIEEBAgMEBQ==","iso15118SchemaVersion":"urn:x"})";
    const std::string ocsp = R"({"ocspRequestData":{"hashAlgorithm":"SHA256","serialNumber":"0f1e"}})";

    const auto install = reports_->on_iso15118_request("CP-1", "Get15118EVCertificate", ev);
    EXPECT_FALSE(install.accepted);
    EXPECT_EQ(install.reason_code, "NoPKI");
    EXPECT_EQ(install.additional_info, "no ISO 15118 PKI is configured on this CSMS");
    EXPECT_TRUE(install.response.empty());
    EXPECT_LE(install.reason_code.size(), 20u); // OCPP's StatusInfo reasonCode is at most 20 characters
    clock_.advance(1s);
    const auto status = reports_->on_iso15118_request("CP-1", "GetCertificateStatus", ocsp);
    EXPECT_FALSE(status.accepted);
    EXPECT_EQ(status.reason_code, "NoPKI");

    const auto requests = reports_->iso15118_requests("CP-1");
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].action, "GetCertificateStatus");
    EXPECT_EQ(requests[0].details, ocsp);
    EXPECT_EQ(requests[1].action, "Get15118EVCertificate");
    EXPECT_EQ(requests[1].details, ev);
    EXPECT_EQ(requests[1].status, "Failed");
    EXPECT_EQ(requests[1].reason, "NoPKI");
    EXPECT_EQ(requests[1].received_at, clock_.now() - 1s);
    EXPECT_FALSE(requests[1].id.empty());
    EXPECT_TRUE(reports_->iso15118_requests("CP-2").empty());

    const auto published = events.wait_for("certificate.iso15118", 2);
    ASSERT_EQ(published.size(), 2u);
    const auto payload = Json::parse(published[0].payload);
    EXPECT_EQ(payload["chargerId"], "CP-1");
    EXPECT_EQ(payload["requestId"], requests[1].id);
    EXPECT_EQ(payload["action"], "Get15118EVCertificate");
    EXPECT_EQ(payload["status"], "Failed");
    EXPECT_EQ(payload["reasonCode"], "NoPKI");
}

// Migration 7 under a database that has rows from before it: they read with an empty certificate type
// and no locations, and new rows go in beside them.
TEST_F(ChargerReportsV201Test, Migration7KeepsOlderRows) {
    auto opened = infra::Database::open("sqlite://" + (dir_ / "older.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    auto older = std::move(opened.value());
    std::vector<infra::Migration> before_7;
    for (const auto &migration : core::migrations())
        if (migration.version < 7)
            before_7.push_back(migration);
    ASSERT_TRUE(older->migrate(before_7));
    older->with_session([](soci::session &sql) {
        sql << "INSERT INTO chargers (id, registration, created_at) VALUES ('CP-OLD', 'Accepted', 0)";
        sql << "INSERT INTO certificate_requests (id, charger_id, csr, status, received_at) VALUES ('r1', 'CP-OLD', "
               "'csr', 'Pending', 1000)";
        sql << "INSERT INTO charger_jobs (id, charger_id, kind, status, received_at) VALUES ('j1', 'CP-OLD', "
               "'Firmware', 'Installed', 1000)";
    });
    ASSERT_TRUE(older->migrate(core::migrations()));
    EXPECT_GE(older->schema_version(), 7);

    core::SqlReportRepository repository(*older);
    core::ChargerReports reports(repository, events_, clock_);
    reports.on_sign_certificate("CP-OLD", kCsr, "V2GCertificate");
    const auto requests = reports.certificate_requests("CP-OLD");
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[1].id, "r1");
    EXPECT_EQ(requests[1].certificate_type, "");
    EXPECT_EQ(requests[0].certificate_type, "V2GCertificate");
    const auto jobs = reports.job_statuses("CP-OLD");
    ASSERT_EQ(jobs.size(), 1u);
    EXPECT_TRUE(jobs[0].locations.empty());
    reports.on_iso15118_request("CP-OLD", "GetCertificateStatus", "{}");
    EXPECT_EQ(reports.iso15118_requests("CP-OLD").size(), 1u);
}
