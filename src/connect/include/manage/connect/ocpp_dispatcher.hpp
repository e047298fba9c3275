#pragma once
// Routes each charger CALL to its version's handler, which answers through the CoreLink.
#include "manage/connect/core_link.hpp"
#include "manage/connect/ocpp_server.hpp"

#include <map>
#include <mutex>
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
    // The connection serving each charger. A connection replaced by a newer one ends after the new
    // one is up: its end must not mark the charger disconnected. The mutex also keeps one charger's
    // connected/disconnected calls to core in the order decided here.
    struct Current {
        std::uint64_t connection_id = 0;
        // Core said it accepts this charger. Core never withdraws an acceptance (a registration only
        // ever becomes Accepted), so one "yes" holds for the rest of the connection and the charger's
        // later CALLs need not ask again.
        bool accepted = false;
    };
    bool known_accepted(const ConnectionInfo &connection);
    void remember_accepted(const ConnectionInfo &connection);

    std::mutex connections_mutex_;
    std::map<std::string, Current, std::less<>> current_connection_;
};

} // namespace manage::connect
