#pragma once
// State shared by the listener, every session and the OcppServer facade. Sessions hold it by
// shared_ptr, so it outlives the OcppServer object while connections wind down.
#include "connect_metrics.hpp"
#include "registry.hpp"

#include "manage/connect/charger_authenticator.hpp"
#include "manage/connect/ocpp_server.hpp"

#include <spdlog/logger.h>

#include <atomic>
#include <memory>

namespace manage::connect {

// Limits that protect the service from a misbehaving charger.
inline constexpr std::size_t kMaxQueuedCalls = 16;      // CALLs from one charger awaiting their answer
inline constexpr std::size_t kMaxQueuedWrites = 1024;   // frames to one charger waiting to be written
inline constexpr std::size_t kMaxHandshakeBytes = 8192; // the HTTP upgrade request's header

struct ServerContext {
    ServerContext(OcppServerOptions options_, CallDispatcher &dispatcher_, infra::Metrics &metrics_,
                  std::shared_ptr<spdlog::logger> log_, ChargerAuthenticator *authenticator_)
        : options(std::move(options_)), dispatcher(dispatcher_), authenticator(authenticator_), metrics(metrics_),
          log(std::move(log_)) {}

    const OcppServerOptions options;
    CallDispatcher &dispatcher;
    ChargerAuthenticator *const authenticator; // null: every charger may connect
    ConnectMetrics metrics;
    std::shared_ptr<spdlog::logger> log;
    Registry registry;
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> next_connection_id{1};
};

} // namespace manage::connect
