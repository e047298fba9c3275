#include "charging_fixture.hpp"
#include "event_log.hpp"

#include "manage/core/certificate_authority.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/testing/test_certificates.hpp"

#include <gmock/gmock.h>

using namespace manage;
using namespace std::chrono_literals;

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

class ChargerReportsTest : public manage::testing::ChargingFixture {};

TEST_F(ChargerReportsTest, WithoutACaEveryCsrIsRejectedWithItsReason) {
    manage::testing::EventLog events(bus_, "certificate.requested");
    const auto valid = reports_->on_sign_certificate("CP-1", kCsr);
    EXPECT_FALSE(valid.accepted);
    EXPECT_EQ(valid.reason_code, "NoCA");
    EXPECT_THAT(valid.additional_info, ::testing::HasSubstr("ocpp.ca_certificate"));
    clock_.advance(1s);
    EXPECT_EQ(reports_->on_sign_certificate("CP-1", "-----BEGIN CERTIFICATE REQUEST-----\nnope\n").reason_code,
              "InvalidCSR");
    clock_.advance(1s);
    // A signature that does not verify: one character of the signature changed.
    std::string tampered = kCsr;
    tampered[tampered.find("ZgIgQOnZ")] = 'Y';
    EXPECT_EQ(reports_->on_sign_certificate("CP-1", tampered).reason_code, "InvalidCSR");

    const auto requests = reports_->certificate_requests("CP-1");
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[2].status, "Rejected");
    EXPECT_EQ(requests[2].subject, "O=Manage Test,CN=CP-1");
    EXPECT_EQ(requests[2].csr, kCsr);
    EXPECT_THAT(requests[2].reason, ::testing::StartsWith("NoCA: "));
    EXPECT_TRUE(requests[2].certificate.empty());
    EXPECT_EQ(requests[1].status, "Rejected");
    EXPECT_THAT(requests[1].reason, ::testing::StartsWith("InvalidCSR: "));
    EXPECT_EQ(requests[0].status, "Rejected");
    const auto published = events.wait_for("certificate.requested", 3);
    ASSERT_EQ(published.size(), 3u);
    EXPECT_EQ(nlohmann::json::parse(published[0].payload)["status"], "Rejected");
    EXPECT_THAT(nlohmann::json::parse(published[0].payload)["reason"].get<std::string>(),
                ::testing::StartsWith("NoCA: "));
}

TEST_F(ChargerReportsTest, WithACaAStationsCsrIsSignedAndWhatBecameOfItIsKept) {
    manage::testing::TestCertificates certs;
    auto authority =
        core::CertificateAuthority::load(certs.ca_certificate(), certs.ca_private_key(), std::chrono::days(30));
    ASSERT_TRUE(authority) << authority.error().message;
    core::ChargerReports reports(*reports_repository_, events_, clock_, nullptr, authority.value().get());
    manage::testing::EventLog events(bus_, "certificate.*");
    const auto key = manage::testing::new_ec_key();

    const auto signed_one =
        reports.on_sign_certificate("CP-1", manage::testing::make_csr("CP-1", key.get(), key.get()));
    EXPECT_TRUE(signed_one.accepted) << signed_one.additional_info;
    clock_.advance(1s);
    const auto someone_else =
        reports.on_sign_certificate("CP-1", manage::testing::make_csr("CP-2", key.get(), key.get()));
    EXPECT_FALSE(someone_else.accepted);
    EXPECT_EQ(someone_else.reason_code, "InvalidCSR");

    auto requests = reports.certificate_requests("CP-1");
    ASSERT_EQ(requests.size(), 2u);
    const auto &signed_request = requests[1];
    EXPECT_EQ(signed_request.status, "Signed");
    EXPECT_THAT(signed_request.certificate, ::testing::StartsWith("-----BEGIN CERTIFICATE-----"));
    EXPECT_EQ(signed_request.serial_number.size(), 32u);
    ASSERT_TRUE(signed_request.expires_at);
    EXPECT_GT(*signed_request.expires_at, clock_.now()); // 30 days, or the test CA's 7 if sooner
    EXPECT_EQ(requests[0].status, "Rejected");
    EXPECT_THAT(requests[0].reason, ::testing::HasSubstr("commonName (CP-2)"));

    EXPECT_TRUE(reports.on_certificate_delivered("CP-1", signed_request.id, "Installed"));
    EXPECT_FALSE(reports.on_certificate_delivered("CP-2", signed_request.id, "Installed")) << "another charger's";
    const auto delivered = reports.certificate_request("CP-1", signed_request.id);
    ASSERT_TRUE(delivered);
    EXPECT_EQ(delivered->status, "Installed");
    EXPECT_EQ(delivered->certificate, signed_request.certificate);

    const auto published = events.wait_for("certificate.delivered", 1);
    ASSERT_EQ(published.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(published[0].payload)["status"], "Installed");
    EXPECT_EQ(nlohmann::json::parse(published[0].payload)["requestId"], signed_request.id);
}

TEST_F(ChargerReportsTest, JobStatusesAndSecurityEventsAreKeptAndPublished) {
    manage::testing::EventLog events(bus_, "#");
    reports_->on_job_status("CP-1", core::JobKind::Firmware, "Downloading", std::nullopt);
    clock_.advance(1s);
    reports_->on_job_status("CP-1", core::JobKind::SignedFirmware, "Installed", 7);
    clock_.advance(1s);
    reports_->on_job_status("CP-1", core::JobKind::Diagnostics, "Uploaded", std::nullopt);
    clock_.advance(1s);
    reports_->on_job_status("CP-1", core::JobKind::Log, "Uploading", 3);
    reports_->on_security_event("CP-1", "InvalidFirmwareSignature", clock_.now() - 1min, "bad key");

    const auto jobs = reports_->job_statuses("CP-1");
    ASSERT_EQ(jobs.size(), 4u);
    EXPECT_EQ(jobs[0].kind, core::JobKind::Log);
    EXPECT_EQ(jobs[0].request_id, 3);
    EXPECT_EQ(jobs[2].kind, core::JobKind::SignedFirmware);
    EXPECT_EQ(jobs[3].request_id, std::nullopt);
    EXPECT_TRUE(reports_->job_statuses("CP-2").empty());
    const auto security = reports_->security_events("CP-1");
    ASSERT_EQ(security.size(), 1u);
    EXPECT_EQ(security[0].type, "InvalidFirmwareSignature");
    EXPECT_EQ(security[0].timestamp, clock_.now() - 1min);

    EXPECT_EQ(events.wait_for("firmware.status", 2).size(), 2u);
    EXPECT_EQ(events.wait_for("diagnostics.status", 1).size(), 1u);
    EXPECT_EQ(events.wait_for("log.status", 1).size(), 1u);
    const auto published = events.wait_for("security.event", 1);
    ASSERT_EQ(published.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(published[0].payload)["techInfo"], "bad key");
}

TEST_F(ChargerReportsTest, DataTransferIsRecordedAndAnsweredUnknownVendor) {
    manage::testing::EventLog events(bus_, "data.transfer");
    EXPECT_EQ(reports_->on_data_transfer("CP-1", "com.acme", "hello", "{\"a\":1}"), "UnknownVendorId");
    const auto transfers = reports_->data_transfers("CP-1");
    ASSERT_EQ(transfers.size(), 1u);
    EXPECT_EQ(transfers[0].vendor_id, "com.acme");
    EXPECT_EQ(transfers[0].data, "{\"a\":1}");
    EXPECT_EQ(events.wait_for("data.transfer", 1).size(), 1u);
}

TEST_F(ChargerReportsTest, AFaultPublishesChargerFault) {
    manage::testing::EventLog events(bus_, "charger.fault");
    core::ChargerService chargers(*repository_, cache_, events_, clock_, core::ChargerServiceOptions{});
    chargers.on_status("CP-1", {1, 1, "Available", "NoError", "", "", std::nullopt});
    chargers.on_status("CP-1", {1, 1, "Faulted", "GroundFailure", "RCD tripped", "E-17", std::nullopt});
    chargers.on_status("CP-1", {2, 2, "Charging", "HighTemperature", "", "T-1", std::nullopt});
    const auto faults = events.wait_for("charger.fault", 2);
    ASSERT_EQ(faults.size(), 2u);
    const auto payload = nlohmann::json::parse(faults[0].payload);
    EXPECT_EQ(payload["chargerId"], "CP-1");
    EXPECT_EQ(payload["connectorId"], 1);
    EXPECT_EQ(payload["errorCode"], "GroundFailure");
    EXPECT_EQ(payload["info"], "RCD tripped");
    EXPECT_EQ(payload["vendorErrorCode"], "E-17");
    EXPECT_EQ(nlohmann::json::parse(faults[1].payload)["errorCode"], "HighTemperature");
}
