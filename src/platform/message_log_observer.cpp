#include "message_log_observer.hpp"

#include "manage/core/message_log.hpp"

namespace manage::platform {

void MessageLogObserver::on_frame(connect::FrameRecord record) {
    core::LoggedMessage message;
    message.time = record.time;
    message.charger_id = std::move(record.charge_point_id);
    message.direction = record.direction == connect::FrameDirection::FromCharger ? core::MessageDirection::FromCharger
                                                                                 : core::MessageDirection::ToCharger;
    switch (record.kind) {
    case connect::FrameKind::Call:
        message.type = core::MessageType::Call;
        break;
    case connect::FrameKind::CallResult:
        message.type = core::MessageType::CallResult;
        break;
    case connect::FrameKind::CallError:
        message.type = core::MessageType::CallError;
        break;
    case connect::FrameKind::Malformed:
        message.type = core::MessageType::Malformed;
        break;
    }
    message.message_id = std::move(record.message_id);
    message.action = std::move(record.action);
    message.frame = std::move(record.payload);
    message.response_time = record.response_time;
    log_.record(std::move(message));
}

} // namespace manage::platform
