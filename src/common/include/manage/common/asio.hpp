#pragma once
// The one way to include Boost.Asio: Boost 1.74's awaitable.hpp uses std::exchange without
// including <utility>, so it must come first for C++20 coroutines to compile with GCC 12.
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace manage {
namespace asio = boost::asio;
}
