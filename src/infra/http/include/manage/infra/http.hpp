#pragma once
// The HTTP server every API is served by: a Beast server, a router with path parameters, JSON
// helpers and the one error body {"error": {"code", "message", "field"}}.
#include "manage/common/asio.hpp"
#include "manage/common/listen_address.hpp"
#include "manage/common/result.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace manage::infra {
class Metrics;
}

namespace manage::infra::http {

using Json = nlohmann::json;

struct Request {
    std::string method;                         // "GET", "POST", …
    std::string target;                         // as received, with the query string
    std::string path;                           // percent-decoded, without the query string
    std::map<std::string, std::string> query;   // percent-decoded
    std::map<std::string, std::string> headers; // names lower-cased
    std::map<std::string, std::string> params;  // from the route pattern, percent-decoded
    std::string body;
    std::string request_id;
    std::string remote_address; // the peer's IP address
    std::string route;          // set by Router::dispatch: the matched pattern, empty when none matched

    std::optional<std::string> header(const std::string &lower_case_name) const;
};

// A body written piece by piece as it comes, for as long as the client stays (server-sent events).
// The server sends the header without a length, then each piece as next() yields it, and closes the
// connection when next() answers nullopt, when the client goes away or when the server stops.
class ResponseStream {
public:
    virtual ~ResponseStream() = default;
    // Waits for the next piece of the body; nullopt ends it. Called on the connection's strand, one
    // call at a time.
    virtual asio::awaitable<std::optional<std::string>> next() = 0;
    // Thread-safe and idempotent: the client went away or the server stops; a pending or later next()
    // answers nullopt soon.
    virtual void close() = 0;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::map<std::string, std::string> headers;
    std::string body;
    std::shared_ptr<ResponseStream> stream; // set: `body` is ignored and the stream is the body
};

Response json_response(int status, const Json &body);
// 400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 500, 502, 503, 504 …
Response error_response(int status, const std::string &code, const std::string &message, const std::string &field = {});
Response error_response(int status, const Error &error);

// Parses the body as JSON, answering 415 for another content type and 400 for malformed JSON
// (with the parser's position in the message).
std::variant<Json, Response> parse_json_body(const Request &request);

using Handler = std::function<asio::awaitable<Response>(Request &)>;
// For handlers that do not wait on anything.
Handler sync_handler(std::function<Response(Request &)> handler);
// GET /metrics: the registry in the Prometheus text format. `metrics` must outlive the handler.
Handler metrics_handler(const Metrics &metrics);

// Routes "METHOD /a/{param}/b" patterns. A path that matches with another method gets 405 with an
// Allow header; one that matches nothing gets 404.
//
// Matching works on the raw path of `target` (on `path` when `target` is empty), segment by segment,
// each segment percent-decoded on its own, so "%2F" in a parameter value stays in that value; a
// badly encoded path gets 400 `invalid_path`. A parameter matches one non-empty segment. A trailing
// slash is ignored: "/a/b/" is "/a/b". Among the routes that match with the request's method, the
// one with a literal segment where another has a parameter wins, the first segment deciding.
// add() throws std::invalid_argument for a malformed pattern or one that duplicates another route.
// Add every route before serving: the server dispatches from several threads at once and keeps the
// router alive while requests run, so handlers' closures outlive their coroutines.
class Router {
public:
    void add(const std::string &method, const std::string &pattern, Handler handler);
    // Sets request.params and request.route; exceptions of the handler pass through.
    asio::awaitable<Response> dispatch(Request &request) const;
    // Every route as {method, pattern}, in the order added (tests check each is guarded and documented).
    std::vector<std::pair<std::string, std::string>> routes() const;
    // Answers what no route matches (path and method alike) instead of the 404, e.g. the web screens'
    // files. Set before serving.
    void set_fallback(Handler handler);

private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments; // "{name}" for a parameter
        Handler handler;
    };
    std::vector<Route> routes_;
    Handler fallback_;
};

struct ServerOptions {
    ListenAddress listen;
    std::size_t max_body_bytes = 1024 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    int idle_timeout_s = 60;
};

// Serves a Router. Every response carries X-Request-Id (taken from the request when it sent a sane
// one); every request is access-logged and measured in Metrics, which must outlive the server's work
// on the io_context. A handler's exception is logged with the request id and answered 500.
class Server {
public:
    Server(asio::io_context &io, ServerOptions options, std::shared_ptr<const Router> router, Metrics &metrics);
    ~Server();
    // Binds and starts accepting; returns the bound port (useful with port 0).
    Result<std::uint16_t> start();
    // Stops accepting, lets requests in flight finish, then closes idle connections. Returns at once
    // and may be called from any thread; the io_context runs out of the server's work once the last
    // request in flight has been answered. Destroy the Server before its io_context.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace manage::infra::http
