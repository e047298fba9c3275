#pragma once
// Routes each charger CALL to its version's handler, which answers through the CoreLink.
#include "manage/connect/core_link.hpp"
#include "manage/connect/ocpp_server.hpp"

#include <string>
#include <vector>

namespace manage::connect {

class OcppDispatcher final : public CallDispatcher {
public:
    OcppDispatcher(CoreLink &core, asio::thread_pool &workers) : core_(core), workers_(workers) {}
    void on_connected(const ConnectionInfo &connection) override;
    void on_disconnected(const ConnectionInfo &connection, const std::string &reason) override;
    asio::awaitable<CallOutcome> on_call(const ConnectionInfo &connection, const ocpp::Call &call) override;

    // The charger-initiated actions handled end to end (docs/ocpp-status.md lists them).
    static std::vector<std::string> handled_actions(ocpp::Version version);

private:
    CoreLink &core_;
    asio::thread_pool &workers_;
};

} // namespace manage::connect
