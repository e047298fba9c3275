#pragma once
// Consumers deduplicate by event id: the Bus delivers at least once, and the outbox relay publishes an
// event again when it died between the broker's confirm and removing it (docs/events.md).
#include "manage/common/clock.hpp"
#include "manage/infra/bus.hpp"

#include <string>

namespace manage::infra {
class Cache;
}

namespace manage::core {

// Wraps `handler` so that a message whose id `consumer` has already handled (within `remember`) is
// acknowledged without running it again. An id is remembered only once its handler succeeded, so a
// failed delivery is retried. The record is in the Cache: shared by every node of a consumer group.
infra::MessageHandler deduplicated(infra::Cache &cache, std::string consumer, infra::MessageHandler handler,
                                   Duration remember = std::chrono::hours(24));

} // namespace manage::core
