#include "amqp_url.hpp"

#include "manage/common/percent_encoding.hpp"

#include <charconv>
#include <optional>
#include <string_view>

namespace manage::infra::detail {
namespace {

constexpr std::string_view kScheme = "amqp://";
constexpr std::string_view kExpected = "expected amqp://user:password@host[:port]/[vhost]";

auto bad_url(const std::string &url, const std::string &problem) {
    return fail("bad_bus_url", "bus URL '" + mask_amqp_password(url) + "': " + problem);
}

Result<void> parse_user(const std::string &url, std::string_view userinfo, AmqpTarget &target) {
    const auto colon = userinfo.find(':');
    const auto user = percent_decode(userinfo.substr(0, colon));
    if (!user || user->empty())
        return bad_url(url, user ? "the user is empty" : "bad percent-encoding in the user");
    target.user = *user;
    if (colon == std::string_view::npos)
        return ok();
    const auto password = percent_decode(userinfo.substr(colon + 1));
    if (!password)
        return bad_url(url, "bad percent-encoding in the password");
    target.password = *password;
    return ok();
}

Result<void> parse_host_and_port(const std::string &url, std::string_view hostport, AmqpTarget &target) {
    std::string_view port;
    if (hostport.starts_with('[')) {
        const auto close = hostport.find(']');
        if (close == std::string_view::npos)
            return bad_url(url, "unclosed '[' in the host");
        target.host = hostport.substr(1, close - 1);
        hostport.remove_prefix(close + 1);
        if (!hostport.empty() && !hostport.starts_with(':'))
            return bad_url(url, "unexpected text after the IPv6 host");
        port = hostport.empty() ? std::string_view{} : hostport.substr(1);
    } else {
        const auto colon = hostport.find(':');
        target.host = hostport.substr(0, colon);
        port = colon == std::string_view::npos ? std::string_view{} : hostport.substr(colon + 1);
    }
    if (target.host.empty())
        return bad_url(url, "the host is missing (" + std::string(kExpected) + ")");
    if (port.empty() && hostport.ends_with(':'))
        return bad_url(url, "the port is empty");
    if (port.empty())
        return ok();
    int number = 0;
    const auto *end = port.data() + port.size();
    if (std::from_chars(port.data(), end, number).ptr != end || number < 1 || number > 65535)
        return bad_url(url, "the port must be a number from 1 to 65535, got '" + std::string(port) + "'");
    target.port = number;
    return ok();
}

Result<void> parse_vhost(const std::string &url, std::string_view path, AmqpTarget &target) {
    // path: what follows the authority, "" or "/..."
    if (path.size() <= 1)
        return ok(); // amqp://host and amqp://host/ both mean the default vhost "/"
    path.remove_prefix(1);
    if (path.find('/') != std::string_view::npos)
        return bad_url(url, "the virtual host must be one path segment; write '/' in it as %2F");
    const auto vhost = percent_decode(path);
    if (!vhost)
        return bad_url(url, "bad percent-encoding in the virtual host");
    target.vhost = *vhost;
    return ok();
}

} // namespace

Result<AmqpTarget> parse_amqp_url(const std::string &url) {
    if (url.empty())
        return bad_url(url, "it is empty (" + std::string(kExpected) + ")");
    if (!url.starts_with(kScheme)) {
        const auto scheme_end = url.find("://");
        if (scheme_end == std::string::npos)
            return bad_url(url, "no scheme (" + std::string(kExpected) + ")");
        return bad_url(url, "unsupported scheme '" + url.substr(0, scheme_end) + "' (" + std::string(kExpected) + ")");
    }
    std::string_view rest(url);
    rest.remove_prefix(kScheme.size());
    // The last '@' ends the user information, so an unencoded '@' or '/' in a password still works.
    const auto at = rest.rfind('@');
    const auto location = at == std::string_view::npos ? rest : rest.substr(at + 1);
    if (location.find_first_of("?#") != std::string_view::npos)
        return bad_url(url, "query parameters and fragments are not supported (set them in AmqpBusOptions)");
    const auto slash = location.find('/');
    AmqpTarget target;
    if (at != std::string_view::npos) {
        BOOST_OUTCOME_TRY(parse_user(url, rest.substr(0, at), target));
    }
    BOOST_OUTCOME_TRY(parse_host_and_port(url, location.substr(0, slash), target));
    BOOST_OUTCOME_TRY(
        parse_vhost(url, slash == std::string_view::npos ? std::string_view{} : location.substr(slash), target));
    target.display = mask_amqp_password(url);
    return target;
}

std::string mask_amqp_password(const std::string &url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos)
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

} // namespace manage::infra::detail
