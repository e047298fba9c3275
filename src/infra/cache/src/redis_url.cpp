#include "redis_url.hpp"

#include "manage/common/percent_encoding.hpp"

#include <charconv>
#include <limits>
#include <optional>
#include <string_view>

namespace manage::infra::detail {
namespace {

constexpr std::string_view kScheme = "redis://";
constexpr std::string_view kForm = "redis://[[user]:password@]host[:port][/db]";

// The URL with what stands between "scheme://" and the last '@' masked: the password after the user's
// ':', or the whole user information when it has no ':' (likely a password written without one).
std::string mask_password(std::string_view url) {
    const auto scheme_end = url.find("://");
    const auto at = url.rfind('@');
    if (scheme_end == std::string_view::npos || at == std::string_view::npos || at < scheme_end + 3)
        return std::string(url);
    const auto start = scheme_end + 3;
    const auto colon = url.substr(start, at - start).find(':');
    const auto secret = colon == std::string_view::npos ? start : start + colon + 1;
    return std::string(url.substr(0, secret)) + "***" + std::string(url.substr(at));
}

auto bad_url(std::string_view url, const std::string &problem) {
    return fail("bad_cache_url", "cache URL '" + mask_password(url) + "': " + problem);
}

// A decimal number from `low` to `high`, nothing else.
std::optional<int> parse_number(std::string_view text, int low, int high) {
    int value = 0;
    const auto *end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || text.front() == '-' || error != std::errc{} || stop != end || value < low || value > high)
        return std::nullopt;
    return value;
}

Result<void> parse_user_information(std::string_view url, std::string_view userinfo, RedisTarget &target) {
    const auto colon = userinfo.find(':');
    if (colon == std::string_view::npos)
        return bad_url(url, "the user information needs a password after ':' (" + std::string(kForm) + ")");
    const auto user = percent_decode(userinfo.substr(0, colon));
    if (!user)
        return bad_url(url, "bad percent-encoding in the user");
    const auto password = percent_decode(userinfo.substr(colon + 1));
    if (!password)
        return bad_url(url, "bad percent-encoding in the password");
    if (password->empty())
        return bad_url(url, "the password after ':' is empty");
    target.user = *user;
    target.password = *password;
    return ok();
}

Result<void> parse_host_and_port(std::string_view url, std::string_view hostport, RedisTarget &target) {
    std::string_view port;
    bool has_port = false;
    if (hostport.starts_with('[')) {
        const auto close = hostport.find(']');
        if (close == std::string_view::npos)
            return bad_url(url, "unclosed '[' in the host");
        target.host = hostport.substr(1, close - 1);
        const auto after = hostport.substr(close + 1);
        if (!after.empty() && !after.starts_with(':'))
            return bad_url(url, "unexpected text after the IPv6 host");
        has_port = !after.empty();
        port = has_port ? after.substr(1) : after;
    } else {
        const auto colon = hostport.find(':');
        target.host = hostport.substr(0, colon);
        has_port = colon != std::string_view::npos;
        port = has_port ? hostport.substr(colon + 1) : std::string_view{};
    }
    if (target.host.empty())
        return bad_url(url, "the host is missing (" + std::string(kForm) + ")");
    if (has_port) {
        const auto number = parse_number(port, 1, 65535);
        if (!number)
            return bad_url(url, "the port must be a number from 1 to 65535, got '" + std::string(port) + "'");
        target.port = *number;
    }
    return ok();
}

std::string display(std::string_view raw_user, const RedisTarget &target) {
    std::string text(kScheme);
    if (!target.password.empty())
        text += std::string(raw_user) + ":***@";
    text += target.host.find(':') == std::string::npos ? target.host : "[" + target.host + "]";
    return text + ":" + std::to_string(target.port) + "/" + std::to_string(target.database);
}

} // namespace

Result<RedisTarget> parse_redis_url(const std::string &url) {
    if (url.empty())
        return bad_url(url, "it is empty (expected " + std::string(kForm) + ")");
    if (url.starts_with("rediss://"))
        return bad_url(url, "TLS (rediss://) is not supported; use redis://");
    if (!url.starts_with(kScheme)) {
        const auto scheme_end = url.find("://");
        if (scheme_end == std::string::npos)
            return bad_url(url, "no scheme (expected " + std::string(kForm) + ")");
        return bad_url(url,
                       "unsupported scheme '" + url.substr(0, scheme_end) + "' (expected " + std::string(kForm) + ")");
    }
    const auto rest = std::string_view(url).substr(kScheme.size());
    // The last '@' ends the user information, so an unencoded '@' or '/' in a password still works.
    const auto at = rest.rfind('@');
    const auto location = at == std::string_view::npos ? rest : rest.substr(at + 1);
    if (location.find_first_of("?#") != std::string_view::npos)
        return bad_url(url, "query parameters and fragments are not supported (" + std::string(kForm) + ")");
    RedisTarget target;
    std::string_view raw_user;
    if (at != std::string_view::npos) {
        BOOST_OUTCOME_TRY(parse_user_information(url, rest.substr(0, at), target));
        raw_user = rest.substr(0, rest.substr(0, at).find(':'));
    }
    const auto slash = location.find('/');
    BOOST_OUTCOME_TRY(parse_host_and_port(url, location.substr(0, slash), target));
    const auto database = slash == std::string_view::npos ? std::string_view{} : location.substr(slash + 1);
    if (!database.empty()) {
        const auto number = parse_number(database, 0, std::numeric_limits<int>::max());
        if (!number)
            return bad_url(url, "the database must be a number from 0 (redis://host:port/0), got '" +
                                    std::string(database) + "'");
        target.database = *number;
    }
    target.display = display(raw_user, target);
    return target;
}

} // namespace manage::infra::detail
