#include "manage/core/openapi.hpp"

#include "api/public_api.hpp"
#include "manage/infra/http.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace manage::core {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kInternal = "/api/v1/";
constexpr std::string_view kPublic = "/api/public/v1/";

Json public_operation(Json operation, const std::string &method) {
    auto id = operation.value("operationId", std::string());
    if (!id.empty())
        id[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(id[0])));
    operation["operationId"] = "public" + id;
    operation["security"] = Json::array({Json{{"bearerAuth", Json::array()}}});
    if (method == "post") {
        auto &parameters = operation["parameters"];
        if (!parameters.is_array())
            parameters = Json::array();
        parameters.push_back({{"name", "Idempotency-Key"},
                              {"in", "header"},
                              {"required", false},
                              {"description", "1–255 printable ASCII characters: a retry with the same key and "
                                              "request within 24 hours gets the first answer again."},
                              {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", 255}}}});
    }
    return operation;
}

std::string with_public_paths(std::string_view file) {
    auto doc = Json::parse(file);
    Json added = Json::object();
    for (const auto &[path, item] : doc["paths"].items()) {
        if (path.rfind(kInternal, 0) != 0 || !is_public_api_path(std::string_view(path).substr(kInternal.size())))
            continue;
        Json copy = Json::object();
        for (const auto &[method, operation] : item.items())
            copy[method] = operation.is_object() && operation.contains("responses")
                               ? public_operation(operation, method)
                               : operation;
        added[std::string(kPublic) + path.substr(kInternal.size())] = copy;
    }
    doc["paths"].update(added);
    return doc.dump(2) + "\n";
}

} // namespace

const std::string &served_openapi_document() {
    static const std::string text = with_public_paths(openapi_document());
    return text;
}

void add_openapi_route(infra::http::Router &router) {
    router.add("GET", "/api/openapi.json", infra::http::sync_handler([](infra::http::Request &) {
                   infra::http::Response response;
                   response.body = served_openapi_document();
                   // Generators and browsers may keep it a while; a new release changes it rarely.
                   response.headers["Cache-Control"] = "public, max-age=300";
                   return response;
               }));
}

} // namespace manage::core
