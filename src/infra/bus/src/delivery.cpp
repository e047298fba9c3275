#include "delivery.hpp"

#include <algorithm>
#include <exception>

namespace manage::infra::detail {

std::optional<std::string> run_handler(const MessageHandler &handler, const Message &message) {
    try {
        if (handler(message))
            return std::nullopt;
        return "handler returned false";
    } catch (const std::exception &error) {
        return std::string("handler threw: ") + error.what();
    } catch (...) {
        return "handler threw a non-standard exception";
    }
}

std::chrono::milliseconds retry_delay(std::chrono::milliseconds first, std::chrono::milliseconds max,
                                      int failed_attempt) {
    auto delay = first;
    for (int attempt = 1; attempt < failed_attempt && delay < max; ++attempt)
        delay *= 2;
    return std::min(delay, max);
}

} // namespace manage::infra::detail
