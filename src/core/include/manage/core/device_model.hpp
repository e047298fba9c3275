#pragma once
// What the CSMS knows of each OCPP 2.0.1 station's device model, and how it learns it: NotifyReport
// (B07 Get Base Report, B08 Get Custom Report) assembled across its parts, and the answers to
// GetVariables (B06) and SetVariables (B05). Pure of I/O: the Store through DeviceModelRepository,
// events through the Events port (the outbox).
#include "manage/common/clock.hpp"
#include "manage/core/device_model_repository.hpp"
#include "manage/core/device_model_types.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace manage::core {

class Events;

struct DeviceModelOptions {
    // Parts of a report are kept this long after they arrive. A report not complete by then is dropped
    // (its parts never reach the device model); the marks of an applied one go too, so a part resent
    // later than this applies its report again (which changes nothing but `updatedAt`).
    std::chrono::hours report_retention{6};
};

class DeviceModel {
public:
    DeviceModel(DeviceModelRepository &repository, Events &events, const Clock &clock,
                DeviceModelOptions options = {});

    // These block on the Store: call them from a worker thread.

    // A NotifyReport: keeps the part and, when it completes its report, applies the whole report and
    // publishes device_model.reported. Drops the parts older than report_retention first.
    ReportPartOutcome on_report_part(const std::string &charger_id, const DeviceReportPart &part);
    // A GetBaseReport or GetReport with `request_id` is about to be sent: a report of an earlier
    // request with that id is forgotten, so that the new one is not taken for a resend.
    void start_report(const std::string &charger_id, int request_id);
    // Values a command read or set.
    void record_values(const std::string &charger_id, const std::vector<AttributeValue> &values);

    std::vector<DeviceVariable> variables(const std::string &charger_id, const DeviceVariableFilter &filter = {});

private:
    DeviceModelRepository &repository_;
    Events &events_;
    const Clock &clock_;
    DeviceModelOptions options_;
};

} // namespace manage::core
