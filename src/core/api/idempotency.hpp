#pragma once
// Idempotency-Key for POSTs of the public API: the first request with a key runs; a retry with the
// same key and the same request gets the first answer again instead of doing the work twice. Kept in
// the Cache for 24 hours, so that it holds across nodes.
#include "manage/common/asio.hpp"
#include "manage/infra/http.hpp"

#include <chrono>

namespace manage::infra {
class Cache;
}

namespace manage::core {

inline constexpr const char *kIdempotencyHeader = "idempotency-key";
inline constexpr auto kIdempotencyWindow = std::chrono::hours(24);

// Runs `handler` at most once per (credential, key) within the window:
// - a retry of the same method, target and body gets the stored answer with `Idempotent-Replayed: true`;
// - the same key with another request is 422 `idempotency_key_reused`;
// - while the first is still running, 409 `idempotency_key_in_use`;
// - a key that is not 1–255 printable ASCII characters is 422 `invalid_idempotency_key`.
// Answers that say nothing was done for good (401, 403, 409, 429 and 5xx) are not kept, so a retry
// runs again. Without the header the handler simply runs.
asio::awaitable<infra::http::Response> idempotent(infra::Cache &cache, infra::http::Request &request,
                                                  const infra::http::Handler &handler);

} // namespace manage::core
