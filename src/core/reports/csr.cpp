#include "manage/core/charger_report.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace manage::core {

std::optional<std::string> csr_subject(const std::string &pem) {
    if (pem.empty() || pem.size() > 64 * 1024)
        return std::nullopt;
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    if (!bio)
        return std::nullopt;
    std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> request(
        PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr), &X509_REQ_free);
    if (!request)
        return std::nullopt;
    // A request signed by another key than the one it carries is not a request.
    EVP_PKEY *key = X509_REQ_get0_pubkey(request.get());
    if (key == nullptr || X509_REQ_verify(request.get(), key) != 1)
        return std::nullopt;
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
    if (!out || X509_NAME_print_ex(out.get(), X509_REQ_get_subject_name(request.get()), 0, XN_FLAG_RFC2253) < 0)
        return std::nullopt;
    char *data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace manage::core
