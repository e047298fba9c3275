#include "commands.hpp"

#include "manage/common/logging.hpp"
#include "manage/infra/http_static.hpp"

#include <iostream>

namespace manage::app {

std::optional<Config> load_or_report(const std::optional<std::string> &config_file) {
    std::optional<std::filesystem::path> path;
    if (config_file)
        path = *config_file;
    auto config = load_config(path, process_environment());
    if (!config) {
        std::cerr << "manage: invalid configuration: " << config.error().message << '\n';
        return std::nullopt;
    }
    init_logging(config.value().log.level, config.value().log.format);
    return config.value();
}

namespace {

void print_welcome(const Config &config, const platform::Platform &p, platform::Services services) {
    const auto &http_host = config.http.listen.host;
    const auto &ocpp_host = config.ocpp.listen.host;
    std::cout << "\nManage is running.\n";
    if (services.api && !config.http.web_dir.empty() && infra::http::web_root_problem(config.http.web_dir).empty())
        std::cout << "  Web:      http://" << http_host << ":" << p.http_port() << "/  (sign in as "
                  << platform::kFirstAdminEmail << ")\n";
    if (services.api) {
        std::cout << "  Sign in:  http://" << http_host << ":" << p.http_port() << "/api/v1/auth/sign-in as "
                  << platform::kFirstAdminEmail << ", password in " << p.admin_password_file().string()
                  << (p.new_admin_password_file().empty() ? " (created earlier)" : " (just created)") << "\n"
                  << "            curl -c cookies -H 'Content-Type: application/json' -d '{\"email\":\""
                  << platform::kFirstAdminEmail << "\",\"password\":\"'$(cat " << p.admin_password_file().string()
                  << ")'\"}' http://" << http_host << ":" << p.http_port() << "/api/v1/auth/sign-in\n";
        std::cout << "  API:      http://" << http_host << ":" << p.http_port() << "/api/v1/chargers\n"
                  << "  Health:   http://" << http_host << ":" << p.http_port() << "/healthz\n"
                  << "  Metrics:  http://" << http_host << ":" << p.http_port() << "/metrics\n"
                  << "  API key:  " << p.api_key_file().string()
                  << (p.new_api_key_file().empty() ? " (created earlier)" : " (just created)") << "\n"
                  << "            curl -H \"Authorization: Bearer $(cat " << p.api_key_file().string() << ")\" http://"
                  << http_host << ":" << p.http_port() << "/api/v1/chargers\n";
    }
    if (services.ocpp)
        std::cout << "  Chargers: ws://" << ocpp_host << ":" << p.ocpp_port()
                  << "/ocpp/{chargePointId}  (subprotocol ocpp1.6 or ocpp2.0.1)\n";
    std::cout << "Stop with Ctrl-C (SIGINT) or SIGTERM.\n" << std::endl;
}

} // namespace

int run_services(const Config &config, platform::Services services, int threads) {
    auto created = platform::Platform::create(config, services);
    if (!created) {
        std::cerr << "manage: cannot start: " << created.error().message << '\n';
        return 1;
    }
    auto &p = *created.value();
    auto started = p.start();
    if (!started) {
        std::cerr << "manage: cannot start: " << started.error().message << '\n';
        return 1;
    }
    print_welcome(config, p, services);
    p.run(threads, true);
    logger("manage")->info("stopped");
    return 0;
}

int run_migrate(const Config &config) {
    auto version = platform::migrate(config);
    if (!version) {
        std::cerr << "manage migrate: " << version.error().message << '\n';
        return 1;
    }
    std::cout << "schema is at version " << version.value() << " (" << config.store_url() << ")\n";
    return 0;
}

} // namespace manage::app
