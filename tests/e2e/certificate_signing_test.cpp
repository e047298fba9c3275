// SignCertificate → CertificateSigned over a real WebSocket (2.0.1 A02, 1.6 security extension): with a
// CA configured, a station's CSR is signed by it, the certificate reaches the station, and the station
// then connects with it over mutual TLS (security profile 3). Without a CA, the station hears why not.
#include "e2e_fixture.hpp"
#include "manage/testing/eventually.hpp"
#include "manage/testing/test_certificates.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <mutex>

using namespace manage;
using namespace manage::testing;

namespace {

// A station answering every CALL of the platform with `status`, keeping the CertificateSigned it got.
class Station {
public:
    explicit Station(std::string certificate_signed_status) : status_(std::move(certificate_signed_status)) {}

    CallHandler handler() {
        return [this](const ocpp::Call &call) -> std::variant<ocpp::Json, ocpp::CallError> {
            std::lock_guard lock(mutex_);
            if (call.action == "CertificateSigned") {
                certificate_signed_.push_back(call.payload);
                return Json{{"status", status_}};
            }
            if (call.action == "SetVariables")
                return Json{{"setVariableResult", Json::array()}};
            return Json{{"status", "Accepted"}};
        };
    }
    std::optional<Json> certificate_signed() {
        std::optional<Json> found;
        eventually([&] {
            std::lock_guard lock(mutex_);
            if (!certificate_signed_.empty())
                found = certificate_signed_.front();
            return found.has_value();
        });
        return found;
    }

private:
    std::string status_;
    std::mutex mutex_;
    std::vector<Json> certificate_signed_;
};

Json boot_201() {
    return {{"chargingStation", {{"vendorName", "ACME"}, {"model", "Volt 2"}}}, {"reason", "PowerUp"}};
}

std::unique_ptr<OcppTestClient> boot_station(std::uint16_t port, const std::string &id, Station &station) {
    auto client = std::make_unique<OcppTestClient>();
    EXPECT_TRUE(client->connect(port, id, {"ocpp2.0.1"}).upgraded);
    client->on_call(station.handler());
    EXPECT_EQ(result_of(client->call("BootNotification", boot_201()))["status"], "Accepted");
    return client;
}

void write_file(const std::filesystem::path &path, const std::string &text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string private_key_pem(EVP_PKEY *key) {
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

class CertificateSigningWithCa : public PlatformFixture {
protected:
    std::string config_yaml() const override {
        return "ocpp:\n  boot_policy: accept\n  heartbeat_interval_s: 120\n  ca_validity_days: 30\n"
               "  ca_certificate: " +
               certs_.ca_certificate().string() + "\n  ca_private_key: " + certs_.ca_private_key().string() +
               "\n  tls_listen: 127.0.0.1:0\n  tls_certificate: " + certs_.server().certificate.string() +
               "\n  tls_private_key: " + certs_.server().private_key.string() +
               "\n  tls_client_ca: " + certs_.ca_certificate().string() + "\n";
    }

    TestCertificates certs_;
};

class CertificateSigningWithoutCa : public PlatformFixture {};

} // namespace

TEST_F(CertificateSigningWithCa, A02_StationGetsACertificateFromTheCaAndConnectsWithItOverMutualTls) {
    Station station("Accepted");
    auto charger = boot_station(ocpp_port(), "CS-A02", station);
    const auto key = new_ec_key();
    const auto answer =
        result_of(charger->call("SignCertificate", {{"csr", make_csr("CS-A02", key.get(), key.get())}}));
    EXPECT_EQ(answer, (Json{{"status", "Accepted"}}));

    const auto delivered = station.certificate_signed();
    ASSERT_TRUE(delivered) << "no CertificateSigned reached the station";
    EXPECT_EQ((*delivered)["certificateType"], "ChargingStationCertificate");
    const auto chain = (*delivered)["certificateChain"].get<std::string>();
    const auto request = wait_for("/api/v1/chargers/CS-A02/certificate-requests", [](const Json &body) {
        return !body["items"].empty() && body["items"][0]["status"] == "Installed";
    })["items"][0];
    EXPECT_EQ(request["status"], "Installed");
    EXPECT_EQ(request["certificate"], chain);
    EXPECT_EQ(request["subject"], "CN=CS-A02,O=ACME");
    EXPECT_EQ(request["serialNumber"].get<std::string>().size(), 32u);
    EXPECT_TRUE(request["expiresAt"].is_string());

    // Security profile 3 for the station: only a client certificate from the CA will do, and the one it
    // was just given does.
    const auto profile = put("/api/v1/chargers/CS-A02/security", R"({"securityProfile": 3})");
    ASSERT_EQ(profile.status, 200) << profile.body;
    write_file(dir_ / "cs-a02.pem", chain);
    write_file(dir_ / "cs-a02-key.pem", private_key_pem(key.get()));
    OcppTestClientOptions options;
    options.tls.emplace();
    options.tls->ca_certificate = certs_.ca_certificate();
    options.tls->certificate = dir_ / "cs-a02.pem";
    options.tls->private_key = dir_ / "cs-a02-key.pem";
    OcppTestClient over_tls(options);
    const auto handshake = over_tls.connect(platform_->ocpp_tls_port(), "CS-A02", {"ocpp2.0.1"});
    ASSERT_TRUE(handshake.upgraded) << handshake.http_status << " " << handshake.error;
    EXPECT_TRUE(std::holds_alternative<ocpp::CallResult>(over_tls.call("Heartbeat", Json::object())));
}

TEST_F(CertificateSigningWithCa, A02_StationThatRejectsTheCertificateIsRecordedSo) {
    Station station("Rejected");
    auto charger = boot_station(ocpp_port(), "CS-REJ", station);
    const auto key = new_ec_key();
    result_of(charger->call("SignCertificate", {{"csr", make_csr("CS-REJ", key.get(), key.get())}}));
    ASSERT_TRUE(station.certificate_signed());
    const auto request = wait_for("/api/v1/chargers/CS-REJ/certificate-requests", [](const Json &body) {
        return !body["items"].empty() && body["items"][0]["status"] == "RejectedByCharger";
    })["items"][0];
    EXPECT_EQ(request["status"], "RejectedByCharger");
    const auto audit = get_json("/api/v1/chargers/CS-REJ/commands?limit=10");
    bool audited = false;
    for (const auto &command : audit["items"])
        audited = audited || (command["action"] == "CertificateSigned" && command["apiKey"]["id"] == "system");
    EXPECT_TRUE(audited) << audit.dump();
}

TEST_F(CertificateSigningWithCa, A02_CsrInAnotherStationsNameIsRejectedAndNothingIsSent) {
    Station station("Accepted");
    auto charger = boot_station(ocpp_port(), "CS-MINE", station);
    const auto key = new_ec_key();
    const auto answer =
        result_of(charger->call("SignCertificate", {{"csr", make_csr("CS-THEIRS", key.get(), key.get())}}));
    EXPECT_EQ(answer["status"], "Rejected");
    EXPECT_EQ(answer["statusInfo"]["reasonCode"], "InvalidCSR");
    EXPECT_NE(answer["statusInfo"]["additionalInfo"].get<std::string>().find("CS-THEIRS"), std::string::npos);
    const auto items = get_json("/api/v1/chargers/CS-MINE/certificate-requests")["items"];
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0]["status"], "Rejected");
    EXPECT_EQ(items[0]["certificate"], "");
}

TEST_F(CertificateSigningWithCa, Ocpp16ChargePointGetsItsCertificateWithoutAType) {
    auto charger = connect("CP-16");
    Station station("Accepted");
    charger->on_call(station.handler());
    result_of(charger->call("BootNotification", boot_payload("ACME", "One")));
    const auto key = new_ec_key();
    EXPECT_EQ(result_of(charger->call("SignCertificate", {{"csr", make_csr("CP-16", key.get(), key.get())}})),
              (Json{{"status", "Accepted"}}));
    const auto delivered = station.certificate_signed();
    ASSERT_TRUE(delivered);
    EXPECT_FALSE(delivered->contains("certificateType")) << "1.6 CertificateSigned.req has only the chain";
    EXPECT_NE((*delivered)["certificateChain"].get<std::string>().find("-----BEGIN CERTIFICATE-----"),
              std::string::npos);
}

TEST_F(CertificateSigningWithoutCa, A02_WithoutACaTheStationIsToldWhy) {
    Station station("Accepted");
    auto charger = boot_station(ocpp_port(), "CS-NOCA", station);
    const auto key = new_ec_key();
    const auto answer =
        result_of(charger->call("SignCertificate", {{"csr", make_csr("CS-NOCA", key.get(), key.get())}}));
    EXPECT_EQ(answer["status"], "Rejected");
    EXPECT_EQ(answer["statusInfo"]["reasonCode"], "NoCA");
    const auto items = get_json("/api/v1/chargers/CS-NOCA/certificate-requests")["items"];
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0]["status"], "Rejected");
    EXPECT_EQ(items[0]["reason"].get<std::string>().rfind("NoCA: ", 0), 0u);
}
