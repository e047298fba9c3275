#pragma once
// Turns an Asio completion handler (a coroutine's use_awaitable handler, say) into a std::function
// that any thread may call once: the handler then runs on its own executor, which is kept busy
// (outstanding work) until it has, so an io_context does not run out of work while it waits.
#include "manage/common/asio.hpp"

#include <functional>
#include <memory>

namespace manage {

template <class... Args, class Handler> std::function<void(Args...)> cross_thread_completion(Handler handler) {
    auto executor = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
    // std::function needs a copyable target; the handler is move-only.
    auto shared = std::make_shared<Handler>(std::move(handler));
    return [shared, executor](Args... args) {
        asio::post(executor, [shared, ... args = std::move(args)]() mutable { (*shared)(std::move(args)...); });
    };
}

} // namespace manage
