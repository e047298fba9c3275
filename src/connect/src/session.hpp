#pragma once
// One charger connection over WebSocket (Beast stays inside session.cpp).
#include "server_context.hpp"

#include "manage/common/asio.hpp"

#include <memory>

namespace manage::connect {

// Takes over an accepted socket whose executor is the connection's own strand: reads the HTTP
// upgrade, negotiates the subprotocol and serves the charger until the connection ends.
void start_session(asio::ip::tcp::socket socket, std::shared_ptr<ServerContext> context);

} // namespace manage::connect
