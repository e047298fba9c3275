#pragma once
#include "manage/connect/core_link.hpp"
#include "manage/connect/ocpp_server.hpp"

namespace manage::connect {

struct HandlerContext {
    CoreLink &core;
    asio::thread_pool &workers;
    const ConnectionInfo &connection;
};

ocpp::CallError call_error(const ConnectionInfo &connection, const ocpp::Call &call, ocpp::RpcError error,
                           std::string description);

std::string boot_status_text(BootStatus status);

} // namespace manage::connect
