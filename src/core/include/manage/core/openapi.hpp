#pragma once
// The OpenAPI 3 document of the HTTP API. docs/openapi.json is the source; the build embeds it
// (cmake/EmbedText.cmake), so the binary serves exactly the file of its commit.
#include <string_view>

namespace manage::infra::http {
class Router;
}

namespace manage::core {

// docs/openapi.json, byte for byte.
std::string_view openapi_document();

// GET /api/openapi.json: the document, open like /healthz (it describes the API, holds no data).
void add_openapi_route(infra::http::Router &router);

} // namespace manage::core
