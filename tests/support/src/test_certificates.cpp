#include "manage/testing/test_certificates.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <stdexcept>
#include <unistd.h>

namespace manage::testing {
namespace {

struct CertificateFree {
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct BioFree {
    void operator()(BIO *bio) const { BIO_free_all(bio); }
};
using Key = TestKey;
using Certificate = std::unique_ptr<X509, CertificateFree>;

void check(bool ok, const char *what) {
    if (!ok) {
        throw std::runtime_error(std::string("making a test certificate failed: ") + what);
    }
}

Key make_key() {
    return new_ec_key();
}

void add_extension(X509 *certificate, X509 *issuer, int nid, const char *value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    check(extension != nullptr, value);
    check(X509_add_ext(certificate, extension, -1) == 1, "adding an extension");
    X509_EXTENSION_free(extension);
}

enum class Kind { Ca, Server, Client };

// Signed by `issuer_key` as `issuer` (null: self-signed).
Certificate make_certificate(Kind kind, const std::string &common_name, EVP_PKEY *key, X509 *issuer,
                             EVP_PKEY *issuer_key) {
    static std::atomic<long> serial{1};
    Certificate certificate(X509_new());
    check(certificate != nullptr, "X509_new");
    X509 *cert = certificate.get();
    check(X509_set_version(cert, 2) == 1, "version");
    check(ASN1_INTEGER_set(X509_get_serialNumber(cert), serial.fetch_add(1)) == 1, "serial");
    check(X509_gmtime_adj(X509_getm_notBefore(cert), -3600) != nullptr, "notBefore");
    check(X509_gmtime_adj(X509_getm_notAfter(cert), 7L * 24 * 3600) != nullptr, "notAfter");
    check(X509_set_pubkey(cert, key) == 1, "public key");
    X509_NAME *name = X509_get_subject_name(cert);
    check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("Manage tests"),
                                     -1, -1, 0) == 1,
          "O");
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char *>(common_name.c_str()), -1, -1, 0) == 1,
          "CN");
    check(X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name) == 1, "issuer");
    X509 *signer = issuer ? issuer : cert;
    add_extension(cert, signer, NID_subject_key_identifier, "hash");
    add_extension(cert, signer, NID_authority_key_identifier, "keyid");
    switch (kind) {
    case Kind::Ca:
        add_extension(cert, signer, NID_basic_constraints, "critical,CA:TRUE");
        add_extension(cert, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
        break;
    case Kind::Server:
        add_extension(cert, signer, NID_basic_constraints, "critical,CA:FALSE");
        add_extension(cert, signer, NID_key_usage, "critical,digitalSignature");
        add_extension(cert, signer, NID_ext_key_usage, "serverAuth");
        add_extension(cert, signer, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
        break;
    case Kind::Client:
        add_extension(cert, signer, NID_basic_constraints, "critical,CA:FALSE");
        add_extension(cert, signer, NID_key_usage, "critical,digitalSignature");
        add_extension(cert, signer, NID_ext_key_usage, "clientAuth");
        break;
    }
    check(X509_sign(cert, issuer_key ? issuer_key : key, EVP_sha256()) > 0, "signing");
    return certificate;
}

void write_certificate(const std::filesystem::path &path, X509 *certificate) {
    std::unique_ptr<BIO, BioFree> out(BIO_new_file(path.c_str(), "w"));
    check(out != nullptr, "opening a certificate file");
    check(PEM_write_bio_X509(out.get(), certificate) == 1, "writing a certificate");
}

void write_key(const std::filesystem::path &path, EVP_PKEY *key) {
    std::unique_ptr<BIO, BioFree> out(BIO_new_file(path.c_str(), "w"));
    check(out != nullptr, "opening a key file");
    check(PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "writing a key");
}

struct Authority {
    Key key;
    Certificate certificate;

    explicit Authority(const std::string &common_name)
        : key(make_key()), certificate(make_certificate(Kind::Ca, common_name, key.get(), nullptr, nullptr)) {}
};

} // namespace

TestKey new_ec_key(const char *curve) {
    TestKey key(EVP_EC_gen(curve));
    check(key != nullptr, "EC key generation");
    return key;
}

TestKey new_rsa_key(unsigned bits) {
    TestKey key(EVP_RSA_gen(bits));
    check(key != nullptr, "RSA key generation");
    return key;
}

std::string make_csr(const std::string &common_name, EVP_PKEY *key, EVP_PKEY *signer) {
    std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> request(X509_REQ_new(), &X509_REQ_free);
    check(request != nullptr, "X509_REQ_new");
    X509_NAME *name = X509_REQ_get_subject_name(request.get());
    check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("ACME"), -1, -1,
                                     0) == 1,
          "O");
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char *>(common_name.c_str()), -1, -1, 0) == 1,
          "CN");
    check(X509_REQ_set_pubkey(request.get(), key) == 1, "set_pubkey");
    check(X509_REQ_sign(request.get(), signer, EVP_sha256()) > 0, "sign");
    std::unique_ptr<BIO, BioFree> out(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_X509_REQ(out.get(), request.get()) == 1, "PEM_write");
    char *data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

struct TestCertificates::Impl {
    std::filesystem::path directory;
    std::filesystem::path ca_file;
    std::filesystem::path ca_key_file;
    CertificateFiles server;
    Authority ca{"Manage test CA"};
    std::unique_ptr<Authority> foreign_ca; // made on first use
    int issued = 0;

    CertificateFiles issue(Kind kind, const std::string &common_name, Authority &authority) {
        auto key = make_key();
        auto certificate =
            make_certificate(kind, common_name, key.get(), authority.certificate.get(), authority.key.get());
        const auto stem = directory / ("cert-" + std::to_string(++issued));
        CertificateFiles files{stem.string() + ".pem", stem.string() + "-key.pem"};
        write_certificate(files.certificate, certificate.get());
        write_key(files.private_key, key.get());
        return files;
    }
};

TestCertificates::TestCertificates() : impl_(std::make_unique<Impl>()) {
    static std::atomic<int> counter{0};
    impl_->directory = std::filesystem::temp_directory_path() /
                       ("manage-test-certs-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)));
    std::filesystem::remove_all(impl_->directory);
    std::filesystem::create_directories(impl_->directory);
    impl_->ca_file = impl_->directory / "ca.pem";
    write_certificate(impl_->ca_file, impl_->ca.certificate.get());
    impl_->ca_key_file = impl_->directory / "ca-key.pem";
    write_key(impl_->ca_key_file, impl_->ca.key.get());
    impl_->server = impl_->issue(Kind::Server, "localhost", impl_->ca);
}

TestCertificates::~TestCertificates() {
    std::error_code ec;
    std::filesystem::remove_all(impl_->directory, ec);
}

const std::filesystem::path &TestCertificates::directory() const {
    return impl_->directory;
}

const std::filesystem::path &TestCertificates::ca_certificate() const {
    return impl_->ca_file;
}

const std::filesystem::path &TestCertificates::ca_private_key() const {
    return impl_->ca_key_file;
}

const CertificateFiles &TestCertificates::server() const {
    return impl_->server;
}

CertificateFiles TestCertificates::issue_client(const std::string &common_name) {
    return impl_->issue(Kind::Client, common_name, impl_->ca);
}

CertificateFiles TestCertificates::issue_foreign_client(const std::string &common_name) {
    if (!impl_->foreign_ca) {
        impl_->foreign_ca = std::make_unique<Authority>("Manage test CA"); // the same name, another key
    }
    return impl_->issue(Kind::Client, common_name, *impl_->foreign_ca);
}

} // namespace manage::testing
