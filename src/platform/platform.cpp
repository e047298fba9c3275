#include "manage/platform/platform.hpp"

#include "core_link_adapter.hpp"
#include "manage/common/asio.hpp"
#include "manage/common/logging.hpp"
#include "manage/connect/ocpp_dispatcher.hpp"
#include "manage/connect/ocpp_server.hpp"
#include "manage/core/api.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/migrations.hpp"
#include "manage/core/sql_charger_repository.hpp"
#include "manage/infra/http.hpp"
#include "manage/infra/in_process_bus.hpp"
#include "manage/infra/in_process_cache.hpp"
#include "manage/infra/metrics.hpp"

#include <fstream>
#include <optional>
#include <sys/stat.h>

namespace manage::platform {

struct Platform::Impl {
    Config config;
    Services services;
    RealClock clock;
    asio::io_context io;
    asio::thread_pool workers{4};
    infra::Metrics metrics;
    std::unique_ptr<infra::Database> database;
    std::unique_ptr<infra::InProcessCache> cache;
    std::unique_ptr<infra::InProcessBus> bus;
    std::unique_ptr<core::SqlChargerRepository> chargers_repository;
    std::unique_ptr<core::ChargerService> chargers;
    std::unique_ptr<core::ApiKeys> api_keys;
    std::unique_ptr<InProcessCoreLink> core_link;
    std::unique_ptr<connect::OcppDispatcher> dispatcher;
    std::unique_ptr<infra::http::Server> http;
    std::unique_ptr<connect::OcppServer> ocpp;
    std::optional<asio::signal_set> signals;
    std::uint16_t http_port = 0;
    std::uint16_t ocpp_port = 0;
    std::filesystem::path new_api_key_file;
    bool stopped = false;
};

namespace {

Result<std::unique_ptr<infra::Database>> open_database(const Config &config) {
    std::error_code ec;
    std::filesystem::create_directories(config.data.dir, ec);
    if (ec)
        return fail("data_dir", "cannot create the data directory " + config.data.dir + ": " + ec.message(),
                    "data.dir");
    BOOST_OUTCOME_TRY(database, infra::Database::open(config.store_url()));
    BOOST_OUTCOME_TRY(applied, database->migrate(core::migrations()));
    if (applied > 0)
        logger("store")->info("applied {} migration(s); schema version {}", applied, database->schema_version());
    return std::move(database);
}

// The key is shown once, through a file only its owner can read: never in a log.
Result<void> write_secret_file(const std::filesystem::path &path, const std::string &secret) {
    const auto old_mask = ::umask(077);
    std::ofstream out(path, std::ios::trunc);
    ::umask(old_mask);
    if (!out)
        return fail("api_key_file", "cannot write " + path.string());
    out << secret << '\n';
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return ok();
}

} // namespace

Platform::Platform() : impl_(std::make_unique<Impl>()) {}
Platform::~Platform() {
    stop();
    impl_->workers.join();
}

Result<std::unique_ptr<Platform>> Platform::create(const Config &config, Services services) {
    std::unique_ptr<Platform> platform(new Platform());
    auto &p = *platform->impl_;
    p.config = config;
    p.services = services;
    BOOST_OUTCOME_TRY(database, open_database(config));
    p.database = std::move(database);
    p.cache = std::make_unique<infra::InProcessCache>(p.clock);
    p.bus = std::make_unique<infra::InProcessBus>();
    p.chargers_repository = std::make_unique<core::SqlChargerRepository>(*p.database);
    p.chargers = std::make_unique<core::ChargerService>(
        *p.chargers_repository, *p.cache, *p.bus, p.clock,
        core::ChargerServiceOptions{config.ocpp.boot_policy, std::chrono::seconds(config.ocpp.heartbeat_interval_s),
                                    std::chrono::seconds(60)});
    p.api_keys = std::make_unique<core::ApiKeys>(*p.database, p.clock);
    for (const auto &id : config.ocpp.chargers) {
        auto registered = p.chargers->register_charger(id);
        if (!registered)
            return fail("invalid_config", "ocpp.chargers: '" + id + "': " + registered.error().message,
                        "ocpp.chargers");
    }
    if (services.api && p.api_keys->count() == 0) {
        const auto file = platform->api_key_file();
        BOOST_OUTCOME_TRY(write_secret_file(file, p.api_keys->create("admin")));
        p.new_api_key_file = file;
        logger("core")->info("created the first admin API key; it is in {} (readable by its owner only)",
                             file.string());
    }
    return platform;
}

Result<void> Platform::start() {
    auto &p = *impl_;
    if (p.services.api) {
        auto router = core::make_api_router(
            core::ApiContext{*p.chargers, *p.api_keys, *p.database, *p.cache, *p.bus, p.metrics, p.workers});
        p.http = std::make_unique<infra::http::Server>(
            p.io,
            infra::http::ServerOptions{p.config.http.listen, p.config.http.max_body_bytes,
                                       p.config.http.max_header_bytes, p.config.http.idle_timeout_s},
            router, p.metrics);
        BOOST_OUTCOME_TRY(port, p.http->start());
        p.http_port = port;
    }
    if (p.services.ocpp) {
        p.core_link = std::make_unique<InProcessCoreLink>(*p.chargers);
        p.dispatcher = std::make_unique<connect::OcppDispatcher>(*p.core_link, p.workers);
        p.ocpp = std::make_unique<connect::OcppServer>(
            p.io,
            connect::OcppServerOptions{p.config.ocpp.listen, p.config.ocpp.max_frame_bytes,
                                       std::chrono::seconds(p.config.ocpp.call_timeout_s),
                                       std::chrono::seconds(p.config.ocpp.ping_interval_s)},
            *p.dispatcher, p.metrics);
        BOOST_OUTCOME_TRY(port, p.ocpp->start());
        p.ocpp_port = port;
    }
    return ok();
}

void Platform::run(int threads, bool handle_signals) {
    auto &p = *impl_;
    if (handle_signals) {
        p.signals.emplace(p.io, SIGINT, SIGTERM);
        p.signals->async_wait([this](const boost::system::error_code &ec, int signal) {
            if (ec)
                return;
            logger("manage")->info("received {}; shutting down gracefully", signal == SIGTERM ? "SIGTERM" : "SIGINT");
            stop();
        });
    }
    std::vector<std::thread> extra;
    for (int i = 1; i < threads; ++i)
        extra.emplace_back([&p] { p.io.run(); });
    p.io.run();
    for (auto &thread : extra)
        thread.join();
    p.workers.wait();
}

void Platform::stop() {
    auto &p = *impl_;
    asio::dispatch(p.io, [&p] {
        if (p.stopped)
            return;
        p.stopped = true;
        if (p.ocpp)
            p.ocpp->stop();
        if (p.http)
            p.http->stop();
        if (p.signals)
            p.signals->cancel();
    });
}

std::uint16_t Platform::http_port() const {
    return impl_->http_port;
}
std::uint16_t Platform::ocpp_port() const {
    return impl_->ocpp_port;
}
const std::filesystem::path &Platform::new_api_key_file() const {
    return impl_->new_api_key_file;
}
std::filesystem::path Platform::api_key_file() const {
    return std::filesystem::path(impl_->config.data.dir) / "admin-api-key";
}

Result<int> migrate(const Config &config) {
    BOOST_OUTCOME_TRY(database, open_database(config));
    return database->schema_version();
}

} // namespace manage::platform
