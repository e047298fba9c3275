#pragma once
// A CallCompletion from an Asio completion handler: see cross_thread_completion.
#include "connection.hpp"

#include "manage/common/completion.hpp"

namespace manage::connect {

template <class Handler> CallCompletion make_call_completion(Handler handler) {
    return cross_thread_completion<CallResponse>(std::move(handler));
}

} // namespace manage::connect
