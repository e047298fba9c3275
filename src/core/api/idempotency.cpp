#include "api/idempotency.hpp"

#include "manage/common/blocking.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/infra/cache.hpp"

#include <algorithm>

namespace manage::core {

using infra::http::error_response;
using infra::http::Json;
using infra::http::Request;
using infra::http::Response;

namespace {

constexpr std::size_t kLongestKey = 255;
// Answer headers a replay repeats: the rest describe the connection, not the result.
constexpr const char *kKeptHeaders[] = {"ETag", "Location", "Retry-After"};

bool valid_key(const std::string &key) {
    return !key.empty() && key.size() <= kLongestKey &&
           std::all_of(key.begin(), key.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7F; });
}

bool worth_keeping(int status) {
    return status < 500 && status != 401 && status != 403 && status != 409 && status != 429;
}

// The credential's digest scopes the key: two integrators may pick the same key.
std::string cache_key(const Request &request, const std::string &key) {
    return "idempotency:" + sha256_hex(request.header("authorization").value_or("")) + ":" + sha256_hex(key);
}

std::string fingerprint(const Request &request) {
    return sha256_hex(request.method + " " + request.target + "\n" + request.body);
}

Json stored(const std::string &print, const Response &response) {
    Json headers = Json::object();
    for (const auto *name : kKeptHeaders)
        if (const auto found = response.headers.find(name); found != response.headers.end())
            headers[name] = found->second;
    return {{"state", "done"},
            {"fingerprint", print},
            {"status", response.status},
            {"headers", headers},
            {"contentType", response.content_type},
            {"body", response.body}};
}

Response replayed(const Json &record) {
    Response response;
    response.status = record.value("status", 200);
    response.content_type = record.value("contentType", "application/json");
    response.body = record.value("body", "");
    const auto headers = record.value("headers", Json::object());
    for (const auto &[name, value] : headers.items())
        if (value.is_string())
            response.headers[name] = value.get<std::string>();
    response.headers["Idempotent-Replayed"] = "true";
    return response;
}

} // namespace

asio::awaitable<Response> idempotent(infra::Cache &cache, Request &request, const infra::http::Handler &handler) {
    const auto key = request.header(kIdempotencyHeader);
    if (!key)
        co_return co_await handler(request);
    if (!valid_key(*key))
        co_return error_response(422, "invalid_idempotency_key",
                                 "an Idempotency-Key is 1 to 255 printable ASCII characters", "Idempotency-Key");
    const auto slot = cache_key(request, *key);
    const auto print = fingerprint(request);
    const Json pending{{"state", "pending"}, {"fingerprint", print}};
    if (!cache.set_if_absent(slot, pending.dump(), kIdempotencyWindow)) {
        const auto text = cache.get(slot);
        const auto record = Json::parse(text.value_or("{}"), nullptr, false);
        if (record.is_object() && record.value("fingerprint", "") != print)
            co_return error_response(422, "idempotency_key_reused",
                                     "this Idempotency-Key was used for another request in the last 24 hours",
                                     "Idempotency-Key");
        if (record.is_object() && record.value("state", "") == "done")
            co_return replayed(record);
        co_return error_response(409, "idempotency_key_in_use",
                                 "a request with this Idempotency-Key is still being processed; retry later",
                                 "Idempotency-Key");
    }
    Response response;
    try {
        response = co_await handler(request);
    } catch (...) {
        cache.erase(slot);
        throw;
    }
    if (worth_keeping(response.status))
        cache.set(slot, stored(print, response).dump(), kIdempotencyWindow);
    else
        cache.erase(slot);
    co_return response;
}

} // namespace manage::core
