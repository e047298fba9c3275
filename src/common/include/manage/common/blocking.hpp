#pragma once
// Runs blocking work (SQLite, hiredis, …) on a worker pool and resumes the awaiting coroutine on its
// own executor, so that a connection's strand never waits on I/O.
//
// Pass a named lambda (`auto work = [...] {...}; co_await run_blocking(pool, std::move(work));`),
// never a temporary written inside the co_await: see the note in the body.
#include "manage/common/asio.hpp"

#include <optional>
#include <type_traits>

namespace manage {

template <class Work> asio::awaitable<std::invoke_result_t<Work>> run_blocking(asio::thread_pool &pool, Work work) {
    using Value = std::invoke_result_t<Work>;
    // Boost 1.74's co_spawn needs a default-constructible result: carry the value in an optional.
    // The task is a named local: GCC 12 destroys a lambda temporary inside a co_await expression
    // twice (a double free when it captures by value). Callers name their work lambdas too.
    auto task = [work = std::move(work)]() mutable -> asio::awaitable<std::optional<Value>> { co_return work(); };
    auto value = co_await asio::co_spawn(pool.get_executor(), std::move(task), asio::use_awaitable);
    co_return std::move(*value);
}

} // namespace manage
