#include "manage/core/openapi.hpp"

#include "manage/infra/http.hpp"

namespace manage::core {

void add_openapi_route(infra::http::Router &router) {
    router.add("GET", "/api/openapi.json", infra::http::sync_handler([](infra::http::Request &) {
                   infra::http::Response response;
                   response.body = std::string(openapi_document());
                   // Generators and browsers may keep it a while; a new release changes it rarely.
                   response.headers["Cache-Control"] = "public, max-age=300";
                   return response;
               }));
}

} // namespace manage::core
