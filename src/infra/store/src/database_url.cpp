#include "database_url.hpp"

#include "manage/common/percent_encoding.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string_view>

namespace manage::infra::detail {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite://";
constexpr std::array kPostgresSchemes{std::string_view{"postgresql://"}, std::string_view{"postgres://"}};
// libpq connection parameters a URL may carry after '?'.
constexpr std::array<std::string_view, 8> kPostgresParameters{
    "sslmode",          "sslrootcert",          "sslcert", "sslkey", "connect_timeout",
    "application_name", "target_session_attrs", "options"};
constexpr std::string_view kDefaultConnectTimeout = "10";

auto bad_url(const std::string &url, const std::string &problem) {
    return fail("bad_database_url", "database URL '" + mask_password(url) + "': " + problem);
}

// A libpq connection-string value: always quoted, with quotes and backslashes escaped.
std::string conninfo_value(std::string_view value) {
    std::string quoted = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

std::optional<std::string_view> strip_postgres_scheme(std::string_view url) {
    for (const auto scheme : kPostgresSchemes)
        if (url.starts_with(scheme))
            return url.substr(scheme.size());
    return std::nullopt;
}

Result<DatabaseTarget> parse_sqlite(const std::string &url) {
    const auto path = url.substr(kSqliteScheme.size());
    if (path.empty())
        return bad_url(url, "the SQLite file path is missing (sqlite://PATH)");
    if (path == ":memory:")
        return bad_url(url, "an in-memory SQLite database cannot be shared by a session pool; use a file");
    if (path.find('"') != std::string::npos)
        return bad_url(url, "the SQLite file path must not contain '\"'");
    DatabaseTarget target;
    target.dialect = Dialect::sqlite;
    target.connect_string = "db=\"" + path + "\"";
    target.display = url;
    target.sqlite_file = path;
    return target;
}

struct Authority {
    std::string user;
    std::string password;
    std::string host;
    std::string port;
};

Result<Authority> parse_authority(const std::string &url, std::string_view userinfo, std::string_view hostport) {
    Authority authority;
    const auto colon = userinfo.find(':');
    const auto user = percent_decode(userinfo.substr(0, colon));
    const auto password = percent_decode(colon == std::string_view::npos ? "" : userinfo.substr(colon + 1));
    if (!user || !password)
        return bad_url(url, "bad percent-encoding in the user or password");
    authority.user = *user;
    authority.password = *password;
    if (hostport.starts_with('[')) {
        const auto close = hostport.find(']');
        if (close == std::string_view::npos)
            return bad_url(url, "unclosed '[' in the host");
        authority.host = hostport.substr(1, close - 1);
        hostport.remove_prefix(close + 1);
        if (!hostport.empty() && !hostport.starts_with(':'))
            return bad_url(url, "unexpected text after the IPv6 host");
        authority.port = hostport.empty() ? "" : hostport.substr(1);
    } else {
        const auto port_colon = hostport.find(':');
        authority.host = hostport.substr(0, port_colon);
        authority.port = port_colon == std::string_view::npos ? "" : hostport.substr(port_colon + 1);
    }
    if (authority.host.empty())
        return bad_url(url, "the host is missing (postgresql://user:password@host:port/dbname)");
    int port = 0;
    const auto *end = authority.port.data() + authority.port.size();
    if (!authority.port.empty() &&
        (std::from_chars(authority.port.data(), end, port).ptr != end || port < 1 || port > 65535))
        return bad_url(url, "the port must be a number from 1 to 65535, got '" + authority.port + "'");
    return authority;
}

Result<std::string> parse_parameters(const std::string &url, std::string_view query) {
    std::string conninfo;
    bool has_timeout = false;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const auto eq = pair.find('=');
        const auto key = pair.substr(0, eq);
        if (std::find(kPostgresParameters.begin(), kPostgresParameters.end(), key) == kPostgresParameters.end())
            return bad_url(url, "unsupported parameter '" + std::string(key) + "'");
        const auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        if (!value)
            return bad_url(url, "bad percent-encoding in parameter '" + std::string(key) + "'");
        conninfo += " " + std::string(key) + "=" + conninfo_value(*value);
        has_timeout = has_timeout || key == "connect_timeout";
    }
    if (!has_timeout)
        conninfo += " connect_timeout=" + std::string(kDefaultConnectTimeout);
    return conninfo;
}

Result<DatabaseTarget> parse_postgres(const std::string &url, std::string_view rest) {
    // The last '@' ends the user information, so an unencoded '@' or '/' in a password still works.
    const auto at = rest.rfind('@');
    const auto userinfo = at == std::string_view::npos ? std::string_view{} : rest.substr(0, at);
    const auto location = at == std::string_view::npos ? rest : rest.substr(at + 1);
    const auto slash = location.find('/');
    if (slash == std::string_view::npos || slash + 1 == location.size() || location[slash + 1] == '?')
        return bad_url(url, "the database name is missing (postgresql://user:password@host:port/dbname)");
    BOOST_OUTCOME_TRY(authority, parse_authority(url, userinfo, location.substr(0, slash)));
    const auto path_and_query = location.substr(slash + 1);
    const auto question = path_and_query.find('?');
    const auto dbname = percent_decode(path_and_query.substr(0, question));
    if (!dbname)
        return bad_url(url, "bad percent-encoding in the database name");
    BOOST_OUTCOME_TRY(parameters,
                      parse_parameters(url, question == std::string_view::npos ? std::string_view{}
                                                                               : path_and_query.substr(question + 1)));
    DatabaseTarget target;
    target.dialect = Dialect::postgresql;
    target.connect_string = "host=" + conninfo_value(authority.host) + " dbname=" + conninfo_value(*dbname);
    if (!authority.port.empty())
        target.connect_string += " port=" + authority.port;
    if (!authority.user.empty())
        target.connect_string += " user=" + conninfo_value(authority.user);
    if (!authority.password.empty())
        target.connect_string += " password=" + conninfo_value(authority.password);
    target.connect_string += parameters;
    target.display = mask_password(url);
    target.password = authority.password;
    return target;
}

} // namespace

Result<DatabaseTarget> parse_database_url(const std::string &url) {
    if (url.empty())
        return bad_url(url, "it is empty (expected sqlite://PATH or postgresql://...)");
    if (url.starts_with(kSqliteScheme))
        return parse_sqlite(url);
    if (const auto rest = strip_postgres_scheme(url))
        return parse_postgres(url, *rest);
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos)
        return bad_url(url, "no scheme (expected sqlite://PATH or postgresql://...)");
    return bad_url(url, "unsupported scheme '" + url.substr(0, scheme_end) +
                            "' (expected sqlite://PATH or postgresql://...)");
}

std::string mask_password(const std::string &url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos || url.starts_with(kSqliteScheme))
        return url;
    const auto offset = scheme_end + 3;
    const auto at = url.rfind('@');
    if (at == std::string::npos || at < offset)
        return url;
    const auto colon = url.find(':', offset);
    if (colon == std::string::npos || colon > at)
        return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string redact(std::string text, const std::string &secret) {
    if (secret.empty())
        return text;
    for (auto found = text.find(secret); found != std::string::npos; found = text.find(secret, found + 3))
        text.replace(found, secret.size(), "***");
    return text;
}

} // namespace manage::infra::detail
