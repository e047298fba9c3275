// OCPP 2.0.1 charger → CSMS notifications beyond provisioning and transactions: Security (A02/A03
// SignCertificate, A04 SecurityEventNotification), Firmware Management (L01 FirmwareStatusNotification,
// L03 PublishFirmwareStatusNotification), Diagnostics (N01 LogStatusNotification), DataTransfer (P02),
// Reservation (H05 ReservationStatusUpdate) and ISO 15118 Certificate Management (M02/M03
// Get15118EVCertificate, M06 GetCertificateStatus).
#include "dispatcher_fixture.hpp"
#include "v16_samples.hpp"

#include <nlohmann/json.hpp>

namespace manage::connect::testing {
namespace {

using Json = ocpp::Json;
constexpr auto kV201 = ocpp::Version::v201;

// A valid 2.0.1 request of each action tested here, for tests that start from one and break it.
Json v201_request(const std::string &action) {
    if (action == "DataTransfer")
        return Json{{"vendorId", "com.acme"}, {"messageId", "Tariff"}, {"data", {{"eur", 0.39}}}};
    if (action == "FirmwareStatusNotification")
        return Json{{"status", "Installing"}, {"requestId", 12}};
    if (action == "Get15118EVCertificate")
        return Json{{"iso15118SchemaVersion", "urn:iso:15118:2:2013:MsgDef"},
                    {"action", "Install"},
                    {"exiRequest", "gAGAIEEBAgMEBQ=="}};
    if (action == "GetCertificateStatus")
        return Json{{"ocspRequestData",
                     {{"hashAlgorithm", "SHA256"},
                      {"issuerNameHash", "3a9e2b"},
                      {"issuerKeyHash", "71c0d4"},
                      {"serialNumber", "0f1e2d3c"},
                      {"responderURL", "http://ocsp.example.com"}}}};
    if (action == "LogStatusNotification")
        return Json{{"status", "Uploading"}, {"requestId", 7}};
    if (action == "PublishFirmwareStatusNotification")
        return Json{{"status", "Published"},
                    {"location", {"https://lc.depot.example/fw.bin", "ftp://lc.depot.example/fw.bin"}},
                    {"requestId", 4}};
    if (action == "ReservationStatusUpdate")
        return Json{{"reservationId", 31}, {"reservationUpdateStatus", "Expired"}};
    if (action == "SecurityEventNotification")
        return Json{{"type", "FirmwareUpdated"}, {"timestamp", "2026-11-26T09:00:00Z"}};
    if (action == "SignCertificate")
        return Json{{"csr", kCsr}};
    return Json();
}

// ---- A: Security ----

TEST_F(DispatcherTest, A04_SecurityEventNotificationReachesCore) {
    EXPECT_EQ(
        result(kV201, "SecurityEventNotification",
               {{"type", "InvalidCsmsCertificate"}, {"timestamp", "2026-11-26T08:00:00Z"}, {"techInfo", "issuer"}}),
        Json::object());
    EXPECT_EQ(core_.last_security_event.type, "InvalidCsmsCertificate");
    EXPECT_EQ(core_.last_security_event.timestamp, *parse_time("2026-11-26T08:00:00Z"));
    EXPECT_EQ(core_.last_security_event.tech_info, "issuer");
    result(kV201, "SecurityEventNotification", v201_request("SecurityEventNotification"));
    EXPECT_TRUE(core_.last_security_event.tech_info.empty());
}

TEST_F(DispatcherTest, A02_SignCertificateWithoutTypeIsForTheChargingStation) {
    EXPECT_EQ(result(kV201, "SignCertificate", {{"csr", kCsr}}), (Json{{"status", "Accepted"}}));
    EXPECT_EQ(core_.last_csr.csr, kCsr);
    EXPECT_EQ(core_.last_csr.certificate_type, "ChargingStationCertificate");
}

TEST_F(DispatcherTest, A03_SignCertificateCarriesTheV2GCertificateType) {
    EXPECT_EQ(result(kV201, "SignCertificate", {{"csr", kCsr}, {"certificateType", "V2GCertificate"}}),
              (Json{{"status", "Accepted"}}));
    EXPECT_EQ(core_.last_csr.certificate_type, "V2GCertificate");
    result(kV201, "SignCertificate", {{"csr", kCsr}, {"certificateType", "ChargingStationCertificate"}});
    EXPECT_EQ(core_.last_csr.certificate_type, "ChargingStationCertificate");
}

TEST_F(DispatcherTest, A02_SignCertificateRejectedByCoreSaysWhy) {
    core_.signing_answer = {.accepted = false, .reason_code = "NoCA", .additional_info = "no CA is configured"};
    const auto answer = result(kV201, "SignCertificate", {{"csr", kCsr}});
    EXPECT_EQ(answer.at("status"), "Rejected");
    ASSERT_TRUE(answer.contains("statusInfo")) << answer.dump();
    EXPECT_EQ(answer["statusInfo"].at("reasonCode"), "NoCA");
    EXPECT_EQ(answer["statusInfo"].at("additionalInfo"), "no CA is configured");
}

TEST_F(DispatcherTest, A02_SignCertificateReasonIsCutToTheLengthsOcppAllows) {
    core_.signing_answer = {
        .accepted = false, .reason_code = std::string(30, 'R'), .additional_info = std::string(600, 'i')};
    const auto answer = result(kV201, "SignCertificate", {{"csr", kCsr}});
    EXPECT_EQ(answer["statusInfo"].at("reasonCode"), std::string(20, 'R'));
    EXPECT_EQ(answer["statusInfo"].at("additionalInfo"), std::string(512, 'i'));
}

TEST_F(DispatcherTest, A_MalformedSecurityMessagesAreRefusedWith201Codes) {
    const auto event = v201_request("SecurityEventNotification");
    expect_refused(
        kV201, "SecurityEventNotification",
        {
            {"type missing", without(event, "/type"), "OccurrenceConstraintViolation", ""},
            {"type over 50 characters", with(event, "/type", std::string(51, 't')), "PropertyConstraintViolation",
             "/type"},
            {"timestamp not a date-time", with(event, "/timestamp", "26/11/2026"), "PropertyConstraintViolation",
             "/timestamp"},
            {"techInfo a number", with(event, "/techInfo", 7), "TypeConstraintViolation", "/techInfo"},
            {"member the message does not have", with(event, "/severity", "high"), "FormatViolation", "/severity"},
        });
    expect_refused(
        kV201, "SignCertificate",
        {
            {"csr missing", Json::object(), "OccurrenceConstraintViolation", ""},
            {"csr not PEM", Json{{"csr", "MIIBMzCB2gIBADBMMQswCQYDVQQGEwJERTEQ"}}, "PropertyConstraintViolation",
             "/csr"},
            {"csr a PEM certificate, not a request",
             Json{{"csr", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"}},
             "PropertyConstraintViolation", "/csr"},
            {"csr over 5500 characters", Json{{"csr", std::string(5501, 'c')}}, "PropertyConstraintViolation", "/csr"},
            {"certificateType outside the enumeration", Json{{"csr", kCsr}, {"certificateType", "MORootCertificate"}},
             "PropertyConstraintViolation", "/certificateType"},
            {"payload not an object", Json::array({kCsr}), "FormatViolation", ""},
        });
}

// ---- L: Firmware Management, N: Diagnostics ----

TEST_F(DispatcherTest, L01_FirmwareStatusNotificationCarriesTheRequestId) {
    EXPECT_EQ(result(kV201, "FirmwareStatusNotification", {{"status", "SignatureVerified"}, {"requestId", 12}}),
              Json::object());
    EXPECT_EQ(core_.last_job_status.kind, JobKind::Firmware);
    EXPECT_EQ(core_.last_job_status.status, "SignatureVerified");
    EXPECT_EQ(core_.last_job_status.request_id, 12);
}

TEST_F(DispatcherTest, L01_FR_20_IdleMayOmitTheRequestId) {
    EXPECT_EQ(result(kV201, "FirmwareStatusNotification", {{"status", "Idle"}}), Json::object());
    EXPECT_EQ(core_.last_job_status.status, "Idle");
    EXPECT_FALSE(core_.last_job_status.request_id.has_value());
}

TEST_F(DispatcherTest, L01_FR_20_EveryOtherStatusNeedsTheRequestId) {
    std::vector<Malformed> cases;
    for (const auto *status : {"Downloading", "Downloaded", "InstallRebooting", "Installed", "InvalidSignature"})
        cases.push_back({std::string(status) + " without requestId", Json{{"status", status}},
                         "OccurrenceConstraintViolation", ""});
    expect_refused(kV201, "FirmwareStatusNotification", cases);
}

TEST_F(DispatcherTest, L03_PublishFirmwareStatusNotificationCarriesTheLocations) {
    EXPECT_EQ(result(kV201, "PublishFirmwareStatusNotification", v201_request("PublishFirmwareStatusNotification")),
              Json::object());
    EXPECT_EQ(core_.last_job_status.kind, JobKind::PublishFirmware);
    EXPECT_EQ(core_.last_job_status.status, "Published");
    EXPECT_EQ(core_.last_job_status.request_id, 4);
    EXPECT_EQ(core_.last_job_status.locations,
              (std::vector<std::string>{"https://lc.depot.example/fw.bin", "ftp://lc.depot.example/fw.bin"}));
    // Before publication there is no location yet, and the requestId is optional.
    result(kV201, "PublishFirmwareStatusNotification", {{"status", "Downloading"}});
    EXPECT_EQ(core_.last_job_status.status, "Downloading");
    EXPECT_TRUE(core_.last_job_status.locations.empty());
    EXPECT_FALSE(core_.last_job_status.request_id.has_value());
}

TEST_F(DispatcherTest, N01_LogStatusNotificationCarriesTheRequestId) {
    EXPECT_EQ(result(kV201, "LogStatusNotification", {{"status", "AcceptedCanceled"}, {"requestId", 5}}),
              Json::object());
    EXPECT_EQ(core_.last_job_status.kind, JobKind::Log);
    EXPECT_EQ(core_.last_job_status.status, "AcceptedCanceled");
    EXPECT_EQ(core_.last_job_status.request_id, 5);
    result(kV201, "LogStatusNotification", {{"status", "Idle"}});
    EXPECT_EQ(core_.last_job_status.status, "Idle");
    EXPECT_FALSE(core_.last_job_status.request_id.has_value());
}

TEST_F(DispatcherTest, L_N_MalformedJobNotificationsAreRefusedWith201Codes) {
    expect_refused(kV201, "FirmwareStatusNotification",
                   {
                       {"status missing", Json{{"requestId", 1}}, "OccurrenceConstraintViolation", ""},
                       {"status outside FirmwareStatusEnumType", Json{{"status", "Flashing"}, {"requestId", 1}},
                        "PropertyConstraintViolation", "/status"},
                       {"requestId a string", Json{{"status", "Installing"}, {"requestId", "12"}},
                        "TypeConstraintViolation", "/requestId"},
                       {"requestId a fraction", Json{{"status", "Installing"}, {"requestId", 1.5}},
                        "TypeConstraintViolation", "/requestId"},
                   });
    const auto published = v201_request("PublishFirmwareStatusNotification");
    expect_refused(
        kV201, "PublishFirmwareStatusNotification",
        {
            {"Published without location", without(published, "/location"), "OccurrenceConstraintViolation", ""},
            {"location empty", with(published, "/location", Json::array()), "OccurrenceConstraintViolation",
             "/location"},
            {"location a string, not an array", with(published, "/location", "https://lc/fw.bin"),
             "TypeConstraintViolation", "/location"},
            {"a location over 512 characters", with(published, "/location/1", std::string(513, 'u')),
             "PropertyConstraintViolation", "/location/1"},
            {"status outside PublishFirmwareStatusEnumType", with(published, "/status", "Installed"),
             "PropertyConstraintViolation", "/status"},
        });
    expect_refused(
        kV201, "LogStatusNotification",
        {
            {"requestId missing during an upload", Json{{"status", "Uploading"}}, "OccurrenceConstraintViolation", ""},
            {"status outside UploadLogStatusEnumType", Json{{"status", "Done"}, {"requestId", 1}},
             "PropertyConstraintViolation", "/status"},
            {"member the message does not have", Json{{"status", "Idle"}, {"fileName", "log.tgz"}}, "FormatViolation",
             "/fileName"},
        });
}

// ---- P: DataTransfer ----

TEST_F(DispatcherTest, P02_DataTransferPassesJsonDataAsItsText) {
    core_.data_transfer_answer = DataTransferAnswer{"Accepted", ""};
    EXPECT_EQ(result(kV201, "DataTransfer", v201_request("DataTransfer")), (Json{{"status", "Accepted"}}));
    EXPECT_EQ(core_.last_data_transfer.vendor_id, "com.acme");
    EXPECT_EQ(core_.last_data_transfer.message_id, "Tariff");
    EXPECT_EQ(Json::parse(core_.last_data_transfer.data), (Json{{"eur", 0.39}}));
    result(kV201, "DataTransfer", {{"vendorId", "com.acme"}, {"data", 42}});
    EXPECT_EQ(core_.last_data_transfer.data, "42");
    result(kV201, "DataTransfer", {{"vendorId", "com.acme"}, {"data", Json::array({1, "two"})}});
    EXPECT_EQ(core_.last_data_transfer.data, "[1,\"two\"]");
}

TEST_F(DispatcherTest, P02_DataTransferPassesAStringAsItself) {
    result(kV201, "DataTransfer", {{"vendorId", "com.acme"}, {"data", "{\"eur\":0.39}"}});
    EXPECT_EQ(core_.last_data_transfer.data, "{\"eur\":0.39}"); // the string, not its quoted JSON text
    result(kV201, "DataTransfer", {{"vendorId", "com.acme"}, {"data", "plain text"}});
    EXPECT_EQ(core_.last_data_transfer.data, "plain text");
}

TEST_F(DispatcherTest, P02_DataTransferWithoutDataOrMessageIdGetsCoresDefault) {
    EXPECT_EQ(result(kV201, "DataTransfer", {{"vendorId", "org.unknown"}}), (Json{{"status", "UnknownVendorId"}}));
    EXPECT_EQ(core_.last_data_transfer.vendor_id, "org.unknown");
    EXPECT_TRUE(core_.last_data_transfer.message_id.empty());
    EXPECT_TRUE(core_.last_data_transfer.data.empty());
}

TEST_F(DispatcherTest, P02_DataTransferAnswersCoresDataAsJsonWhenItParses) {
    core_.data_transfer_answer = DataTransferAnswer{"Accepted", "{\"ok\":true,\"n\":[1,2]}"};
    EXPECT_EQ(result(kV201, "DataTransfer", v201_request("DataTransfer")),
              (Json{{"status", "Accepted"}, {"data", {{"ok", true}, {"n", {1, 2}}}}}));
    core_.data_transfer_answer = DataTransferAnswer{"Rejected", "not JSON at all"};
    EXPECT_EQ(result(kV201, "DataTransfer", v201_request("DataTransfer")),
              (Json{{"status", "Rejected"}, {"data", "not JSON at all"}}));
    core_.data_transfer_answer = DataTransferAnswer{"UnknownMessageId", "\"quoted\""};
    EXPECT_EQ(result(kV201, "DataTransfer", v201_request("DataTransfer")),
              (Json{{"status", "UnknownMessageId"}, {"data", "quoted"}}));
}

TEST_F(DispatcherTest, P02_DataTransferWithAStatusCoreShouldNotGiveIsAnInternalError) {
    core_.data_transfer_answer.status = "Maybe";
    const auto frame = answer(kV201, "DataTransfer", v201_request("DataTransfer"));
    ASSERT_TRUE(std::holds_alternative<ocpp::CallError>(frame));
    EXPECT_EQ(std::get<ocpp::CallError>(frame).error_code, "InternalError");
}

TEST_F(DispatcherTest, P02_MalformedDataTransferIsRefusedWith201Codes) {
    const auto transfer = v201_request("DataTransfer");
    expect_refused(kV201, "DataTransfer",
                   {
                       {"vendorId missing", without(transfer, "/vendorId"), "OccurrenceConstraintViolation", ""},
                       {"vendorId over 255 characters", with(transfer, "/vendorId", std::string(256, 'v')),
                        "PropertyConstraintViolation", "/vendorId"},
                       {"messageId over 50 characters", with(transfer, "/messageId", std::string(51, 'm')),
                        "PropertyConstraintViolation", "/messageId"},
                       {"vendorId a number", with(transfer, "/vendorId", 1), "TypeConstraintViolation", "/vendorId"},
                       {"customData without its vendorId", with(transfer, "/customData", Json::object()),
                        "OccurrenceConstraintViolation", "/customData"},
                   });
}

// ---- H: Reservation ----

TEST_F(DispatcherTest, H05_ReservationStatusUpdateReachesCore) {
    EXPECT_EQ(result(kV201, "ReservationStatusUpdate", v201_request("ReservationStatusUpdate")), Json::object());
    EXPECT_EQ(core_.last_reservation_update.reservation_id, 31);
    EXPECT_EQ(core_.last_reservation_update.status, ReservationUpdateStatus::Expired);
    result(kV201, "ReservationStatusUpdate", {{"reservationId", 32}, {"reservationUpdateStatus", "Removed"}});
    EXPECT_EQ(core_.last_reservation_update.reservation_id, 32);
    EXPECT_EQ(core_.last_reservation_update.status, ReservationUpdateStatus::Removed);
}

TEST_F(DispatcherTest, H05_MalformedReservationStatusUpdateIsRefusedWith201Codes) {
    const auto update = v201_request("ReservationStatusUpdate");
    expect_refused(
        kV201, "ReservationStatusUpdate",
        {
            {"reservationId missing", without(update, "/reservationId"), "OccurrenceConstraintViolation", ""},
            {"reservationUpdateStatus missing", without(update, "/reservationUpdateStatus"),
             "OccurrenceConstraintViolation", ""},
            {"status outside ReservationUpdateStatusEnumType", with(update, "/reservationUpdateStatus", "Cancelled"),
             "PropertyConstraintViolation", "/reservationUpdateStatus"},
            {"reservationId a string", with(update, "/reservationId", "31"), "TypeConstraintViolation",
             "/reservationId"},
            {"reservationId beyond 32 bits", with(update, "/reservationId", 4294967296LL), "TypeConstraintViolation",
             "/reservationId"},
        });
}

// ---- M: ISO 15118 Certificate Management ----

TEST_F(DispatcherTest, M02_Get15118EVCertificateIsFailedWithoutAPki) {
    const auto request = v201_request("Get15118EVCertificate");
    const auto answer = result(kV201, "Get15118EVCertificate", with(request, "/customData", {{"vendorId", "acme"}}));
    EXPECT_EQ(answer,
              (Json{{"status", "Failed"},
                    {"statusInfo",
                     {{"reasonCode", "NoPKI"}, {"additionalInfo", "no ISO 15118 PKI is configured on this CSMS"}}},
                    {"exiResponse", ""}}));
    EXPECT_EQ(core_.last_iso15118_request.action, "Get15118EVCertificate");
    EXPECT_EQ(Json::parse(core_.last_iso15118_request.details), request); // customData left out
}

TEST_F(DispatcherTest, M03_Get15118EVCertificateUpdateReachesCoreAndAnAcceptanceCarriesTheExiResponse) {
    core_.iso15118_answer = Iso15118Answer{true, "", "", "gAHAIEEBAgME"};
    const auto answer =
        result(kV201, "Get15118EVCertificate", with(v201_request("Get15118EVCertificate"), "/action", "Update"));
    EXPECT_EQ(answer, (Json{{"status", "Accepted"}, {"exiResponse", "gAHAIEEBAgME"}}));
    EXPECT_EQ(Json::parse(core_.last_iso15118_request.details).at("action"), "Update");
}

TEST_F(DispatcherTest, M06_GetCertificateStatusIsFailedWithoutAPki) {
    const auto request = v201_request("GetCertificateStatus");
    const auto answer = result(kV201, "GetCertificateStatus", request);
    EXPECT_EQ(answer,
              (Json{{"status", "Failed"},
                    {"statusInfo",
                     {{"reasonCode", "NoPKI"}, {"additionalInfo", "no ISO 15118 PKI is configured on this CSMS"}}}}));
    EXPECT_EQ(core_.last_iso15118_request.action, "GetCertificateStatus");
    EXPECT_EQ(Json::parse(core_.last_iso15118_request.details), request);
}

TEST_F(DispatcherTest, M06_GetCertificateStatusAcceptedCarriesTheOcspResult) {
    core_.iso15118_answer = Iso15118Answer{true, "", "", "MIIBOcspResponse=="};
    EXPECT_EQ(result(kV201, "GetCertificateStatus", v201_request("GetCertificateStatus")),
              (Json{{"status", "Accepted"}, {"ocspResult", "MIIBOcspResponse=="}}));
}

TEST_F(DispatcherTest, M_AReasonCodeOver20CharactersFromCoreIsAnInternalError) {
    core_.iso15118_answer = Iso15118Answer{false, "NoPublicKeyInfrastructure", "", ""};
    const auto frame = answer(kV201, "GetCertificateStatus", v201_request("GetCertificateStatus"));
    ASSERT_TRUE(std::holds_alternative<ocpp::CallError>(frame));
    EXPECT_EQ(std::get<ocpp::CallError>(frame).error_code, "InternalError");
}

TEST_F(DispatcherTest, M_MalformedCertificateRequestsAreRefusedWith201Codes) {
    const auto ev = v201_request("Get15118EVCertificate");
    expect_refused(kV201, "Get15118EVCertificate",
                   {
                       {"exiRequest missing", without(ev, "/exiRequest"), "OccurrenceConstraintViolation", ""},
                       {"action outside CertificateActionEnumType", with(ev, "/action", "Delete"),
                        "PropertyConstraintViolation", "/action"},
                       {"exiRequest over 5600 characters", with(ev, "/exiRequest", std::string(5601, 'A')),
                        "PropertyConstraintViolation", "/exiRequest"},
                       {"iso15118SchemaVersion a number", with(ev, "/iso15118SchemaVersion", 2),
                        "TypeConstraintViolation", "/iso15118SchemaVersion"},
                   });
    const auto status = v201_request("GetCertificateStatus");
    expect_refused(
        kV201, "GetCertificateStatus",
        {
            {"ocspRequestData missing", Json::object(), "OccurrenceConstraintViolation", ""},
            {"serialNumber missing", without(status, "/ocspRequestData/serialNumber"), "OccurrenceConstraintViolation",
             "/ocspRequestData"},
            {"hashAlgorithm outside HashAlgorithmEnumType", with(status, "/ocspRequestData/hashAlgorithm", "MD5"),
             "PropertyConstraintViolation", "/ocspRequestData/hashAlgorithm"},
            {"serialNumber over 40 characters", with(status, "/ocspRequestData/serialNumber", std::string(41, '0')),
             "PropertyConstraintViolation", "/ocspRequestData/serialNumber"},
            {"member OCSPRequestDataType does not have", with(status, "/ocspRequestData/nonce", "x"), "FormatViolation",
             "/ocspRequestData/nonce"},
            {"ocspRequestData an array", with(status, "/ocspRequestData", Json::array()), "TypeConstraintViolation",
             "/ocspRequestData"},
        });
}

// ---- All of them ----

// B02.FR.09 / B03.FR.08: until core accepts the charger, each of these gets SecurityError and core hears
// nothing of it.
TEST_F(DispatcherTest, B02_FR_09_EachNotificationNeedsAnAcceptedCharger) {
    core_.accepted = false;
    for (const auto *action : {"DataTransfer", "FirmwareStatusNotification", "Get15118EVCertificate",
                               "GetCertificateStatus", "LogStatusNotification", "PublishFirmwareStatusNotification",
                               "ReservationStatusUpdate", "SecurityEventNotification", "SignCertificate"}) {
        SCOPED_TRACE(action);
        const auto before = core_.call_count();
        EXPECT_EQ(error_of(call(kV201, action, v201_request(action))).error_code, "SecurityError");
        EXPECT_EQ(core_.call_count(), before);
    }
}

} // namespace
} // namespace manage::connect::testing
