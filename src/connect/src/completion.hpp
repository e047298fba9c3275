#pragma once
// Turns an Asio completion handler (e.g. a coroutine's use_awaitable handler) into a CallCompletion
// that may be invoked from another strand: the handler runs on its own executor, which is kept busy
// (outstanding work) until then.
#include "connection.hpp"

#include "manage/common/asio.hpp"

#include <memory>

namespace manage::connect {

template <class Handler> CallCompletion make_call_completion(Handler handler) {
    auto executor = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
    auto shared = std::make_shared<Handler>(std::move(handler));
    return [shared, executor](CallResponse response) {
        asio::post(executor, [shared, response = std::move(response)]() mutable { (*shared)(std::move(response)); });
    };
}

} // namespace manage::connect
