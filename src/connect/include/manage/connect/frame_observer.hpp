#pragma once
// Sees every OCPP-J frame that passes a charger connection, both ways: the message log's tap.
#include "manage/common/clock.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace manage::connect {

enum class FrameDirection { FromCharger, ToCharger };
// Malformed: a frame from the charger that is not a readable OCPP-J message.
enum class FrameKind { Call, CallResult, CallError, Malformed };

struct FrameRecord {
    TimePoint time{}; // when the frame was read or queued for writing
    std::string charge_point_id;
    FrameDirection direction = FrameDirection::FromCharger;
    FrameKind kind = FrameKind::Call;
    std::string message_id;
    std::string action;  // for a CALLRESULT or CALLERROR: the action of the CALL it answers (empty if none)
    std::string payload; // the whole frame's text, as read or written
    // For a CALLRESULT or CALLERROR: the time from its CALL to it.
    std::optional<std::chrono::microseconds> response_time;
};

class FrameObserver {
public:
    virtual ~FrameObserver() = default;
    // Called on the connection's strand for every frame: it must not block (queue and return).
    virtual void on_frame(FrameRecord record) = 0;
};

} // namespace manage::connect
