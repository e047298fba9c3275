#pragma once
// Small checks of an OpenAPI 3.0 document and a validator of JSON values against its schemas (type,
// nullable, enum, required, properties, items, allOf, $ref, date-time): enough to hold docs/openapi.json
// to the server's routes and answers without a JSON Schema library (none is packaged for C++ here).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace manage::testing::openapi {

using Json = nlohmann::json;

struct Operation {
    std::string method; // upper case, as the router spells it
    std::string path;   // the document's template
    Json body;
};

// Every operation of `paths`.
std::vector<Operation> operations(const Json &doc);
// "/a/{x}/b" → "/a/{}/b": the router and the document may name a parameter differently.
std::string shape(const std::string &path);

// Each "$ref" that does not point at a part of the document, with where it is.
std::vector<std::string> unresolved_refs(const Json &doc);
// Path parameters named in a template but not declared (path or operation level), or declared but not in it.
std::vector<std::string> path_parameter_problems(const Json &doc);
// Operations without a 2xx answer or an operationId, and operationIds used twice.
std::vector<std::string> operation_problems(const Json &doc);

// The application/json schema of an operation's answer with `status` (following a $ref to
// components/responses); null when there is none.
Json response_schema(const Json &doc, const std::string &path, const std::string &method, const std::string &status);
// What is wrong with `value` against `schema`, each as "<JSON pointer>: <problem>", sorted. An object schema
// with `properties` and no `additionalProperties` refuses members it does not declare.
std::vector<std::string> validate(const Json &doc, const Json &schema, const Json &value);

} // namespace manage::testing::openapi
