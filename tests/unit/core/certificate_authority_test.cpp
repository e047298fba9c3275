// The CA that signs stations' certificates (SignCertificate, 1.6 security extension and 2.0.1 A02/A03):
// what it signs verifies against it for TLS client authentication, and what it refuses says why.
#include "manage/core/certificate_authority.hpp"
#include "manage/testing/test_certificates.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>

using namespace manage;
using namespace manage::testing;
using ::testing::HasSubstr;

namespace {

struct X509Free {
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
using Certificate = std::unique_ptr<X509, X509Free>;

// Every certificate of a PEM text, in order.
std::vector<Certificate> read_chain(const std::string &pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    std::vector<Certificate> chain;
    while (X509 *certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        chain.emplace_back(certificate);
    return chain;
}

Certificate read_certificate_file(const std::filesystem::path &path) {
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto chain = read_chain(text);
    return chain.empty() ? nullptr : std::move(chain.front());
}

// X509_verify_cert against `ca` for a TLS client (the purpose profile 3 checks); the error text or "ok".
std::string verify_as_client(X509 *leaf, X509 *ca, TimePoint at) {
    std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), &X509_STORE_free);
    X509_STORE_add_cert(store.get(), ca);
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> context(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
    X509_STORE_CTX_init(context.get(), store.get(), leaf, nullptr);
    X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_SSL_CLIENT);
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(context.get()), SystemClock::to_time_t(at));
    if (X509_verify_cert(context.get()) == 1)
        return "ok";
    return X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get()));
}

std::string common_name_of(X509 *certificate) {
    char name[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, name, sizeof name);
    return name;
}

TimePoint time_of(const ASN1_TIME *time) {
    std::tm parts{};
    ASN1_TIME_to_tm(time, &parts);
    return SystemClock::from_time_t(timegm(&parts));
}

class CertificateAuthorityTest : public ::testing::Test {
protected:
    std::unique_ptr<core::CertificateAuthority> load(std::chrono::days validity = std::chrono::days(365)) {
        auto loaded = core::CertificateAuthority::load(certs_.ca_certificate(), certs_.ca_private_key(), validity);
        EXPECT_TRUE(loaded) << loaded.error().message;
        return loaded ? std::move(loaded).value() : nullptr;
    }

    TestCertificates certs_;
    TimePoint now_ = SystemClock::from_time_t(SystemClock::to_time_t(SystemClock::now()));
};

TEST_F(CertificateAuthorityTest, SignedCertificateVerifiesAgainstTheCaForClientAuthentication) {
    const auto ca = load(std::chrono::days(2));
    const auto key = new_ec_key();
    const auto issued = ca->sign(make_csr("CP-1", key.get(), key.get()), "CP-1", now_);
    ASSERT_TRUE(issued) << issued.error().message;

    const auto chain = read_chain(issued.value().chain_pem);
    ASSERT_EQ(chain.size(), 2u) << "the new certificate, then the CA's";
    const auto ca_certificate = read_certificate_file(certs_.ca_certificate());
    EXPECT_EQ(X509_cmp(chain[1].get(), ca_certificate.get()), 0);
    EXPECT_EQ(verify_as_client(chain[0].get(), ca_certificate.get(), now_ + std::chrono::hours(1)), "ok");
    EXPECT_EQ(common_name_of(chain[0].get()), "CP-1");
    EXPECT_EQ(issued.value().subject, "CN=CP-1,O=ACME");
    EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(chain[0].get()), key.get()), 1) << "the station's own key";
    EXPECT_EQ(X509_check_ca(chain[0].get()), 0) << "a station certificate cannot sign others";
    EXPECT_EQ(time_of(X509_get0_notBefore(chain[0].get())), now_);
    EXPECT_EQ(time_of(X509_get0_notAfter(chain[0].get())), now_ + std::chrono::days(2));
    EXPECT_EQ(issued.value().not_after, now_ + std::chrono::days(2));
    EXPECT_EQ(issued.value().serial_number.size(), 32u) << issued.value().serial_number;
}

TEST_F(CertificateAuthorityTest, EachCertificateGetsItsOwnSerialNumber) {
    const auto ca = load();
    const auto key = new_ec_key();
    const auto csr = make_csr("CP-1", key.get(), key.get());
    const auto first = ca->sign(csr, "CP-1", now_);
    const auto second = ca->sign(csr, "CP-1", now_);
    ASSERT_TRUE(first && second);
    EXPECT_NE(first.value().serial_number, second.value().serial_number);
}

TEST_F(CertificateAuthorityTest, ValidityEndsNoLaterThanTheCaItself) {
    const auto ca = load(std::chrono::days(3650)); // the test CA is valid for 7 days
    const auto key = new_ec_key();
    const auto issued = ca->sign(make_csr("CP-1", key.get(), key.get()), "CP-1", now_);
    ASSERT_TRUE(issued) << issued.error().message;
    const auto ca_certificate = read_certificate_file(certs_.ca_certificate());
    EXPECT_EQ(issued.value().not_after, time_of(X509_get0_notAfter(ca_certificate.get())));
}

TEST_F(CertificateAuthorityTest, SignsAnRsaKeyOf2048Bits) {
    const auto ca = load();
    const auto key = new_rsa_key(2048);
    const auto issued = ca->sign(make_csr("CP-RSA", key.get(), key.get()), "CP-RSA", now_);
    ASSERT_TRUE(issued) << issued.error().message;
    const auto chain = read_chain(issued.value().chain_pem);
    const auto ca_certificate = read_certificate_file(certs_.ca_certificate());
    EXPECT_EQ(verify_as_client(chain[0].get(), ca_certificate.get(), now_ + std::chrono::hours(1)), "ok");
}

TEST_F(CertificateAuthorityTest, RefusesACertificateInAnotherStationsName) {
    const auto ca = load();
    const auto key = new_ec_key();
    const auto refused = ca->sign(make_csr("CP-2", key.get(), key.get()), "CP-1", now_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "InvalidCSR");
    EXPECT_THAT(refused.error().message, HasSubstr("commonName (CP-2)"));
    EXPECT_THAT(refused.error().message, HasSubstr("(CP-1)"));
}

TEST_F(CertificateAuthorityTest, RefusesACsrWhoseSignatureDoesNotVerify) {
    const auto ca = load();
    const auto key = new_ec_key();
    const auto other = new_ec_key();
    const auto refused = ca->sign(make_csr("CP-1", key.get(), other.get()), "CP-1", now_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "InvalidCSR");
    EXPECT_THAT(refused.error().message, HasSubstr("signature"));
}

TEST_F(CertificateAuthorityTest, RefusesTextThatIsNotACsr) {
    const auto ca = load();
    const auto refused =
        ca->sign("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", "CP-1", now_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "InvalidCSR");
}

TEST_F(CertificateAuthorityTest, RefusesAWeakKey) {
    const auto ca = load();
    const auto key = new_rsa_key(1024);
    const auto refused = ca->sign(make_csr("CP-1", key.get(), key.get()), "CP-1", now_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "InvalidCSR");
    EXPECT_THAT(refused.error().message, HasSubstr("2048"));
}

TEST_F(CertificateAuthorityTest, RefusesToSignOnceTheCaHasExpired) {
    const auto ca = load();
    const auto key = new_ec_key();
    const auto refused = ca->sign(make_csr("CP-1", key.get(), key.get()), "CP-1", now_ + std::chrono::days(30));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "CAExpired");
}

TEST_F(CertificateAuthorityTest, LoadingNamesTheFileAndWhatIsWrongWithIt) {
    const std::chrono::days year(365);
    const auto missing = core::CertificateAuthority::load("/nonexistent/ca.pem", certs_.ca_private_key(), year);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().field, "ocpp.ca_certificate");
    EXPECT_THAT(missing.error().message, HasSubstr("/nonexistent/ca.pem"));

    const auto client = certs_.issue_client("CP-1");
    const auto wrong_key = core::CertificateAuthority::load(certs_.ca_certificate(), client.private_key, year);
    ASSERT_FALSE(wrong_key);
    EXPECT_EQ(wrong_key.error().field, "ocpp.ca_private_key");
    EXPECT_THAT(wrong_key.error().message, HasSubstr("is not the private key"));

    const auto not_a_ca =
        core::CertificateAuthority::load(certs_.server().certificate, certs_.server().private_key, year);
    ASSERT_FALSE(not_a_ca);
    EXPECT_EQ(not_a_ca.error().field, "ocpp.ca_certificate");
    EXPECT_THAT(not_a_ca.error().message, HasSubstr("not a CA certificate"));

    const auto key_is_a_certificate =
        core::CertificateAuthority::load(certs_.ca_certificate(), certs_.ca_certificate(), year);
    ASSERT_FALSE(key_is_a_certificate);
    EXPECT_EQ(key_is_a_certificate.error().field, "ocpp.ca_private_key");
}

} // namespace
