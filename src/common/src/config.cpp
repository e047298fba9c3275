#include "manage/common/config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace manage {
namespace {

Result<long long> parse_integer(const std::string &text, long long min, long long max) {
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return fail("invalid", "expected a whole number, got '" + text + "'");
    if (value < min || value > max)
        return fail("invalid",
                    "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + text);
    return value;
}

template <class T>
ConfigKey integer_key(std::string path, std::string env, std::string description, long long min, long long max,
                      T Config::*section_ptr, auto T::*field, std::string dflt) {
    ConfigKey key{std::move(path), std::move(env), std::move(dflt), std::move(description), {}};
    key.set = [=](Config &c, const std::string &text) -> Result<void> {
        BOOST_OUTCOME_TRY(value, parse_integer(text, min, max));
        (c.*section_ptr).*field = static_cast<std::remove_reference_t<decltype((c.*section_ptr).*field)>>(value);
        return ok();
    };
    return key;
}

ConfigKey listen_key(std::string path, std::string env, std::string description, ListenAddress &(*target)(Config &),
                     std::string dflt) {
    ConfigKey key{std::move(path), std::move(env), std::move(dflt), std::move(description), {}};
    key.set = [target](Config &c, const std::string &text) -> Result<void> {
        BOOST_OUTCOME_TRY(address, parse_listen_address(text));
        target(c) = address;
        return ok();
    };
    return key;
}

// A key whose text is taken as it is (a file path), empty allowed.
ConfigKey text_key(std::string path, std::string env, std::string description, std::string OcppConfig::*field) {
    ConfigKey key{std::move(path), std::move(env), "(none)", std::move(description), {}};
    key.set = [field](Config &c, const std::string &text) -> Result<void> {
        c.ocpp.*field = text;
        return ok();
    };
    return key;
}

std::vector<std::string> split_list(const std::string &text) {
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        if (first != std::string::npos)
            items.push_back(item.substr(first, last - first + 1));
    }
    return items;
}

} // namespace

bool valid_node_id(const std::string &text) {
    if (text.empty() || text.size() > 64)
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-';
    });
}

namespace {

std::vector<ConfigKey> make_keys() {
    std::vector<ConfigKey> keys;
    keys.push_back(listen_key(
        "http.listen", "MANAGE_HTTP_LISTEN", "Address of the HTTP API, web and metrics",
        [](Config &c) -> ListenAddress & { return c.http.listen; }, "127.0.0.1:8080"));
    keys.push_back(integer_key("http.max_body_bytes", "MANAGE_HTTP_MAX_BODY_BYTES",
                               "Largest request body accepted (413 above)", 1, 1LL << 30, &Config::http,
                               &HttpConfig::max_body_bytes, "1048576"));
    keys.push_back(integer_key("http.max_header_bytes", "MANAGE_HTTP_MAX_HEADER_BYTES",
                               "Largest request header block accepted (431 above)", 1024, 1 << 20, &Config::http,
                               &HttpConfig::max_header_bytes, "16384"));
    keys.push_back(integer_key("http.idle_timeout_s", "MANAGE_HTTP_IDLE_TIMEOUT_S",
                               "Seconds an idle HTTP connection is kept open", 1, 3600, &Config::http,
                               &HttpConfig::idle_timeout_s, "60"));
    keys.push_back(ConfigKey{"http.web_dir", "MANAGE_HTTP_WEB_DIR", "web/dist",
                             "Directory of the built web screens served at / (scripts/web.sh builds them); empty: "
                             "serve none",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 c.http.web_dir = text;
                                 return ok();
                             }});
    keys.push_back(listen_key(
        "ocpp.listen", "MANAGE_OCPP_LISTEN",
        "Address of the OCPP-J WebSocket endpoint ws://<listen>/ocpp/{chargePointId}",
        [](Config &c) -> ListenAddress & { return c.ocpp.listen; }, "127.0.0.1:9000"));
    keys.push_back(integer_key("ocpp.max_frame_bytes", "MANAGE_OCPP_MAX_FRAME_BYTES",
                               "Largest WebSocket message from a charger; larger closes with 1009", 1024, 16 << 20,
                               &Config::ocpp, &OcppConfig::max_frame_bytes, "65536"));
    keys.push_back(integer_key("ocpp.call_timeout_s", "MANAGE_OCPP_CALL_TIMEOUT_S",
                               "Seconds to wait for a charger's answer to a command", 1, 3600, &Config::ocpp,
                               &OcppConfig::call_timeout_s, "30"));
    keys.push_back(integer_key("ocpp.ping_interval_s", "MANAGE_OCPP_PING_INTERVAL_S",
                               "Seconds between WebSocket pings; a connection silent for two intervals is closed", 1,
                               3600, &Config::ocpp, &OcppConfig::ping_interval_s, "30"));
    keys.push_back(integer_key("ocpp.heartbeat_interval_s", "MANAGE_OCPP_HEARTBEAT_INTERVAL_S",
                               "Heartbeat interval given to chargers in the BootNotification answer", 1, 86400,
                               &Config::ocpp, &OcppConfig::heartbeat_interval_s, "300"));
    keys.push_back(integer_key("ocpp.meter_value_sample_interval_s", "MANAGE_OCPP_METER_VALUE_SAMPLE_INTERVAL_S",
                               "MeterValueSampleInterval set on OCPP 1.6 chargers after they boot (0: no sampling)", 0,
                               86400, &Config::ocpp, &OcppConfig::meter_value_sample_interval_s, "60"));
    keys.push_back(integer_key("ocpp.message_retention_days", "MANAGE_OCPP_MESSAGE_RETENTION_DAYS",
                               "Days the OCPP message log keeps a frame (0: forever)", 0, 36500, &Config::ocpp,
                               &OcppConfig::message_retention_days, "90"));
    {
        ConfigKey key{"ocpp.boot_policy", "MANAGE_OCPP_BOOT_POLICY", "reject",
                      "Answer to a charger that is not registered: accept (and register it), pending or reject",
                      [](Config &c, const std::string &text) -> Result<void> {
                          if (text == "accept")
                              c.ocpp.boot_policy = BootPolicy::accept;
                          else if (text == "pending")
                              c.ocpp.boot_policy = BootPolicy::pending;
                          else if (text == "reject")
                              c.ocpp.boot_policy = BootPolicy::reject;
                          else
                              return fail("invalid", "expected accept, pending or reject, got '" + text + "'");
                          return ok();
                      }};
        keys.push_back(std::move(key));
    }
    {
        ConfigKey key{"ocpp.chargers",
                      "MANAGE_OCPP_CHARGERS",
                      "[]",
                      "Charge point ids registered at start (a YAML list, or comma-separated in the variable)",
                      [](Config &c, const std::string &text) -> Result<void> {
                          c.ocpp.chargers = split_list(text);
                          return ok();
                      },
                      true};
        keys.push_back(std::move(key));
    }
    keys.push_back(ConfigKey{"ocpp.organisation", "MANAGE_OCPP_ORGANISATION", "default",
                             "Organisation id that ocpp.chargers and unknown chargers that boot belong to",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (text.empty() || text.size() > 64)
                                     return fail("invalid", "an organisation id is 1 to 64 characters");
                                 c.ocpp.organisation = text;
                                 return ok();
                             }});
    keys.push_back(ConfigKey{"ocpp.tls_listen", "MANAGE_OCPP_TLS_LISTEN", "(none)",
                             "Address of the TLS endpoint wss://<tls_listen>/ocpp/{chargePointId} (security profiles "
                             "2 and 3); empty: none",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (text.empty()) {
                                     c.ocpp.tls_listen.reset();
                                     return ok();
                                 }
                                 BOOST_OUTCOME_TRY(address, parse_listen_address(text));
                                 c.ocpp.tls_listen = address;
                                 return ok();
                             }});
    keys.push_back(text_key("ocpp.tls_certificate", "MANAGE_OCPP_TLS_CERTIFICATE",
                            "PEM file of the server certificate chain for ocpp.tls_listen",
                            &OcppConfig::tls_certificate));
    keys.push_back(text_key("ocpp.tls_private_key", "MANAGE_OCPP_TLS_PRIVATE_KEY",
                            "PEM file of the server certificate's private key", &OcppConfig::tls_private_key));
    keys.push_back(text_key("ocpp.tls_client_ca", "MANAGE_OCPP_TLS_CLIENT_CA",
                            "PEM file of the CAs that sign chargers' client certificates (security profile 3)",
                            &OcppConfig::tls_client_ca));
    keys.push_back(text_key("ocpp.ca_certificate", "MANAGE_OCPP_CA_CERTIFICATE",
                            "PEM file of the CA that signs stations' certificates (SignCertificate), then its chain",
                            &OcppConfig::ca_certificate));
    keys.push_back(text_key("ocpp.ca_private_key", "MANAGE_OCPP_CA_PRIVATE_KEY",
                            "PEM file of that CA's private key; required with ocpp.ca_certificate",
                            &OcppConfig::ca_private_key));
    keys.push_back(integer_key("ocpp.ca_validity_days", "MANAGE_OCPP_CA_VALIDITY_DAYS",
                               "Days a certificate signed for a station is valid (never past the CA's expiry)", 1, 3650,
                               &Config::ocpp, &OcppConfig::ca_validity_days, "365"));
    keys.push_back(ConfigKey{"data.dir", "MANAGE_DATA_DIR", "./data",
                             "Directory of the embedded stores (SQLite database and files)",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (text.empty())
                                     return fail("invalid", "must not be empty");
                                 c.data.dir = text;
                                 return ok();
                             }});
    keys.push_back(ConfigKey{"store.url", "MANAGE_STORE_URL", "sqlite://<data.dir>/manage.db",
                             "Database of the domain state: sqlite://PATH or postgresql://…",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (!text.empty() && text.rfind("sqlite://", 0) != 0 &&
                                     text.rfind("postgresql://", 0) != 0 && text.rfind("postgres://", 0) != 0)
                                     return fail("invalid", "expected sqlite://PATH or postgresql://…");
                                 c.store.url = text;
                                 return ok();
                             }});
    keys.push_back(ConfigKey{"cache.url", "MANAGE_CACHE_URL", "(in process)",
                             "Shared live state: redis://[[user]:password@]host[:port][/db] for Valkey or Redis; "
                             "empty: in the process (one node only)",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (!text.empty() && text.rfind("redis://", 0) != 0)
                                     return fail("invalid", "expected redis://host[:port][/db]");
                                 c.cache.url = text;
                                 return ok();
                             }});
    keys.push_back(ConfigKey{"bus.url", "MANAGE_BUS_URL", "(in process)",
                             "Events between services: amqp://user:password@host[:port]/[vhost] for RabbitMQ; "
                             "empty: in the process (one node only)",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (!text.empty() && text.rfind("amqp://", 0) != 0)
                                     return fail("invalid", "expected amqp://user:password@host[:port]/[vhost]");
                                 c.bus.url = text;
                                 return ok();
                             }});
    keys.push_back(ConfigKey{"bus.exchange", "MANAGE_BUS_EXCHANGE", "manage.events",
                             "RabbitMQ topic exchange the events go through",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (text.empty() || text.size() > 255)
                                     return fail("invalid", "an exchange name is 1 to 255 characters");
                                 c.bus.exchange = text;
                                 return ok();
                             }});
    keys.push_back(integer_key("auth.session_hours", "MANAGE_AUTH_SESSION_HOURS",
                               "Hours a web sign-in lasts before the user signs in again", 1, 24 * 30, &Config::auth,
                               &AuthConfig::session_hours, "12"));
    keys.push_back(ConfigKey{"auth.secure_cookies", "MANAGE_AUTH_SECURE_COOKIES", "false",
                             "Mark the session cookie Secure: set it when users reach Manage over HTTPS",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (text != "true" && text != "false")
                                     return fail("invalid", "expected true or false, got '" + text + "'");
                                 c.auth.secure_cookies = text == "true";
                                 return ok();
                             }});
    keys.push_back(integer_key("auth.argon2_memory_kib", "MANAGE_AUTH_ARGON2_MEMORY_KIB",
                               "Memory (KiB) of each argon2id password hash", 8, 4 * 1024 * 1024, &Config::auth,
                               &AuthConfig::argon2_memory_kib, "19456"));
    keys.push_back(integer_key("auth.argon2_iterations", "MANAGE_AUTH_ARGON2_ITERATIONS",
                               "Passes of each argon2id password hash", 1, 100, &Config::auth,
                               &AuthConfig::argon2_iterations, "2"));
    keys.push_back(integer_key("auth.signin_failures_per_email", "MANAGE_AUTH_SIGNIN_FAILURES_PER_EMAIL",
                               "Wrong passwords for one e-mail within 15 minutes before sign-in answers 429", 1, 1000,
                               &Config::auth, &AuthConfig::signin_failures_per_email, "5"));
    keys.push_back(ConfigKey{"node.id", "MANAGE_NODE_ID", "(the host name)",
                             "This node's name among those sharing the engines (its command queue and its entries "
                             "in the charger registry): 1 to 64 letters, digits, '.', '_' or '-'; unique per node",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (!valid_node_id(text))
                                     return fail("invalid", "expected 1 to 64 letters, digits, '.', '_' or '-', got '" +
                                                                text + "'");
                                 c.node.id = text;
                                 return ok();
                             }});
    keys.push_back(ConfigKey{
        "log.level", "MANAGE_LOG_LEVEL", "info", "trace, debug, info, warn, error, critical or off",
        [](Config &c, const std::string &text) -> Result<void> {
            static const std::vector<std::string> levels{"trace", "debug", "info", "warn", "error", "critical", "off"};
            if (std::find(levels.begin(), levels.end(), text) == levels.end())
                return fail("invalid", "expected trace, debug, info, warn, error, critical or off, got '" + text + "'");
            c.log.level = text;
            return ok();
        }});
    keys.push_back(ConfigKey{"log.format", "MANAGE_LOG_FORMAT", "text", "text, or json for one JSON object a line",
                             [](Config &c, const std::string &text) -> Result<void> {
                                 if (text == "text")
                                     c.log.format = LogFormat::text;
                                 else if (text == "json")
                                     c.log.format = LogFormat::json;
                                 else
                                     return fail("invalid", "expected text or json, got '" + text + "'");
                                 return ok();
                             }});
    return keys;
}

const ConfigKey *find_key(const std::string &path) {
    for (const auto &key : config_keys())
        if (key.path == path)
            return &key;
    return nullptr;
}

Result<void> set_key(Config &config, const ConfigKey &key, const std::string &text, const std::string &where) {
    auto applied = key.set(config, text);
    if (!applied)
        return fail("invalid_config", where + ": " + applied.error().message, where);
    return ok();
}

Result<std::string> scalar_text(const YAML::Node &node, const ConfigKey &key) {
    if (key.is_list) {
        if (!node.IsSequence() && !node.IsNull())
            return fail("invalid_config", key.path + ": expected a list", key.path);
        std::string joined;
        for (std::size_t i = 0; node.IsSequence() && i < node.size(); ++i) {
            if (!node[i].IsScalar())
                return fail("invalid_config", key.path + "[" + std::to_string(i) + "]: expected a string", key.path);
            const auto item = node[i].Scalar();
            if (item.find(',') != std::string::npos || item.empty())
                return fail("invalid_config",
                            key.path + "[" + std::to_string(i) + "]: must be non-empty and contain no comma", key.path);
            joined += (joined.empty() ? "" : ",") + item;
        }
        return joined;
    }
    if (!node.IsScalar())
        return fail("invalid_config", key.path + ": expected a single value", key.path);
    return node.Scalar();
}

Result<void> apply_yaml(Config &config, const std::string &text) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception &e) {
        return fail("invalid_config", "configuration is not valid YAML at line " + std::to_string(e.mark.line + 1) +
                                          ", column " + std::to_string(e.mark.column + 1) + ": " + e.msg);
    }
    if (root.IsNull())
        return ok();
    if (!root.IsMap())
        return fail(
            "invalid_config",
            "configuration must be a mapping of sections (http, ocpp, data, store, cache, bus, auth, log, node)");
    for (const auto &section : root) {
        const auto section_name = section.first.as<std::string>();
        if (!section.second.IsMap())
            return fail("invalid_config", section_name + ": expected a mapping of keys", section_name);
        for (const auto &entry : section.second) {
            const auto path = section_name + "." + entry.first.as<std::string>();
            const ConfigKey *key = find_key(path);
            if (!key)
                return fail("invalid_config", path + ": unknown key", path);
            BOOST_OUTCOME_TRY(value, scalar_text(entry.second, *key));
            BOOST_OUTCOME_TRY(set_key(config, *key, value, path));
        }
    }
    return ok();
}

Result<void> apply_environment(Config &config, const Environment &env) {
    static const std::vector<std::string> sections{"HTTP", "OCPP", "DATA", "STORE", "CACHE",
                                                   "BUS",  "AUTH", "LOG",  "NODE"};
    for (const auto &[name, value] : env) {
        if (name.rfind("MANAGE_", 0) != 0)
            continue;
        const ConfigKey *match = nullptr;
        for (const auto &key : config_keys())
            if (key.env == name)
                match = &key;
        if (match) {
            BOOST_OUTCOME_TRY(set_key(config, *match, value, name));
            continue;
        }
        for (const auto &section : sections)
            if (name.rfind("MANAGE_" + section + "_", 0) == 0)
                return fail("invalid_config", name + ": unknown configuration variable", name);
    }
    return ok();
}

} // namespace

const std::vector<ConfigKey> &config_keys() {
    static const std::vector<ConfigKey> keys = make_keys();
    return keys;
}

std::string Config::store_url() const {
    if (!store.url.empty())
        return store.url;
    return "sqlite://" + (std::filesystem::path(data.dir) / "manage.db").string();
}

Result<Config> load_config_text(const std::string &yaml, const Environment &env) {
    Config config;
    BOOST_OUTCOME_TRY(apply_yaml(config, yaml));
    BOOST_OUTCOME_TRY(apply_environment(config, env));
    return config;
}

Result<Config> load_config(const std::optional<std::filesystem::path> &file, const Environment &env) {
    std::string text;
    if (file) {
        std::ifstream in(*file);
        if (!in)
            return fail("invalid_config", "cannot read configuration file " + file->string(), file->string());
        std::stringstream buffer;
        buffer << in.rdbuf();
        text = buffer.str();
    }
    return load_config_text(text, env);
}

} // namespace manage
