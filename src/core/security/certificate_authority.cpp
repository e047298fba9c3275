#include "manage/core/certificate_authority.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace manage::core {
namespace {

struct Free {
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(X509_REQ *p) const { X509_REQ_free(p); }
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(BIO *p) const { BIO_free_all(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
    void operator()(ASN1_INTEGER *p) const { ASN1_INTEGER_free(p); }
};
template <class T> using Owned = std::unique_ptr<T, Free>;

// OpenSSL's error queue holds the parsers' complaints; ours are in the Error we return.
struct ClearOpenSslErrors {
    ~ClearOpenSslErrors() { ERR_clear_error(); }
};

Owned<BIO> memory_bio(const std::string &text) {
    return Owned<BIO>(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string bio_text(BIO *bio) {
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string name_text(const X509_NAME *name) {
    Owned<BIO> out(BIO_new(BIO_s_mem()));
    if (!out || X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253) < 0)
        return {};
    return bio_text(out.get());
}

std::string pem_of(X509 *certificate) {
    Owned<BIO> out(BIO_new(BIO_s_mem()));
    if (!out || PEM_write_bio_X509(out.get(), certificate) != 1)
        return {};
    return bio_text(out.get());
}

std::optional<std::string> read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::optional<std::string> common_name(const X509_NAME *name) {
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return std::nullopt;
    const ASN1_STRING *value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, value);
    if (length < 0)
        return std::nullopt;
    std::string text(reinterpret_cast<char *>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
    return text;
}

TimePoint time_point_of(const ASN1_TIME *time) {
    std::tm parts{};
    if (ASN1_TIME_to_tm(time, &parts) != 1)
        return TimePoint{};
    return SystemClock::from_time_t(timegm(&parts));
}

std::time_t seconds_of(TimePoint time) {
    return SystemClock::to_time_t(time);
}

// The strength OCPP asks of station keys: RSA of 2048 bits or more, or ECDSA on a curve of 256 bits or more.
bool strong_enough(EVP_PKEY *key) {
    const int bits = EVP_PKEY_get_bits(key);
    if (EVP_PKEY_is_a(key, "RSA"))
        return bits >= 2048;
    if (EVP_PKEY_is_a(key, "EC"))
        return bits >= 256;
    return false;
}

bool add_extension(X509 *certificate, X509 *issuer, int nid, const char *value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (extension == nullptr)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

// 128 random bits, positive, as RFC 5280 §4.1.2.2 asks (at most 20 octets, unpredictable).
Owned<ASN1_INTEGER> random_serial() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return nullptr;
    bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7F) | 0x01);
    Owned<BIGNUM> number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!number)
        return nullptr;
    return Owned<ASN1_INTEGER>(BN_to_ASN1_INTEGER(number.get(), nullptr));
}

std::string serial_hex(const ASN1_INTEGER *serial) {
    Owned<BIGNUM> number(ASN1_INTEGER_to_BN(serial, nullptr));
    if (!number)
        return {};
    char *hex = BN_bn2hex(number.get());
    std::string text(hex);
    OPENSSL_free(hex);
    return text;
}

auto invalid_csr(std::string why) {
    return fail("InvalidCSR", std::move(why));
}

} // namespace

struct CertificateAuthority::Impl {
    Owned<X509> certificate;
    Owned<EVP_PKEY> key;
    std::string chain_pem; // every certificate of the configured file, re-encoded
    std::string subject;
    TimePoint not_after{};
    std::chrono::days validity{};
};

CertificateAuthority::CertificateAuthority(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CertificateAuthority::~CertificateAuthority() = default;

const std::string &CertificateAuthority::subject() const {
    return impl_->subject;
}

Result<std::unique_ptr<CertificateAuthority>> CertificateAuthority::load(const std::string &certificate_file,
                                                                         const std::string &key_file,
                                                                         std::chrono::days validity) {
    ClearOpenSslErrors clear;
    const auto certificate_text = read_file(certificate_file);
    if (!certificate_text)
        return fail("ca_unreadable", "cannot read the CA certificate file " + certificate_file, "ocpp.ca_certificate");
    auto impl = std::make_unique<Impl>();
    auto bio = memory_bio(*certificate_text);
    for (;;) {
        Owned<X509> certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!certificate)
            break;
        impl->chain_pem += pem_of(certificate.get());
        if (!impl->certificate)
            impl->certificate = std::move(certificate);
    }
    if (!impl->certificate)
        return fail("ca_invalid", certificate_file + " holds no PEM certificate", "ocpp.ca_certificate");
    if (X509_check_ca(impl->certificate.get()) != 1)
        return fail("ca_invalid",
                    certificate_file + ": the first certificate is not a CA certificate (basicConstraints CA:TRUE)",
                    "ocpp.ca_certificate");
    const auto key_text = read_file(key_file);
    if (!key_text)
        return fail("ca_unreadable", "cannot read the CA private key file " + key_file, "ocpp.ca_private_key");
    auto key_bio = memory_bio(*key_text);
    impl->key.reset(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!impl->key)
        return fail("ca_invalid", key_file + " holds no unencrypted PEM private key", "ocpp.ca_private_key");
    if (X509_check_private_key(impl->certificate.get(), impl->key.get()) != 1)
        return fail("ca_invalid", key_file + " is not the private key of the certificate in " + certificate_file,
                    "ocpp.ca_private_key");
    impl->subject = name_text(X509_get_subject_name(impl->certificate.get()));
    impl->not_after = time_point_of(X509_get0_notAfter(impl->certificate.get()));
    impl->validity = validity;
    return std::unique_ptr<CertificateAuthority>(new CertificateAuthority(std::move(impl)));
}

Result<IssuedCertificate> CertificateAuthority::sign(const std::string &csr_pem, const std::string &station_id,
                                                     TimePoint now) const {
    ClearOpenSslErrors clear;
    auto bio = memory_bio(csr_pem);
    Owned<X509_REQ> request(bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!request)
        return invalid_csr("the CSR is not a PEM-encoded PKCS#10 certificate signing request");
    EVP_PKEY *public_key = X509_REQ_get0_pubkey(request.get());
    if (public_key == nullptr || X509_REQ_verify(request.get(), public_key) != 1)
        return invalid_csr("the CSR's signature does not verify with the key it carries");
    const X509_NAME *subject = X509_REQ_get_subject_name(request.get());
    const auto name = common_name(subject);
    if (!name || *name != station_id)
        return invalid_csr("the CSR's commonName (" + name.value_or("none") +
                           ") must be the charging station's identity (" + station_id + ")");
    if (!strong_enough(public_key))
        return invalid_csr("the CSR's key must be RSA of at least 2048 bits or EC of at least 256 bits");
    if (now >= impl_->not_after)
        return fail("CAExpired", "the CA certificate (" + impl_->subject + ") has expired");

    const TimePoint not_after = std::min(now + impl_->validity, impl_->not_after);
    Owned<X509> certificate(X509_new());
    auto serial = random_serial();
    X509 *cert = certificate.get();
    X509 *ca = impl_->certificate.get();
    const bool built =
        cert != nullptr && serial && X509_set_version(cert, 2) == 1 && X509_set_serialNumber(cert, serial.get()) == 1 &&
        X509_set_subject_name(cert, subject) == 1 && X509_set_issuer_name(cert, X509_get_subject_name(ca)) == 1 &&
        X509_set_pubkey(cert, public_key) == 1 &&
        ASN1_TIME_set(X509_getm_notBefore(cert), seconds_of(now)) != nullptr &&
        ASN1_TIME_set(X509_getm_notAfter(cert), seconds_of(not_after)) != nullptr &&
        add_extension(cert, ca, NID_basic_constraints, "critical,CA:FALSE") &&
        add_extension(cert, ca, NID_key_usage,
                      EVP_PKEY_is_a(public_key, "RSA") ? "critical,digitalSignature,keyEncipherment"
                                                       : "critical,digitalSignature,keyAgreement") &&
        add_extension(cert, ca, NID_ext_key_usage, "clientAuth") &&
        add_extension(cert, ca, NID_subject_key_identifier, "hash") &&
        add_extension(cert, ca, NID_authority_key_identifier, "keyid") &&
        X509_sign(cert, impl_->key.get(), EVP_PKEY_get_bits(impl_->key.get()) >= 384 ? EVP_sha384() : EVP_sha256()) > 0;
    if (!built)
        return fail("signing_failed", "OpenSSL could not build or sign the certificate");
    return IssuedCertificate{.chain_pem = pem_of(cert) + impl_->chain_pem,
                             .serial_number = serial_hex(X509_get0_serialNumber(cert)),
                             .subject = name_text(subject),
                             .not_before = SystemClock::from_time_t(seconds_of(now)),
                             .not_after = SystemClock::from_time_t(seconds_of(not_after))};
}

} // namespace manage::core
