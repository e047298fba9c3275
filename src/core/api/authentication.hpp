#pragma once
#include "manage/common/asio.hpp"
#include "manage/core/api_keys.hpp"
#include "manage/infra/http.hpp"

#include <functional>

namespace manage::core {

// A handler that is told which API key the request bears.
using IdentifiedHandler =
    std::function<asio::awaitable<infra::http::Response>(infra::http::Request &, const ApiKeyIdentity &)>;

// Wraps handlers so that they run only for requests bearing a valid API key
// (Authorization: Bearer <key>); others get 401 with the error body.
class Authenticator {
public:
    Authenticator(ApiKeys &keys, asio::thread_pool &workers) : keys_(keys), workers_(workers) {}
    infra::http::Handler require(infra::http::Handler handler) const;
    // The same, for handlers that record who asked (audits).
    infra::http::Handler require_identified(IdentifiedHandler handler) const;

private:
    ApiKeys &keys_;
    asio::thread_pool &workers_;
};

} // namespace manage::core
