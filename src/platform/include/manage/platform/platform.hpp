#pragma once
// The services of one process, built from the configuration and wired through the ports: what
// `manage up`, `manage core` and `manage connect` run, and what the end-to-end tests start.
#include "manage/common/config.hpp"
#include "manage/common/result.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>

namespace manage::platform {

// The user the first start creates in the configured organisation, so that someone can sign in.
inline constexpr const char *kFirstAdminEmail = "admin@manage.local";

struct Services {
    bool api = true;  // core: HTTP API, health, metrics
    bool ocpp = true; // connect: OCPP-J WebSocket ingress
};

class Platform {
public:
    ~Platform();
    // Opens and migrates the Store, builds the adapters, registers the configured chargers and makes
    // sure an admin API key exists.
    static Result<std::unique_ptr<Platform>> create(const Config &config, Services services);

    // Binds the listeners; after this the ports are known.
    Result<void> start();
    // Runs until stop() or SIGINT/SIGTERM (when handle_signals), on `threads` threads.
    void run(int threads, bool handle_signals);
    // Graceful: stop accepting, close chargers with 1001, finish requests in flight. Thread-safe.
    void stop();

    std::uint16_t http_port() const;
    std::uint16_t ocpp_port() const;
    // The TLS listener's port (ocpp.tls_listen); 0 without one.
    std::uint16_t ocpp_tls_port() const;
    // Where the admin API key was written when this start created it; empty otherwise.
    const std::filesystem::path &new_api_key_file() const;
    std::filesystem::path api_key_file() const;
    // The same for the first admin user's password (see kFirstAdminEmail).
    const std::filesystem::path &new_admin_password_file() const;
    std::filesystem::path admin_password_file() const;
    // The HTTP routes served, as {method, pattern}; empty before start() or without the API.
    std::vector<std::pair<std::string, std::string>> http_routes() const;

private:
    Platform();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Applies the Store's pending migrations and returns the schema version it is then at.
Result<int> migrate(const Config &config);

} // namespace manage::platform
