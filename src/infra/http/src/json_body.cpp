#include "manage/infra/http.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace manage::infra::http {
namespace {

// Deep enough for any document of ours, shallow enough that nothing recursing over it runs out of stack.
constexpr std::size_t kMaxJsonDepth = 64;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// application/json or application/<something>+json, parameters (charset) ignored.
bool is_json_media_type(const std::string &content_type) {
    const auto type = lower(trim(std::string_view(content_type).substr(0, content_type.find(';'))));
    return type == "application/json" || (type.starts_with("application/") && type.ends_with("+json"));
}

// The deepest nesting of arrays and objects, strings skipped.
std::size_t nesting_depth(std::string_view text) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

// "[json.exception.parse_error.101] parse error at line 1, …" -> "parse error at line 1, …"
std::string parser_message(const Json::parse_error &error) {
    std::string_view what = error.what();
    if (what.starts_with('[') && what.find("] ") != std::string_view::npos)
        what.remove_prefix(what.find("] ") + 2);
    return "malformed JSON: " + std::string(what);
}

} // namespace

std::variant<Json, Response> parse_json_body(const Request &request) {
    const auto content_type = request.header("content-type");
    if (!content_type || !is_json_media_type(*content_type))
        return error_response(415, "unsupported_media_type", "the request body must be application/json");
    if (nesting_depth(request.body) > kMaxJsonDepth)
        return error_response(400, "invalid_json",
                              "malformed JSON: nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    try {
        return Json::parse(request.body);
    } catch (const Json::parse_error &error) {
        return error_response(400, "invalid_json", parser_message(error));
    }
}

} // namespace manage::infra::http
