#include "manage/core/event_dedup.hpp"

#include "manage/infra/cache.hpp"

#include <memory>

namespace manage::core {

infra::MessageHandler deduplicated(infra::Cache &cache, std::string consumer, infra::MessageHandler handler,
                                   Duration remember) {
    auto prefix = std::make_shared<const std::string>("event-handled:" + std::move(consumer) + ":");
    return [&cache, prefix, handler = std::move(handler), remember](const infra::Message &message) {
        const auto key = *prefix + message.id;
        if (cache.get(key))
            return true;
        if (!handler(message))
            return false;
        cache.set(key, "1", remember);
        return true;
    };
}

} // namespace manage::core
