// OCPP 1.6 DataTransfer (§4.3), Firmware Management profile (§4.4 DiagnosticsStatusNotification,
// §4.5 FirmwareStatusNotification) and the security extension (A02/A03 SignCertificate, A04
// SecurityEventNotification, L01 SignedFirmwareStatusNotification, N01 LogStatusNotification).
#include "dispatcher_fixture.hpp"
#include "v16_samples.hpp"

namespace manage::connect::testing {
namespace {

using Json = ocpp::Json;

TEST_F(DispatcherTest, DataTransferAnswersWithCoresStatusAndData) {
    core_.data_transfer_answer = DataTransferAnswer{"Accepted", "{\"ok\":true}"};
    const auto answer = result("DataTransfer", v16_request("DataTransfer"));
    EXPECT_EQ(answer, (Json{{"status", "Accepted"}, {"data", "{\"ok\":true}"}}));
    EXPECT_EQ(core_.last_data_transfer.vendor_id, "com.acme");
    EXPECT_EQ(core_.last_data_transfer.message_id, "Tariff");
    EXPECT_EQ(core_.last_data_transfer.data, "{\"eur\":0.39}");
}

TEST_F(DispatcherTest, DataTransferOfAnUnknownVendorIsAnsweredUnknownVendorId) {
    const auto answer = result("DataTransfer", {{"vendorId", "org.unknown"}});
    EXPECT_EQ(answer, (Json{{"status", "UnknownVendorId"}})); // FakeCore's default answer, no data
    EXPECT_TRUE(core_.last_data_transfer.message_id.empty());
    EXPECT_TRUE(core_.last_data_transfer.data.empty());
}

TEST_F(DispatcherTest, DataTransferWithAStatusCoreShouldNotGiveIsAnInternalError) {
    core_.data_transfer_answer.status = "Maybe";
    const auto frame = answer(ocpp::Version::v16, "DataTransfer", v16_request("DataTransfer"));
    ASSERT_TRUE(std::holds_alternative<ocpp::CallError>(frame));
    EXPECT_EQ(std::get<ocpp::CallError>(frame).error_code, "InternalError");
}

TEST_F(DispatcherTest, DiagnosticsStatusNotificationReportsTheUpload) {
    EXPECT_EQ(result("DiagnosticsStatusNotification", {{"status", "UploadFailed"}}), Json::object());
    EXPECT_EQ(core_.last_job_status.kind, JobKind::Diagnostics);
    EXPECT_EQ(core_.last_job_status.status, "UploadFailed");
    EXPECT_FALSE(core_.last_job_status.request_id.has_value());
}

TEST_F(DispatcherTest, FirmwareStatusNotificationReportsTheUpdate) {
    EXPECT_EQ(result("FirmwareStatusNotification", {{"status", "Installing"}}), Json::object());
    EXPECT_EQ(core_.last_job_status.kind, JobKind::Firmware);
    EXPECT_EQ(core_.last_job_status.status, "Installing");
}

TEST_F(DispatcherTest, SecurityEventNotificationReachesCore) {
    EXPECT_EQ(result("SecurityEventNotification", {{"type", "InvalidCentralSystemCertificate"},
                                                   {"timestamp", "2026-11-26T08:00:00Z"},
                                                   {"techInfo", "issuer unknown"}}),
              Json::object());
    EXPECT_EQ(core_.last_security_event.type, "InvalidCentralSystemCertificate");
    EXPECT_EQ(core_.last_security_event.timestamp, *parse_time("2026-11-26T08:00:00Z"));
    EXPECT_EQ(core_.last_security_event.tech_info, "issuer unknown");
}

TEST_F(DispatcherTest, SignCertificateAcceptedOrRejectedAsCoreDecides) {
    EXPECT_EQ(result("SignCertificate", {{"csr", kCsr}}), (Json{{"status", "Accepted"}}));
    EXPECT_EQ(core_.last_csr.csr, kCsr);
    core_.signing_answer = {.accepted = false, .reason_code = "NoCA", .additional_info = "no CA"};
    EXPECT_EQ(result("SignCertificate", {{"csr", kCsr}}), (Json{{"status", "Rejected"}}));
}

TEST_F(DispatcherTest, SignedFirmwareStatusNotificationCarriesTheRequestId) {
    EXPECT_EQ(result("SignedFirmwareStatusNotification", {{"status", "InvalidSignature"}, {"requestId", 12}}),
              Json::object());
    EXPECT_EQ(core_.last_job_status.kind, JobKind::SignedFirmware);
    EXPECT_EQ(core_.last_job_status.status, "InvalidSignature");
    EXPECT_EQ(core_.last_job_status.request_id, 12);
}

TEST_F(DispatcherTest, SignedFirmwareStatusIdleOnTriggerNeedsNoRequestId) {
    result("SignedFirmwareStatusNotification", {{"status", "Idle"}});
    EXPECT_EQ(core_.last_job_status.status, "Idle");
    EXPECT_FALSE(core_.last_job_status.request_id.has_value());
}

TEST_F(DispatcherTest, LogStatusNotificationCarriesTheRequestId) {
    EXPECT_EQ(result("LogStatusNotification", {{"status", "Uploaded"}, {"requestId", 5}}), Json::object());
    EXPECT_EQ(core_.last_job_status.kind, JobKind::Log);
    EXPECT_EQ(core_.last_job_status.status, "Uploaded");
    EXPECT_EQ(core_.last_job_status.request_id, 5);
    result("LogStatusNotification", {{"status", "Idle"}});
    EXPECT_FALSE(core_.last_job_status.request_id.has_value());
}

TEST_F(DispatcherTest, MalformedDataTransferIsRefused) {
    const auto transfer = v16_request("DataTransfer");
    expect_refused("DataTransfer",
                   {
                       {"vendorId missing", without(transfer, "/vendorId"), "OccurenceConstraintViolation", ""},
                       {"vendorId over 255 characters", with(transfer, "/vendorId", std::string(256, 'v')),
                        "PropertyConstraintViolation", "/vendorId"},
                       {"messageId over 50 characters", with(transfer, "/messageId", std::string(51, 'm')),
                        "PropertyConstraintViolation", "/messageId"},
                       {"data an object, not a string", with(transfer, "/data", Json{{"eur", 0.39}}),
                        "TypeConstraintViolation", "/data"},
                   });
}

TEST_F(DispatcherTest, MalformedDiagnosticsStatusNotificationIsRefused) {
    expect_refused("DiagnosticsStatusNotification",
                   {
                       {"status missing", Json::object(), "OccurenceConstraintViolation", ""},
                       {"status outside DiagnosticsStatus", Json{{"status", "Uploading..."}},
                        "PropertyConstraintViolation", "/status"},
                       {"status a number", Json{{"status", 1}}, "TypeConstraintViolation", "/status"},
                   });
}

TEST_F(DispatcherTest, MalformedFirmwareStatusNotificationIsRefused) {
    expect_refused("FirmwareStatusNotification",
                   {
                       {"status missing", Json::object(), "OccurenceConstraintViolation", ""},
                       {"a security extension status", Json{{"status", "SignatureVerified"}},
                        "PropertyConstraintViolation", "/status"},
                       {"member the PDU does not have", Json{{"status", "Idle"}, {"requestId", 1}},
                        "FormationViolation", "/requestId"},
                   });
}

TEST_F(DispatcherTest, MalformedSecurityEventNotificationIsRefused) {
    const auto event = v16_request("SecurityEventNotification");
    expect_refused("SecurityEventNotification",
                   {
                       {"type missing", without(event, "/type"), "OccurenceConstraintViolation", ""},
                       {"type over 50 characters", with(event, "/type", std::string(51, 't')),
                        "PropertyConstraintViolation", "/type"},
                       {"timestamp not a date-time", with(event, "/timestamp", "26/11/2026"),
                        "PropertyConstraintViolation", "/timestamp"},
                       {"techInfo over 255 characters", with(event, "/techInfo", std::string(256, 'i')),
                        "PropertyConstraintViolation", "/techInfo"},
                   });
}

TEST_F(DispatcherTest, MalformedSignCertificateIsRefused) {
    expect_refused(
        "SignCertificate",
        {
            {"csr missing", Json::object(), "OccurenceConstraintViolation", ""},
            {"csr not PEM", Json{{"csr", "MIIBMzCB2gIBADBMMQswCQYDVQQGEwJERTEQ"}}, "PropertyConstraintViolation",
             "/csr"},
            {"csr a PEM certificate, not a request",
             Json{{"csr", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"}},
             "PropertyConstraintViolation", "/csr"},
            {"csr without its END line", Json{{"csr", "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n"}},
             "PropertyConstraintViolation", "/csr"},
            {"csr over 5500 characters", Json{{"csr", std::string(5501, 'c')}}, "PropertyConstraintViolation", "/csr"},
        });
}

TEST_F(DispatcherTest, MalformedSignedFirmwareStatusNotificationIsRefused) {
    expect_refused(
        "SignedFirmwareStatusNotification",
        {
            {"requestId missing during an update", Json{{"status", "Downloading"}}, "OccurenceConstraintViolation", ""},
            {"status outside FirmwareStatusEnumType", Json{{"status", "Flashing"}, {"requestId", 1}},
             "PropertyConstraintViolation", "/status"},
            {"requestId a string", Json{{"status", "Downloading"}, {"requestId", "1"}}, "TypeConstraintViolation",
             "/requestId"},
        });
}

TEST_F(DispatcherTest, MalformedLogStatusNotificationIsRefused) {
    expect_refused(
        "LogStatusNotification",
        {
            {"requestId missing during an upload", Json{{"status", "Uploading"}}, "OccurenceConstraintViolation", ""},
            {"status outside UploadLogStatusEnumType", Json{{"status", "Done"}, {"requestId", 1}},
             "PropertyConstraintViolation", "/status"},
            {"status missing", Json{{"requestId", 1}}, "OccurenceConstraintViolation", ""},
        });
}

} // namespace
} // namespace manage::connect::testing
