#include "tls_context.hpp"

#include <boost/asio/ssl.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace manage::connect {
namespace {

namespace ssl = asio::ssl;

Result<void> load(const char *what, const std::string &file, const char *key, auto &&step) {
    if (file.empty()) {
        return fail("tls_config", std::string(what) + " is not set", key);
    }
    boost::system::error_code ec;
    step(ec);
    if (ec) {
        return fail("tls_config", "cannot load the " + std::string(what) + " " + file + ": " + ec.message(), key);
    }
    return ok();
}

} // namespace

Result<std::shared_ptr<ssl::context>> make_tls_context(const TlsListenerOptions &options) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    SSL_CTX *native = context->native_handle();
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1) {
        return fail("tls_config", "cannot require TLS 1.2", "ocpp.tls_listen");
    }
    BOOST_OUTCOME_TRY(load("certificate chain", options.certificate_chain_file, "ocpp.tls_certificate",
                           [&](auto &ec) { context->use_certificate_chain_file(options.certificate_chain_file, ec); }));
    BOOST_OUTCOME_TRY(load("private key", options.private_key_file, "ocpp.tls_private_key", [&](auto &ec) {
        context->use_private_key_file(options.private_key_file, ssl::context::pem, ec);
    }));
    if (SSL_CTX_check_private_key(native) != 1) {
        return fail("tls_config", "the private key " + options.private_key_file + " does not match the certificate",
                    "ocpp.tls_private_key");
    }
    if (!options.client_ca_file.empty()) {
        BOOST_OUTCOME_TRY(load("client CA", options.client_ca_file, "ocpp.tls_client_ca",
                               [&](auto &ec) { context->load_verify_file(options.client_ca_file, ec); }));
        // Tell clients which CAs we accept, so that one with several certificates picks the right one.
        if (STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(options.client_ca_file.c_str())) {
            SSL_CTX_set_client_CA_list(native, names);
        }
        // Ask for a certificate but do not require one: profile 2 chargers connect to the same port
        // with a password. One that is sent and does not verify fails the handshake.
        context->set_verify_mode(ssl::verify_peer);
        // Needed for session resumption when client certificates are verified.
        static constexpr unsigned char kSessionContext[] = "manage-ocpp";
        SSL_CTX_set_session_id_context(native, kSessionContext, sizeof(kSessionContext) - 1);
    } else {
        context->set_verify_mode(ssl::verify_none);
    }
    return context;
}

std::optional<std::string> verified_peer_common_name(void *handle) {
    auto *ssl = static_cast<SSL *>(handle);
    X509 *certificate = SSL_get1_peer_certificate(ssl);
    if (!certificate) {
        return std::nullopt;
    }
    std::optional<std::string> common_name;
    if (SSL_get_verify_result(ssl) == X509_V_OK) {
        const X509_NAME *subject = X509_get_subject_name(certificate);
        const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
        // A subject with two CNs is ambiguous: take none.
        if (index >= 0 && X509_NAME_get_index_by_NID(subject, NID_commonName, index) < 0) {
            const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
            unsigned char *utf8 = nullptr;
            const int length = ASN1_STRING_to_UTF8(&utf8, data);
            if (length >= 0) {
                common_name.emplace(reinterpret_cast<const char *>(utf8), static_cast<std::size_t>(length));
                OPENSSL_free(utf8);
            }
        }
    }
    X509_free(certificate);
    return common_name;
}

} // namespace manage::connect
