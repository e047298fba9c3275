#include "openapi_check.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace manage::testing::openapi {
namespace {

const char *const kMethods[] = {"get", "put", "post", "delete", "patch", "head", "options", "trace"};

// The part of the document a local $ref names; null when it names none.
const Json *resolve(const Json &doc, const std::string &ref) {
    if (ref.rfind("#/", 0) != 0)
        return nullptr;
    try {
        const Json::json_pointer pointer(ref.substr(1));
        return doc.contains(pointer) ? &doc.at(pointer) : nullptr;
    } catch (const Json::exception &) {
        return nullptr;
    }
}

// A JSON pointer token: "~" → "~0", "/" → "~1".
std::string pointer_token(const std::string &text) {
    std::string out;
    for (const char c : text)
        out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
}

const Json &follow(const Json &doc, const Json &node) {
    const Json *at = &node;
    for (int hops = 0; at->is_object() && at->contains("$ref") && (*at)["$ref"].is_string() && hops < 16; ++hops) {
        const Json *next = resolve(doc, (*at)["$ref"].get<std::string>());
        if (next == nullptr)
            break;
        at = next;
    }
    return *at;
}

void find_refs(const Json &doc, const Json &node, const std::string &at, std::vector<std::string> &broken) {
    if (node.is_object()) {
        for (const auto &[key, value] : node.items()) {
            if (key == "$ref" && (!value.is_string() || resolve(doc, value.get<std::string>()) == nullptr))
                broken.push_back(at + ": " + value.dump());
            else
                find_refs(doc, value, at + "/" + pointer_token(key), broken);
        }
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            find_refs(doc, node[i], at + "/" + std::to_string(i), broken);
    }
}

// The names between braces in a path template, in order.
std::vector<std::string> braced(const std::string &path) {
    std::vector<std::string> names;
    for (auto open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
        const auto close = path.find('}', open);
        if (close == std::string::npos)
            break;
        names.push_back(path.substr(open + 1, close - open - 1));
    }
    return names;
}

std::set<std::string> template_names(const std::string &path) {
    const auto names = braced(path);
    return {names.begin(), names.end()};
}

void declared_path_names(const Json &doc, const Json &parameters, std::set<std::string> &names) {
    if (!parameters.is_array())
        return;
    for (const auto &entry : parameters) {
        const auto &parameter = follow(doc, entry);
        if (parameter.value("in", "") == "path")
            names.insert(parameter.value("name", ""));
    }
}

bool digits(const std::string &text, std::size_t at, std::size_t count) {
    if (at + count > text.size())
        return false;
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(at),
                       text.begin() + static_cast<std::ptrdiff_t>(at + count),
                       [](unsigned char c) { return std::isdigit(c) != 0; });
}

// RFC 3339: YYYY-MM-DDTHH:MM:SS, optional fraction, then Z or ±HH:MM. (No <regex>: GCC 12 reports false
// maybe-uninitialized warnings inside it at -O1.)
bool is_date_time(const std::string &text) {
    if (!(digits(text, 0, 4) && text.size() > 19 && text[4] == '-' && digits(text, 5, 2) && text[7] == '-' &&
          digits(text, 8, 2) && text[10] == 'T' && digits(text, 11, 2) && text[13] == ':' && digits(text, 14, 2) &&
          text[16] == ':' && digits(text, 17, 2)))
        return false;
    std::size_t at = 19;
    if (text[at] == '.') {
        const auto end = text.find_first_not_of("0123456789", at + 1);
        if (end == at + 1 || end == std::string::npos)
            return false;
        at = end;
    }
    if (text.substr(at) == "Z")
        return true;
    return text.size() == at + 6 && (text[at] == '+' || text[at] == '-') && digits(text, at + 1, 2) &&
           text[at + 3] == ':' && digits(text, at + 4, 2);
}

bool has_type(const std::string &type, const Json &value) {
    if (type == "object")
        return value.is_object();
    if (type == "array")
        return value.is_array();
    if (type == "string")
        return value.is_string();
    if (type == "integer")
        return value.is_number_integer();
    if (type == "number")
        return value.is_number();
    if (type == "boolean")
        return value.is_boolean();
    return false;
}

void check(const Json &doc, const Json &node, const Json &value, const std::string &at, std::vector<std::string> &out);

void check_object(const Json &doc, const Json &schema, const Json &value, const std::string &at,
                  std::vector<std::string> &out) {
    for (const auto &name : schema.value("required", Json::array()))
        if (!value.contains(name.get<std::string>()))
            out.push_back(at + "/" + name.get<std::string>() + ": missing (required)");
    if (!schema.contains("properties"))
        return;
    const auto &properties = schema["properties"];
    const bool open = schema.contains("additionalProperties") && schema["additionalProperties"] != false;
    for (const auto &[name, member] : value.items()) {
        if (properties.contains(name))
            check(doc, properties[name], member, at + "/" + name, out);
        else if (!open)
            out.push_back(at + "/" + name + ": not declared in the schema");
    }
}

void check(const Json &doc, const Json &node, const Json &value, const std::string &at, std::vector<std::string> &out) {
    const auto &schema = follow(doc, node);
    if (schema.contains("$ref")) {
        out.push_back(at + ": unresolved " + schema["$ref"].dump());
        return;
    }
    if (value.is_null()) {
        if (!schema.value("nullable", false))
            out.push_back(at + ": null, but not nullable");
        return;
    }
    for (const auto &part : schema.value("allOf", Json::array()))
        check(doc, part, value, at, out);
    if (schema.contains("type") && !has_type(schema["type"].get<std::string>(), value)) {
        out.push_back(at + ": not " + schema["type"].get<std::string>() + ": " + value.dump());
        return;
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
        out.push_back(at + ": " + value.dump() + " is not one of the enum");
    if (value.is_string() && schema.value("format", "") == "date-time" && !is_date_time(value.get<std::string>()))
        out.push_back(at + ": not an RFC 3339 date-time: " + value.dump());
    if (value.is_object())
        check_object(doc, schema, value, at, out);
    if (value.is_array() && schema.contains("items"))
        for (std::size_t i = 0; i < value.size(); ++i)
            check(doc, schema["items"], value[i], at + "/" + std::to_string(i), out);
}

} // namespace

std::vector<Operation> operations(const Json &doc) {
    std::vector<Operation> all;
    // Named: items() of a temporary would dangle in the loop.
    const auto paths = doc.value("paths", Json::object());
    for (const auto &[path, item] : paths.items())
        for (const char *method : kMethods)
            if (item.contains(method)) {
                std::string upper(method);
                std::transform(upper.begin(), upper.end(), upper.begin(),
                               [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
                all.push_back({upper, path, item[method]});
            }
    return all;
}

std::string shape(const std::string &path) {
    std::string out;
    bool inside = false;
    for (const char c : path) {
        if (c == '{')
            inside = true;
        if (!inside || c == '{' || c == '}')
            out += c;
        if (c == '}')
            inside = false;
    }
    return out;
}

std::vector<std::string> unresolved_refs(const Json &doc) {
    std::vector<std::string> broken;
    find_refs(doc, doc, "#", broken);
    return broken;
}

std::vector<std::string> path_parameter_problems(const Json &doc) {
    std::vector<std::string> problems;
    for (const auto &operation : operations(doc)) {
        const auto named = template_names(operation.path);
        std::set<std::string> declared;
        declared_path_names(doc, doc["paths"][operation.path].value("parameters", Json::array()), declared);
        declared_path_names(doc, operation.body.value("parameters", Json::array()), declared);
        const auto where = operation.method + " " + operation.path + ": ";
        for (const auto &name : named)
            if (!declared.count(name))
                problems.push_back(where + "path parameter '" + name + "' is not declared");
        for (const auto &name : declared)
            if (!named.count(name))
                problems.push_back(where + "declares path parameter '" + name + "', which is not in the path");
    }
    return problems;
}

std::vector<std::string> operation_problems(const Json &doc) {
    std::vector<std::string> problems;
    std::map<std::string, std::string> ids;
    for (const auto &operation : operations(doc)) {
        const auto where = operation.method + " " + operation.path;
        bool success = false;
        const auto responses = operation.body.value("responses", Json::object());
        for (const auto &[status, answer] : responses.items())
            success = success || (status.size() == 3 && status[0] == '2');
        if (!success)
            problems.push_back(where + ": no 2xx answer");
        const auto id = operation.body.value("operationId", "");
        if (id.empty())
            problems.push_back(where + ": no operationId");
        else if (const auto [it, fresh] = ids.emplace(id, where); !fresh)
            problems.push_back(where + ": operationId '" + id + "' is also " + it->second + "'s");
    }
    return problems;
}

Json response_schema(const Json &doc, const std::string &path, const std::string &method, const std::string &status) {
    const Json::json_pointer pointer("/paths/" + pointer_token(path) + "/" + method + "/responses/" + status);
    if (!doc.contains(pointer))
        return nullptr;
    const auto &answer = follow(doc, doc.at(pointer));
    const Json::json_pointer schema("/content/application~1json/schema");
    return answer.contains(schema) ? answer.at(schema) : Json(nullptr);
}

std::vector<std::string> validate(const Json &doc, const Json &schema, const Json &value) {
    std::vector<std::string> problems;
    check(doc, schema, value, "", problems);
    std::sort(problems.begin(), problems.end());
    return problems;
}

} // namespace manage::testing::openapi
