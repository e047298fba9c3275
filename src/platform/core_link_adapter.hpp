#pragma once
// Connect's core link in one process: calls core's ChargerService directly.
#include "manage/connect/core_link.hpp"
#include "manage/core/charger_service.hpp"

namespace manage::platform {

class InProcessCoreLink final : public connect::CoreLink {
public:
    explicit InProcessCoreLink(core::ChargerService &chargers) : chargers_(chargers) {}
    void connected(const std::string &charger_id, ocpp::Version version) override;
    void disconnected(const std::string &charger_id) override;
    connect::BootAnswer boot(const std::string &charger_id, ocpp::Version version,
                             const connect::BootRequest &request) override;
    bool accepts(const std::string &charger_id) override;
    TimePoint heartbeat(const std::string &charger_id) override;
    void status(const std::string &charger_id, const connect::StatusUpdate &update) override;

private:
    core::ChargerService &chargers_;
};

} // namespace manage::platform
