#pragma once
#include "manage/common/listen_address.hpp"
#include "manage/common/logging.hpp"
#include "manage/common/result.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace manage {

// What connect answers a charger that is not registered.
enum class BootPolicy { accept, pending, reject };

struct HttpConfig {
    ListenAddress listen{"127.0.0.1", 8080};
    std::size_t max_body_bytes = 1024 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    int idle_timeout_s = 60;
    // The built web screens (web/dist) served at /; empty: none. Relative to the working directory.
    std::string web_dir = "web/dist";
};

struct OcppConfig {
    ListenAddress listen{"127.0.0.1", 9000};
    std::size_t max_frame_bytes = 64 * 1024;
    int call_timeout_s = 30;
    int ping_interval_s = 30;
    int heartbeat_interval_s = 300;
    int meter_value_sample_interval_s = 60; // set on 1.6 chargers after boot (MeterValueSampleInterval)
    int message_retention_days = 90;        // OCPP message log; 0: keep forever
    BootPolicy boot_policy = BootPolicy::reject;
    std::vector<std::string> chargers;    // registered charge point ids
    std::string organisation = "default"; // the organisation of those and of unknown chargers that boot
    // wss:// for security profiles 2 and 3: no TLS listener while tls_listen is unset.
    std::optional<ListenAddress> tls_listen;
    std::string tls_certificate; // PEM chain: the server certificate first
    std::string tls_private_key; // PEM
    std::string tls_client_ca;   // PEM: CAs of client certificates (profile 3); empty: none asked for
    // The CA that signs stations' certificates (SignCertificate); unset: every SignCertificate is rejected.
    std::string ca_certificate; // PEM: the CA's certificate, then its chain
    std::string ca_private_key; // PEM, unencrypted
    int ca_validity_days = 365;
};

struct DataConfig {
    std::string dir = "./data";
};

struct StoreConfig {
    std::string url; // empty: sqlite://<data.dir>/manage.db
};

struct CacheConfig {
    std::string url; // empty: the in-process cache; redis://… for Valkey (or Redis)
};

struct BusConfig {
    std::string url; // empty: the in-process bus; amqp://… for RabbitMQ
    std::string exchange = "manage.events";
};

struct AuthConfig {
    int session_hours = 12;         // a web session's lifetime
    bool secure_cookies = false;    // mark the session cookie Secure (when served over HTTPS)
    int argon2_memory_kib = 19'456; // argon2id parameters of new password hashes
    int argon2_iterations = 2;
    int signin_failures_per_email = 5; // wrong passwords per e-mail within 15 minutes before 429
};

struct NodeConfig {
    // Names this process among the nodes sharing the engines: its command queue, its entries in the
    // charger → node registry, its live-changes queue. Empty: the host name.
    std::string id;
};

struct LogConfig {
    std::string level = "info";
    LogFormat format = LogFormat::text;
};

struct Config {
    HttpConfig http;
    OcppConfig ocpp;
    DataConfig data;
    StoreConfig store;
    CacheConfig cache;
    BusConfig bus;
    AuthConfig auth;
    LogConfig log;
    NodeConfig node;

    std::string store_url() const;
};

// One configuration key: its path in the YAML file, its environment variable, and how to set it.
struct ConfigKey {
    std::string path; // "http.listen"
    std::string env;  // "MANAGE_HTTP_LISTEN"
    std::string default_text;
    std::string description;
    std::function<Result<void>(Config &, const std::string &)> set;
    bool is_list = false;
};

// A node id (node.id): 1 to 64 of [A-Za-z0-9._-], so that it fits queue names, routing keys and the
// registry's "<node>|<epoch>" values.
bool valid_node_id(const std::string &text);

// Every key there is, in documentation order.
const std::vector<ConfigKey> &config_keys();

using Environment = std::map<std::string, std::string>;
Environment process_environment();

// Defaults, then the YAML file (if any), then MANAGE_* variables. The first problem found stops
// loading; its `field` is the key path ("ocpp.boot_policy") or the variable name.
Result<Config> load_config(const std::optional<std::filesystem::path> &file, const Environment &env);
Result<Config> load_config_text(const std::string &yaml, const Environment &env);

} // namespace manage
