#pragma once
// One charger connection over WebSocket (Beast stays inside session.cpp, tls_session.cpp and the
// session_impl.hpp they share).
#include "server_context.hpp"

#include "manage/common/asio.hpp"

#include <memory>

namespace boost::asio::ssl {
class context;
}

namespace manage::connect {

// Takes over an accepted socket whose executor is the connection's own strand: reads the HTTP
// upgrade, checks the charger's credentials, negotiates the subprotocol and serves the charger
// until the connection ends.
void start_session(asio::ip::tcp::socket socket, std::shared_ptr<ServerContext> context);

// The same over TLS: the TLS handshake comes first (within the handshake timeout).
void start_tls_session(asio::ip::tcp::socket socket, std::shared_ptr<asio::ssl::context> tls,
                       std::shared_ptr<ServerContext> context);

} // namespace manage::connect
