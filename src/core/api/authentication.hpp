#pragma once
#include "manage/common/asio.hpp"
#include "manage/infra/http.hpp"

namespace manage::core {

class ApiKeys;

// Wraps handlers so that they run only for requests bearing a valid API key
// (Authorization: Bearer <key>); others get 401 with the error body.
class Authenticator {
public:
    Authenticator(ApiKeys &keys, asio::thread_pool &workers) : keys_(keys), workers_(workers) {}
    infra::http::Handler require(infra::http::Handler handler) const;

private:
    ApiKeys &keys_;
    asio::thread_pool &workers_;
};

} // namespace manage::core
