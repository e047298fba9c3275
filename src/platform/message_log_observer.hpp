#pragma once
// connect's FrameObserver feeding core's MessageLog: every frame of every charger, both ways.
#include "manage/connect/frame_observer.hpp"

namespace manage::core {
class MessageLog;
}

namespace manage::platform {

class MessageLogObserver final : public connect::FrameObserver {
public:
    explicit MessageLogObserver(core::MessageLog &log) : log_(log) {}
    // Queues the frame in the log and returns: it never blocks the connection's strand.
    void on_frame(connect::FrameRecord record) override;

private:
    core::MessageLog &log_;
};

} // namespace manage::platform
