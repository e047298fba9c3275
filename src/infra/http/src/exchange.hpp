#pragma once
// One request and its response, apart from the wire: the request id, the router behind its
// exception boundary, the access log line and the metrics.
#include "manage/infra/http.hpp"

#include <chrono>

namespace manage::infra::http {

class ServerCore;

bool is_valid_request_id(const std::string &id);
// The client's X-Request-Id when it is sane, otherwise a new one.
std::string choose_request_id(const Request &request);

// Fills path and query from target, then dispatches. Never throws for what a handler throws: that
// is logged with the request id and answered 500. The response carries X-Request-Id.
asio::awaitable<Response> handle(ServerCore &core, Request &request);

// What the access log and the metrics need of an exchange, including those refused before routing.
struct Exchange {
    std::string method;
    std::string target;
    std::string route; // empty: unmatched
    std::string request_id;
    std::string remote_address;
    int status = 0;
    std::size_t bytes = 0; // of the response body
    std::chrono::steady_clock::time_point started;
};

void record(ServerCore &core, const Exchange &exchange);

} // namespace manage::infra::http
