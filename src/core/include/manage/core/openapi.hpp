#pragma once
// The OpenAPI 3 document of the HTTP API. docs/openapi.json is the source; the build embeds it
// (cmake/EmbedText.cmake), so the binary serves exactly the file of its commit.
#include <string>
#include <string_view>

namespace manage::infra::http {
class Router;
}

namespace manage::core {

// docs/openapi.json, byte for byte.
std::string_view openapi_document();
// What GET /api/openapi.json serves: docs/openapi.json plus, for each of its /api/v1 paths the public
// API serves, the same operations under /api/public/v1 (bearer keys only, Idempotency-Key on POST,
// operationIds prefixed "public").
const std::string &served_openapi_document();

// GET /api/openapi.json: the document, open like /healthz (it describes the API, holds no data).
void add_openapi_route(infra::http::Router &router);

} // namespace manage::core
