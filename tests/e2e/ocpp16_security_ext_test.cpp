// The OCPP 1.6 security extension, charge point → central system: SecurityEventNotification,
// SignCertificate (with a real CSR made here with OpenSSL), SignedFirmwareStatusNotification and
// LogStatusNotification, over a real WebSocket, seen through the charger reports API.
#include "e2e_fixture.hpp"

#include "manage/testing/test_certificates.hpp"

using namespace manage;
using namespace manage::testing;

namespace {

class Ocpp16SecurityEventNotification : public PlatformFixture {};
class Ocpp16SignCertificate : public PlatformFixture {};
class Ocpp16SignedFirmwareStatusNotification : public PlatformFixture {};
class Ocpp16LogStatusNotification : public PlatformFixture {};

// The item of `items` whose `key` is `value`; null (and a failure) when none is.
Json find_item(const Json &items, const std::string &key, const std::string &value) {
    for (const auto &item : items)
        if (item.value(key, "") == value)
            return item;
    ADD_FAILURE() << "no " << key << " = " << value << " in " << items.dump();
    return Json::object();
}

} // namespace

TEST_F(Ocpp16SecurityEventNotification, EventIsListedForTheCharger) {
    auto charger = boot("CP-SEC");
    EXPECT_EQ(result_of(charger->call("SecurityEventNotification",
                                      {{"type", "FirmwareUpdated"}, {"timestamp", "2026-11-26T10:00:00Z"}})),
              Json::object());
    result_of(charger->call("SecurityEventNotification", {{"type", "InvalidCentralSystemCertificate"},
                                                          {"timestamp", "2026-11-26T10:05:00Z"},
                                                          {"techInfo", "issuer unknown"}}));

    const auto items = get_json("/api/v1/chargers/CP-SEC/security-events")["items"];
    ASSERT_EQ(items.size(), 2u) << items.dump();
    const auto invalid = find_item(items, "type", "InvalidCentralSystemCertificate");
    EXPECT_EQ(invalid["timestamp"], "2026-11-26T10:05:00.000Z");
    EXPECT_EQ(invalid["techInfo"], "issuer unknown");
    const auto updated = find_item(items, "type", "FirmwareUpdated");
    EXPECT_EQ(updated["timestamp"], "2026-11-26T10:00:00.000Z");
    EXPECT_EQ(updated["techInfo"], "");
    EXPECT_TRUE(updated["receivedAt"].is_string());
    EXPECT_EQ(get_json("/api/v1/chargers/CP-SEC/security-events?limit=1")["items"].size(), 1u);
}

// Without a CA configured (certificate_signing_test.cpp has it with one).
TEST_F(Ocpp16SignCertificate, ValidCsrIsRejectedWithoutACaAndKeptWithItsSubject) {
    auto charger = boot("CP-CSR");
    const auto key = new_ec_key();
    const auto csr = make_csr("CP-CSR", key.get(), key.get());
    EXPECT_EQ(result_of(charger->call("SignCertificate", {{"csr", csr}}))["status"], "Rejected");

    const auto items = get_json("/api/v1/chargers/CP-CSR/certificate-requests")["items"];
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0]["status"], "Rejected");
    EXPECT_EQ(items[0]["subject"], "CN=CP-CSR,O=ACME"); // RFC 2253: the last RDN first
    EXPECT_EQ(items[0]["csr"], csr);
    EXPECT_EQ(items[0]["reason"].get<std::string>().rfind("NoCA: ", 0), 0u) << items[0]["reason"];
    EXPECT_FALSE(items[0]["id"].get<std::string>().empty());
}

TEST_F(Ocpp16SignCertificate, CsrWhoseSignatureDoesNotVerifyIsRejectedWithTheReason) {
    auto charger = boot("CP-CSR-BAD");
    const auto key = new_ec_key();
    const auto other = new_ec_key();
    const auto forged = make_csr("CP-CSR-BAD", key.get(), other.get());
    EXPECT_EQ(result_of(charger->call("SignCertificate", {{"csr", forged}}))["status"], "Rejected");

    const auto items = get_json("/api/v1/chargers/CP-CSR-BAD/certificate-requests")["items"];
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0]["status"], "Rejected");
    EXPECT_EQ(items[0]["subject"], "");
    EXPECT_FALSE(items[0]["reason"].get<std::string>().empty());
}

TEST_F(Ocpp16SignCertificate, CsrThatIsNotPemIsACallErrorAndNotKept) {
    auto charger = boot("CP-CSR-TXT");
    const auto refused = error_of(charger->call("SignCertificate", {{"csr", "please sign me"}}));
    EXPECT_EQ(refused.error_code, "PropertyConstraintViolation");
    EXPECT_TRUE(get_json("/api/v1/chargers/CP-CSR-TXT/certificate-requests")["items"].empty());
}

TEST_F(Ocpp16SignedFirmwareStatusNotification, StatusIsListedAsASignedFirmwareJobWithItsRequestId) {
    auto charger = boot("CP-SFW");
    EXPECT_EQ(
        result_of(charger->call("SignedFirmwareStatusNotification", {{"status", "Downloading"}, {"requestId", 7}})),
        Json::object());
    result_of(charger->call("SignedFirmwareStatusNotification", {{"status", "InvalidSignature"}, {"requestId", 7}}));

    const auto items = get_json("/api/v1/chargers/CP-SFW/jobs")["items"];
    ASSERT_EQ(items.size(), 2u) << items.dump();
    for (const auto *status : {"Downloading", "InvalidSignature"}) {
        const auto item = find_item(items, "status", status);
        EXPECT_EQ(item["kind"], "SignedFirmware");
        EXPECT_EQ(item["requestId"], 7);
    }
}

TEST_F(Ocpp16SignedFirmwareStatusNotification, StatusOtherThanIdleWithoutRequestIdIsRefused) {
    auto charger = boot("CP-SFW-NOID");
    const auto refused = error_of(charger->call("SignedFirmwareStatusNotification", {{"status", "Installed"}}));
    EXPECT_EQ(refused.error_code, "OccurenceConstraintViolation"); // OCPP 1.6's spelling
    EXPECT_TRUE(get_json("/api/v1/chargers/CP-SFW-NOID/jobs")["items"].empty());
}

TEST_F(Ocpp16LogStatusNotification, StatusIsListedAsALogJob) {
    auto charger = boot("CP-LOG");
    EXPECT_EQ(result_of(charger->call("LogStatusNotification", {{"status", "Uploading"}, {"requestId", 3}})),
              Json::object());
    result_of(charger->call("LogStatusNotification", {{"status", "Idle"}})); // triggered, nothing ongoing

    const auto items = get_json("/api/v1/chargers/CP-LOG/jobs")["items"];
    ASSERT_EQ(items.size(), 2u) << items.dump();
    const auto idle = find_item(items, "status", "Idle");
    EXPECT_EQ(idle["kind"], "Log");
    EXPECT_TRUE(idle["requestId"].is_null());
    const auto uploading = find_item(items, "status", "Uploading");
    EXPECT_EQ(uploading["kind"], "Log");
    EXPECT_EQ(uploading["requestId"], 3);
}
