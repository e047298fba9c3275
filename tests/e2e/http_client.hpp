#pragma once
// A plain blocking HTTP/1.1 client for the end-to-end tests.
#include <cstdint>
#include <map>
#include <string>

namespace manage::testing {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;
};

HttpReply http_request(std::uint16_t port, const std::string &method, const std::string &target,
                       const std::map<std::string, std::string> &headers = {}, const std::string &body = {});

} // namespace manage::testing
