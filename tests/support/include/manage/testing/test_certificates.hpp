#pragma once
// Certificates made at run time for TLS tests (OpenSSL's C API, EC P-256 keys, SHA-256), written as
// PEM files to a fresh temporary directory that is removed with the object:
//
//     TestCertificates certs;                       // a CA and a server certificate for 127.0.0.1 / localhost
//     auto charger = certs.issue_client("CP-1");     // a client certificate with CN=CP-1, signed by the CA
//     auto stranger = certs.issue_foreign_client("CP-1"); // the same CN, signed by a CA nobody trusts
//
// and certificate signing requests, as a station makes them for SignCertificate:
//
//     auto key = new_ec_key();
//     auto csr = make_csr("CP-1", key.get(), key.get());   // PEM, O=ACME, CN=CP-1
#include <openssl/evp.h>

#include <filesystem>
#include <memory>
#include <string>

namespace manage::testing {

struct KeyFree {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
using TestKey = std::unique_ptr<EVP_PKEY, KeyFree>;

TestKey new_ec_key(const char *curve = "P-256");
TestKey new_rsa_key(unsigned bits);
// A PEM certificate signing request for O=ACME, CN=<common_name> carrying `key`'s public key and
// signed by `signer` (the same key for a valid request).
std::string make_csr(const std::string &common_name, EVP_PKEY *key, EVP_PKEY *signer);

struct CertificateFiles {
    std::filesystem::path certificate; // PEM
    std::filesystem::path private_key; // PEM, unencrypted
};

class TestCertificates {
public:
    TestCertificates();
    ~TestCertificates();
    TestCertificates(const TestCertificates &) = delete;
    TestCertificates &operator=(const TestCertificates &) = delete;

    const std::filesystem::path &directory() const;
    // The CA that signs the server certificate and the client certificates of issue_client().
    const std::filesystem::path &ca_certificate() const;
    // Its private key (PEM), for tests where Manage signs with that CA.
    const std::filesystem::path &ca_private_key() const;
    // CN=localhost, subjectAltName DNS:localhost and IP:127.0.0.1, for serverAuth.
    const CertificateFiles &server() const;

    // A client certificate (clientAuth) with the given subject CN, signed by ca_certificate().
    CertificateFiles issue_client(const std::string &common_name);
    // The same, signed by another CA that appears nowhere else.
    CertificateFiles issue_foreign_client(const std::string &common_name);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace manage::testing
