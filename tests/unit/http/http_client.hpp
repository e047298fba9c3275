#pragma once
// A small blocking HTTP/1.1 client for the server tests: one connection to 127.0.0.1, every
// operation bounded by a timeout so that a broken server fails a test instead of hanging it.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace manage::test {

struct ClientResponse {
    int status = 0;
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    bool keep_alive = false;

    std::string header(const std::string &lower_case_name) const;
    nlohmann::json json() const;
};

using Headers = std::map<std::string, std::string>;

class HttpClient {
public:
    explicit HttpClient(std::uint16_t port);
    ~HttpClient();

    // Content-Type defaults to application/json when there is a body; a header given an empty value
    // is left out.
    ClientResponse request(const std::string &method, const std::string &target, const std::string &body = {},
                           const Headers &headers = {});
    void send(const std::string &method, const std::string &target, const std::string &body = {},
              const Headers &headers = {});
    void send_raw(const std::string &bytes);
    ClientResponse receive();
    // Waits for the server to close the connection: true on end of stream or reset, false when data
    // arrives instead.
    bool closed_by_server();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Whether a new connection to 127.0.0.1:port is accepted by the system.
bool can_connect(std::uint16_t port);

} // namespace manage::test
