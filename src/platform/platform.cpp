#include "manage/platform/platform.hpp"

#include "charger_authenticator_adapter.hpp"
#include "charger_registry.hpp"
#include "core_link_adapter.hpp"
#include "manage/common/asio.hpp"
#include "manage/common/ids.hpp"
#include "manage/common/logging.hpp"
#include "manage/connect/ocpp_dispatcher.hpp"
#include "manage/connect/ocpp_server.hpp"
#include "manage/core/api.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/core/audited_charger_commands.hpp"
#include "manage/core/authorization.hpp"
#include "manage/core/certificate_authority.hpp"
#include "manage/core/charger_credentials.hpp"
#include "manage/core/charger_reports.hpp"
#include "manage/core/charger_service.hpp"
#include "manage/core/command_service.hpp"
#include "manage/core/device_model.hpp"
#include "manage/core/fleets.hpp"
#include "manage/core/live_hub.hpp"
#include "manage/core/message_log.hpp"
#include "manage/core/meter_value_batcher.hpp"
#include "manage/core/migrations.hpp"
#include "manage/core/organisations.hpp"
#include "manage/core/outbox.hpp"
#include "manage/core/site_billing.hpp"
#include "manage/core/sites.hpp"
#include "manage/core/sql_authorization_repository.hpp"
#include "manage/core/sql_charger_repository.hpp"
#include "manage/core/sql_command_repository.hpp"
#include "manage/core/sql_device_model_repository.hpp"
#include "manage/core/sql_fleet_repository.hpp"
#include "manage/core/sql_report_repository.hpp"
#include "manage/core/sql_session_repository.hpp"
#include "manage/core/sql_site_repository.hpp"
#include "manage/core/sql_station_report_repository.hpp"
#include "manage/core/sql_tariff_repository.hpp"
#include "manage/core/sql_vehicle_assignment_repository.hpp"
#include "manage/core/station_reports.hpp"
#include "manage/core/tariffs.hpp"
#include "manage/core/transactions.hpp"
#include "manage/core/users.hpp"
#include "manage/infra/amqp_bus.hpp"
#include "manage/infra/http.hpp"
#include "manage/infra/http_static.hpp"
#include "manage/infra/in_process_bus.hpp"
#include "manage/infra/in_process_cache.hpp"
#include "manage/infra/metrics.hpp"
#include "manage/infra/redis_cache.hpp"
#include "manage/infra/sqlite_items.hpp"
#include "message_log_observer.hpp"
#include "node_command_consumer.hpp"
#include "ocpp_charger_commands.hpp"
#include "routed_charger_commands.hpp"

#include <array>
#include <fstream>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace manage::platform {

namespace {

// Both files or neither: a CA certificate without its key (or the reverse) is a configuration mistake.
Result<std::unique_ptr<core::CertificateAuthority>> load_certificate_authority(const OcppConfig &ocpp) {
    if (ocpp.ca_certificate.empty() && ocpp.ca_private_key.empty())
        return std::unique_ptr<core::CertificateAuthority>();
    if (ocpp.ca_certificate.empty() || ocpp.ca_private_key.empty())
        return fail("invalid_config", "ocpp.ca_certificate and ocpp.ca_private_key go together: set both or neither",
                    ocpp.ca_certificate.empty() ? "ocpp.ca_certificate" : "ocpp.ca_private_key");
    auto loaded = core::CertificateAuthority::load(ocpp.ca_certificate, ocpp.ca_private_key,
                                                   std::chrono::days(ocpp.ca_validity_days));
    if (!loaded)
        return fail("invalid_config", loaded.error().message, loaded.error().field);
    logger("core")->info("signing stations' certificates with the CA {}", loaded.value()->subject());
    return std::move(loaded).value();
}

} // namespace

struct Platform::Impl {
    Config config;
    Services services;
    RealClock clock;
    asio::io_context io;
    asio::thread_pool workers{4};
    infra::Metrics metrics;
    std::unique_ptr<infra::Database> database;
    std::unique_ptr<infra::Cache> cache;
    std::unique_ptr<infra::Bus> bus;
    std::unique_ptr<core::Outbox> outbox;
    std::unique_ptr<core::OutboxEvents> events;
    std::unique_ptr<core::OutboxRelay> outbox_relay;
    std::unique_ptr<core::SqlChargerRepository> chargers_repository;
    std::unique_ptr<core::ChargerService> chargers;
    std::unique_ptr<core::ApiKeys> api_keys;
    std::unique_ptr<core::Organisations> organisations;
    std::unique_ptr<core::Users> users;
    std::unique_ptr<core::SqlAuthorizationRepository> authorization_repository;
    std::unique_ptr<core::Authorization> authorization;
    std::unique_ptr<core::SqlSessionRepository> sessions_repository;
    std::unique_ptr<core::Transactions> transactions;
    std::unique_ptr<core::SqlTariffRepository> tariffs_repository;
    std::unique_ptr<core::Tariffs> tariffs;
    std::unique_ptr<core::SqlSiteRepository> sites_repository;
    std::unique_ptr<core::Sites> sites;
    std::unique_ptr<core::SqlFleetRepository> fleets_repository;
    std::unique_ptr<core::Fleets> fleets;
    std::unique_ptr<core::SqlVehicleAssignmentRepository> assignments_repository;
    std::unique_ptr<core::SessionVehicles> session_vehicles;
    std::unique_ptr<core::SiteBilling> site_billing;
    std::unique_ptr<core::LiveHub> live;
    std::unique_ptr<core::MeterValueBatcher> meter_values;
    std::unique_ptr<core::SqlReportRepository> reports_repository;
    std::unique_ptr<core::CertificateAuthority> certificate_authority; // none: SignCertificate is rejected
    std::unique_ptr<core::ChargerReports> reports;
    std::unique_ptr<core::ChargerCredentials> credentials;
    std::unique_ptr<CredentialsAuthenticator> authenticator;
    // Commands to chargers and the OCPP message log. Declared before the OCPP server, so destroyed
    // after it: the log writes what is still queued when it goes.
    std::unique_ptr<OcppChargerCommands> charger_commands;
    // Processes with the API reach chargers on other nodes through these (see RoutedChargerCommands).
    std::unique_ptr<RoutedChargerCommands> routed_commands;
    std::unique_ptr<core::AuditedChargerCommands> local_list_commands;
    std::unique_ptr<core::SqlCommandRepository> commands_repository;
    std::unique_ptr<core::SqlDeviceModelRepository> device_model_repository;
    std::unique_ptr<core::DeviceModel> device_model;
    std::unique_ptr<core::SqlStationReportRepository> station_reports_repository;
    std::unique_ptr<core::StationReports> station_reports;
    std::unique_ptr<core::CommandService> commands;
    std::unique_ptr<infra::SqliteItems> message_items;
    std::unique_ptr<core::MessageLog> message_log;
    std::unique_ptr<MessageLogObserver> frame_observer;
    // This node's claims in the charger → node registry; outlives the OCPP server, whose connections
    // report their end to it.
    std::unique_ptr<ChargerRegistry> registry;
    std::unique_ptr<InProcessCoreLink> core_link;
    std::unique_ptr<connect::OcppDispatcher> dispatcher;
    std::shared_ptr<infra::http::Router> router;
    std::unique_ptr<infra::http::Server> http;
    std::unique_ptr<connect::OcppServer> ocpp;
    std::unique_ptr<NodeCommandConsumer> node_commands; // before the server it calls goes
    std::optional<asio::signal_set> signals;
    std::uint16_t http_port = 0;
    std::uint16_t ocpp_port = 0;
    std::uint16_t ocpp_tls_port = 0;
    std::filesystem::path new_api_key_file;
    std::filesystem::path new_admin_password_file;
    bool stopped = false;
    std::string node; // node.id, or the host name
};

namespace {

// The web screens are optional: a missing build is reported, and the API is served all the same.
void serve_web_screens(infra::http::Router &router, const std::string &web_dir) {
    if (web_dir.empty())
        return;
    if (auto problem = infra::http::web_root_problem(web_dir); !problem.empty()) {
        logger("http")->warn("web screens not served: {} (build them with scripts/web.sh, or set http.web_dir)",
                             problem);
        return;
    }
    router.set_fallback(infra::http::static_files_handler(web_dir));
    logger("http")->info("web screens served at / from {}", std::filesystem::absolute(web_dir).string());
}

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

// Embedded unless the configuration names a server: one process then shares nothing, and needs nothing.
Result<std::unique_ptr<infra::Cache>> open_cache(const Config &config, const Clock &clock) {
    if (config.cache.url.empty())
        return std::unique_ptr<infra::Cache>(std::make_unique<infra::InProcessCache>(clock));
    auto cache = infra::RedisCache::open(config.cache.url);
    if (!cache)
        return fail(cache.error().code, "cache.url: " + cache.error().message, "cache.url");
    logger("cache")->info("live state in Valkey/Redis (cache.url)");
    return std::unique_ptr<infra::Cache>(std::move(cache).value());
}

Result<std::unique_ptr<infra::Bus>> open_bus(const Config &config) {
    if (config.bus.url.empty())
        return std::unique_ptr<infra::Bus>(std::make_unique<infra::InProcessBus>());
    infra::AmqpBusOptions options;
    options.exchange = config.bus.exchange;
    auto bus = infra::AmqpBus::open(config.bus.url, options);
    if (!bus)
        return fail(bus.error().code, "bus.url: " + bus.error().message, "bus.url");
    logger("bus")->info("events through RabbitMQ, exchange {}", config.bus.exchange);
    return std::unique_ptr<infra::Bus>(std::move(bus).value());
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

// Names this node's queue of live changes: stable across restarts so that a restarted node takes its
// queue back instead of leaving one behind on the broker.
// node.id when set. A host name that cannot name a node (too long, say) is replaced by a random id,
// which a restart does not keep: set node.id then.
std::string node_name(const Config &config) {
    if (!config.node.id.empty())
        return config.node.id;
    std::array<char, 256> name{};
    if (::gethostname(name.data(), name.size() - 1) != 0 || !valid_node_id(name.data()))
        return new_short_id();
    return name.data();
}

} // namespace

Platform::Platform() : impl_(std::make_unique<Impl>()) {}
Platform::~Platform() {
    stop();
    if (impl_->commands)
        impl_->commands->stop_boot_policy(); // no new work for the pool once it is joined
    impl_->workers.join();
}

Result<std::unique_ptr<Platform>> Platform::create(const Config &config, Services services) {
    std::unique_ptr<Platform> platform(new Platform());
    auto &p = *platform->impl_;
    p.config = config;
    p.services = services;
    p.node = node_name(config);
    BOOST_OUTCOME_TRY(database, open_database(config));
    p.database = std::move(database);
    BOOST_OUTCOME_TRY(cache, open_cache(config, p.clock));
    p.cache = std::move(cache);
    BOOST_OUTCOME_TRY(bus, open_bus(config));
    p.bus = std::move(bus);
    // Every event a state change causes goes through the outbox: written with the change, published after it.
    p.outbox = std::make_unique<core::Outbox>(*p.database);
    p.events = std::make_unique<core::OutboxEvents>(*p.database, *p.outbox, p.clock);
    p.outbox_relay = std::make_unique<core::OutboxRelay>(*p.outbox, *p.bus, p.metrics);
    p.events->set_on_commit([relay = p.outbox_relay.get()] { relay->wake(); });
    p.chargers_repository = std::make_unique<core::SqlChargerRepository>(*p.database);
    p.chargers = std::make_unique<core::ChargerService>(
        *p.chargers_repository, *p.cache, *p.events, p.clock,
        core::ChargerServiceOptions{config.ocpp.boot_policy, std::chrono::seconds(config.ocpp.heartbeat_interval_s),
                                    std::chrono::seconds(60), config.ocpp.organisation});
    p.api_keys = std::make_unique<core::ApiKeys>(*p.database, p.clock);
    p.organisations = std::make_unique<core::Organisations>(*p.database, p.clock);
    if (!p.organisations->find(config.ocpp.organisation)) {
        BOOST_OUTCOME_TRY(p.organisations->create(config.ocpp.organisation, config.ocpp.organisation));
    }
    core::UsersOptions users_options;
    users_options.argon2 = core::Argon2Options{static_cast<std::uint32_t>(config.auth.argon2_iterations),
                                               static_cast<std::uint32_t>(config.auth.argon2_memory_kib), 1};
    users_options.session_lifetime = std::chrono::hours(config.auth.session_hours);
    users_options.max_failures_per_email = config.auth.signin_failures_per_email;
    p.users = std::make_unique<core::Users>(*p.database, *p.cache, p.clock, users_options);
    p.authorization_repository = std::make_unique<core::SqlAuthorizationRepository>(*p.database);
    p.authorization = std::make_unique<core::Authorization>(*p.authorization_repository, *p.events, p.clock);
    p.sessions_repository = std::make_unique<core::SqlSessionRepository>(*p.database);
    p.transactions = std::make_unique<core::Transactions>(*p.sessions_repository, *p.authorization, *p.events, p.clock);
    p.tariffs_repository = std::make_unique<core::SqlTariffRepository>(*p.database);
    p.tariffs = std::make_unique<core::Tariffs>(*p.tariffs_repository, *p.sessions_repository, p.clock);
    p.transactions->set_tariffs(p.tariffs.get());
    p.sites_repository = std::make_unique<core::SqlSiteRepository>(*p.database);
    p.sites = std::make_unique<core::Sites>(*p.sites_repository, p.clock);
    p.fleets_repository = std::make_unique<core::SqlFleetRepository>(*p.database);
    p.fleets = std::make_unique<core::Fleets>(*p.fleets_repository, p.clock);
    p.assignments_repository = std::make_unique<core::SqlVehicleAssignmentRepository>(*p.database);
    p.session_vehicles = std::make_unique<core::SessionVehicles>(
        *p.assignments_repository, *p.fleets, *p.sessions_repository, *p.chargers_repository, p.clock);
    p.transactions->set_session_vehicles(p.session_vehicles.get());
    p.site_billing =
        std::make_unique<core::SiteBilling>(*p.sites, *p.tariffs, *p.sessions_repository, *p.chargers_repository);
    // A charger moved to another site may be billed by that site's tariff from now on.
    p.sites->set_on_charger_moved([tariffs = p.tariffs.get()] { tariffs->billing_changed(); });
    core::LiveHubOptions live_options;
    live_options.node_id = p.node;
    p.live = std::make_unique<core::LiveHub>(*p.chargers, p.sites.get(), *p.cache, *p.bus, p.clock, p.metrics,
                                             std::move(live_options));
    p.meter_values = std::make_unique<core::MeterValueBatcher>(*p.transactions, p.metrics);
    p.reports_repository = std::make_unique<core::SqlReportRepository>(*p.database);
    p.commands_repository = std::make_unique<core::SqlCommandRepository>(*p.database);
    BOOST_OUTCOME_TRY(authority, load_certificate_authority(config.ocpp));
    p.certificate_authority = std::move(authority);
    // Reports mark the reservations a charger says have ended (2.0.1 ReservationStatusUpdate) and sign
    // stations' certificates with the configured CA.
    p.reports = std::make_unique<core::ChargerReports>(*p.reports_repository, *p.events, p.clock,
                                                       p.commands_repository.get(), p.certificate_authority.get());
    p.credentials = std::make_unique<core::ChargerCredentials>(*p.database, p.clock);
    p.charger_commands = std::make_unique<OcppChargerCommands>();
    core::ChargerCommands *charger_commands = p.charger_commands.get();
    if (services.api) {
        RoutedCommandsOptions routed_options;
        routed_options.node = p.node;
        routed_options.call_timeout = std::chrono::seconds(config.ocpp.call_timeout_s);
        p.routed_commands = std::make_unique<RoutedChargerCommands>(*p.charger_commands, *p.cache, *p.bus, p.workers,
                                                                    p.clock, std::move(routed_options));
        charger_commands = p.routed_commands.get();
    }
    core::CommandServiceOptions command_options;
    command_options.heartbeat_interval = std::chrono::seconds(config.ocpp.heartbeat_interval_s);
    command_options.meter_value_sample_interval = std::chrono::seconds(config.ocpp.meter_value_sample_interval_s);
    p.device_model_repository = std::make_unique<core::SqlDeviceModelRepository>(*p.database);
    p.device_model = std::make_unique<core::DeviceModel>(*p.device_model_repository, *p.events, p.clock);
    p.station_reports_repository = std::make_unique<core::SqlStationReportRepository>(*p.database);
    p.station_reports = std::make_unique<core::StationReports>(*p.station_reports_repository, *p.events, p.clock);
    p.commands = std::make_unique<core::CommandService>(*p.chargers, *charger_commands, *p.commands_repository, *p.bus,
                                                        p.clock, p.workers, command_options, p.device_model.get());
    p.commands->set_station_reports(p.station_reports.get());
    p.commands->set_handled_events(p.cache.get());
    // The local-list sync sends SendLocalList through the CommandService: audited like the API's commands.
    p.local_list_commands =
        std::make_unique<core::AuditedChargerCommands>(*p.commands, core::Actor{"system", "local-list sync"});
    p.authorization->set_commands(p.local_list_commands.get());
    // The message log's items live in a file of their own (see docs/message-log.md).
    BOOST_OUTCOME_TRY(
        items, infra::SqliteItems::open(std::filesystem::path(config.data.dir) / "items.db", "ocpp_messages", p.clock));
    p.message_items = std::move(items);
    core::MessageLogOptions log_options;
    log_options.retention = std::chrono::hours(24 * config.ocpp.message_retention_days);
    p.message_log = std::make_unique<core::MessageLog>(*p.message_items, p.metrics, log_options);
    p.frame_observer = std::make_unique<MessageLogObserver>(*p.message_log);
    for (const auto &id : config.ocpp.chargers) {
        auto registered = p.chargers->register_charger(id, config.ocpp.organisation);
        if (!registered)
            return fail("invalid_config", "ocpp.chargers: '" + id + "': " + registered.error().message,
                        "ocpp.chargers");
    }
    if (services.api && p.api_keys->count() == 0) {
        const auto file = platform->api_key_file();
        BOOST_OUTCOME_TRY(key, p.api_keys->create(config.ocpp.organisation, "admin", core::Role::Admin));
        BOOST_OUTCOME_TRY(write_secret_file(file, key.key));
        p.new_api_key_file = file;
        logger("core")->info("created the first admin API key; it is in {} (readable by its owner only)",
                             file.string());
    }
    if (services.api && p.users->count(config.ocpp.organisation) == 0) {
        // The first admin signs in with a password only its owner can read; they change it from the web.
        const auto password = new_secret_hex().substr(0, 24);
        BOOST_OUTCOME_TRY(
            p.users->create(config.ocpp.organisation, core::NewUser{std::string(kFirstAdminEmail), "Administrator",
                                                                    password, core::Role::Admin}));
        const auto file = platform->admin_password_file();
        BOOST_OUTCOME_TRY(write_secret_file(file, password));
        p.new_admin_password_file = file;
        logger("core")->info("created the first admin user {}; the password is in {} (readable by its owner only)",
                             kFirstAdminEmail, file.string());
    }
    return platform;
}

Result<void> Platform::start() {
    auto &p = *impl_;
    p.outbox_relay->start();
    if (p.services.api) {
        core::ApiContext api{*p.chargers, *p.api_keys, *p.users,  *p.organisations, *p.database,
                             *p.cache,    *p.bus,      p.metrics, p.workers};
        api.secure_cookies = p.config.auth.secure_cookies;
        api.authorization = p.authorization.get();
        api.transactions = p.transactions.get();
        api.reports = p.reports.get();
        api.credentials = p.credentials.get();
        api.commands = p.commands.get();
        api.device_model = p.device_model.get();
        api.station_reports = p.station_reports.get();
        api.tariffs = p.tariffs.get();
        api.sites = p.sites.get();
        api.fleets = p.fleets.get();
        api.session_vehicles = p.session_vehicles.get();
        api.site_billing = p.site_billing.get();
        api.message_log = p.message_log.get();
        api.live = p.live.get();
        p.live->start();
        p.routed_commands->start();
        auto router = core::make_api_router(api);
        serve_web_screens(*router, p.config.http.web_dir);
        p.router = router;
        p.http = std::make_unique<infra::http::Server>(
            p.io,
            infra::http::ServerOptions{p.config.http.listen, p.config.http.max_body_bytes,
                                       p.config.http.max_header_bytes, p.config.http.idle_timeout_s},
            router, p.metrics);
        BOOST_OUTCOME_TRY(port, p.http->start());
        p.http_port = port;
    }
    if (p.services.ocpp) {
        p.registry = std::make_unique<ChargerRegistry>(*p.cache, p.workers, p.io, ChargerRegistryOptions{p.node});
        p.core_link = std::make_unique<InProcessCoreLink>(CoreServices{*p.chargers, *p.authorization, *p.transactions,
                                                                       *p.meter_values, *p.reports, *p.device_model,
                                                                       *p.station_reports, p.registry.get()});
        p.dispatcher = std::make_unique<connect::OcppDispatcher>(*p.core_link, p.workers);
        connect::OcppServerOptions ocpp_options{p.config.ocpp.listen, p.config.ocpp.max_frame_bytes,
                                                std::chrono::seconds(p.config.ocpp.call_timeout_s),
                                                std::chrono::seconds(p.config.ocpp.ping_interval_s)};
        if (p.config.ocpp.tls_listen)
            ocpp_options.tls = connect::TlsListenerOptions{*p.config.ocpp.tls_listen, p.config.ocpp.tls_certificate,
                                                           p.config.ocpp.tls_private_key, p.config.ocpp.tls_client_ca};
        p.authenticator = std::make_unique<CredentialsAuthenticator>(*p.credentials, p.workers);
        ocpp_options.frame_observer = p.frame_observer.get();
        p.ocpp = std::make_unique<connect::OcppServer>(p.io, std::move(ocpp_options), *p.dispatcher, p.metrics,
                                                       p.authenticator.get());
        BOOST_OUTCOME_TRY(port, p.ocpp->start());
        p.ocpp_port = port;
        p.ocpp_tls_port = p.ocpp->tls_port();
        p.charger_commands->attach(p.ocpp.get());
        p.registry->start();
        p.node_commands = std::make_unique<NodeCommandConsumer>(
            NodeCommandContext{*p.bus, *p.cache, *p.registry, *p.charger_commands, *p.ocpp, p.io, p.workers, p.clock});
        p.node_commands->start();
        p.commands->start_boot_policy();
        if (p.certificate_authority)
            p.commands->start_certificate_delivery(*p.reports);
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
        if (p.commands)
            p.commands->stop_boot_policy();
        if (p.node_commands)
            p.node_commands->stop();
        if (p.ocpp)
            p.ocpp->stop();
        if (p.registry)
            p.registry->stop();
        if (p.routed_commands)
            p.routed_commands->stop();
        if (p.http)
            p.http->stop();
        if (p.live)
            p.live->stop();
        if (p.outbox_relay)
            p.outbox_relay->stop(); // what it has not published waits in the outbox for the next start
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
std::uint16_t Platform::ocpp_tls_port() const {
    return impl_->ocpp_tls_port;
}
const std::filesystem::path &Platform::new_api_key_file() const {
    return impl_->new_api_key_file;
}
std::filesystem::path Platform::api_key_file() const {
    return std::filesystem::path(impl_->config.data.dir) / "admin-api-key";
}
const std::filesystem::path &Platform::new_admin_password_file() const {
    return impl_->new_admin_password_file;
}
std::vector<std::pair<std::string, std::string>> Platform::http_routes() const {
    return impl_->router ? impl_->router->routes() : std::vector<std::pair<std::string, std::string>>{};
}
std::filesystem::path Platform::admin_password_file() const {
    return std::filesystem::path(impl_->config.data.dir) / "admin-password";
}

Result<int> migrate(const Config &config) {
    BOOST_OUTCOME_TRY(database, open_database(config));
    return database->schema_version();
}

} // namespace manage::platform
