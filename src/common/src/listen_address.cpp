#include "manage/common/listen_address.hpp"

#include <charconv>

namespace manage {

std::string ListenAddress::to_string() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<ListenAddress> parse_listen_address(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return fail("invalid", "expected host:port, e.g. 127.0.0.1:8080");
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.back() != ']')
            return fail("invalid", "an IPv6 host must be written in brackets, e.g. [::1]:8080");
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return fail("invalid", "an IPv6 host must be written in brackets, e.g. [::1]:8080");
    }
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535)
        return fail("invalid", "the port must be a number from 0 to 65535");
    return ListenAddress{std::string(host), static_cast<std::uint16_t>(port)};
}

} // namespace manage
