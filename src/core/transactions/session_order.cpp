#include "manage/core/session.hpp"

namespace manage::core {

SessionCursor cursor_of(const Session &session, SessionOrder order) {
    switch (order) {
    case SessionOrder::EnergyDescending:
    case SessionOrder::EnergyAscending:
        return {session.energy_wh.value_or(-1), session.transaction_id};
    case SessionOrder::StartedDescending:
    case SessionOrder::StartedAscending:
        break;
    }
    return {std::chrono::duration_cast<std::chrono::milliseconds>(session.started_at.time_since_epoch()).count(),
            session.transaction_id};
}

} // namespace manage::core
