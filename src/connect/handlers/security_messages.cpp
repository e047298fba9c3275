#include "handlers/security_messages.hpp"

namespace manage::connect {

Checked<CertificateSigningRequest> framed_signing_request(const std::string &csr, std::string certificate_type) {
    constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE REQUEST-----";
    constexpr std::string_view kEnd = "-----END CERTIFICATE REQUEST-----";
    const auto begin = csr.find(kBegin);
    if (begin == std::string::npos || csr.find(kEnd, begin + kBegin.size()) == std::string::npos)
        return refuse(ocpp::RpcError::PropertyConstraintViolation, "/csr",
                      "csr must be a PEM-encoded certificate signing request (BEGIN/END CERTIFICATE REQUEST)");
    return CertificateSigningRequest{.csr = csr, .certificate_type = std::move(certificate_type)};
}

std::string cut_to(std::string_view text, std::size_t code_points) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool starts_code_point = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (starts_code_point && seen++ == code_points)
            return std::string(text.substr(0, i));
    }
    return std::string(text);
}

} // namespace manage::connect
