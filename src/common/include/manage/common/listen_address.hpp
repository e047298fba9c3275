#pragma once
#include "manage/common/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace manage {

// host:port, or [v6-address]:port; port 0 asks the system for a free port.
struct ListenAddress {
    std::string host;
    std::uint16_t port = 0;
    std::string to_string() const;
};

Result<ListenAddress> parse_listen_address(std::string_view text);

} // namespace manage
