#pragma once
// The server side of TLS (OpenSSL through Boost.Asio): security profiles 2 and 3.
#include "manage/common/asio.hpp"
#include "manage/common/result.hpp"
#include "manage/connect/ocpp_server.hpp"

#include <memory>
#include <optional>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace manage::connect {

// TLS 1.2 or newer, the certificate chain and key loaded, and, with a client CA, client
// certificates asked for (not required) and verified. Fails with the configuration key at fault.
Result<std::shared_ptr<asio::ssl::context>> make_tls_context(const TlsListenerOptions &options);

// The subject CN of the certificate the peer of `ssl` (an OpenSSL SSL*) presented, when it verified.
std::optional<std::string> verified_peer_common_name(void *ssl);

} // namespace manage::connect
