#pragma once
// What every Bus adapter does the same way: calling a handler and spacing out retries.
#include "manage/infra/bus.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace manage::infra::detail {

// Runs the handler; nullopt when it acknowledged the message, else why it did not ("handler returned
// false", "handler threw: …").
std::optional<std::string> run_handler(const MessageHandler &handler, const Message &message);

// The wait after failed attempt `failed_attempt` (1: the first delivery): `first`, doubling for each
// further attempt, at most `max`.
std::chrono::milliseconds retry_delay(std::chrono::milliseconds first, std::chrono::milliseconds max,
                                      int failed_attempt);

} // namespace manage::infra::detail
