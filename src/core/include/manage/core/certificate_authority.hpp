#pragma once
// The CA that signs charging stations' certificates (OCPP 1.6 security extension and 2.0.1 A02/A03:
// SignCertificate → CertificateSigned). Its certificate and key come from PEM files the operator
// configures (ocpp.ca_certificate, ocpp.ca_private_key); without them Manage signs nothing and every
// SignCertificate is rejected with a reason.
#include "manage/common/clock.hpp"
#include "manage/common/result.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace manage::core {

struct IssuedCertificate {
    std::string chain_pem;     // the new certificate, then the CA's certificate file as configured
    std::string serial_number; // upper-case hex
    std::string subject;       // RFC 2253, one line
    TimePoint not_before{};
    TimePoint not_after{};
};

class CertificateAuthority {
public:
    // `certificate_file`: the signing CA's certificate first, optionally followed by its chain up to the
    // root (sent to stations after each new certificate). `key_file`: the CA's unencrypted private key
    // (RSA or EC), which must match the certificate. Fails with the file and what is wrong with it.
    static Result<std::unique_ptr<CertificateAuthority>> load(const std::string &certificate_file,
                                                              const std::string &key_file, std::chrono::days validity);
    ~CertificateAuthority();
    CertificateAuthority(const CertificateAuthority &) = delete;
    CertificateAuthority &operator=(const CertificateAuthority &) = delete;

    // Signs a station's PEM CSR for TLS client authentication (clientAuth) from `now` for the configured
    // validity, never past the CA's own expiry. Refuses (code InvalidCSR, message says why) a request that
    // does not parse, whose signature does not verify, whose commonName is not `station_id`, or whose key
    // is weaker than RSA 2048 bits or an EC curve of 256 bits. Thread-safe.
    Result<IssuedCertificate> sign(const std::string &csr_pem, const std::string &station_id, TimePoint now) const;

    // The CA certificate's subject, RFC 2253.
    const std::string &subject() const;

private:
    struct Impl;
    explicit CertificateAuthority(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace manage::core
