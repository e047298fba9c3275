#include "manage/infra/http_static.hpp"

#include "target.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace manage::infra::http {
namespace {

namespace fs = std::filesystem;

constexpr auto security_policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                 "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                                 "frame-ancestors 'none'; form-action 'self'";

bool is_api_path(const std::vector<std::string> &segments) {
    return !segments.empty() && segments.front() == "api";
}

// A segment that could step out of the root or name something a URL should not ("..", "a\\b", NUL).
bool unsafe_segment(const std::string &segment) {
    return segment.empty() || segment == "." || segment == ".." ||
           segment.find_first_of(std::string("\\\0", 2)) != std::string::npos;
}

// The file's canonical path when it is a regular file inside the canonical root; empty otherwise.
fs::path file_inside(const fs::path &canonical_root, const std::vector<std::string> &segments) {
    fs::path candidate = canonical_root;
    for (const auto &segment : segments)
        candidate /= segment;
    std::error_code error;
    const auto resolved = fs::canonical(candidate, error);
    if (error || !fs::is_regular_file(resolved, error))
        return {};
    const auto relative = resolved.lexically_relative(canonical_root);
    if (relative.empty() || *relative.begin() == "..")
        return {};
    return resolved;
}

std::optional<std::string> read_file(const fs::path &file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

Response file_response(const fs::path &file, bool immutable, bool head) {
    auto content = read_file(file);
    if (!content)
        return error_response(404, "not_found", "no resource at this path");
    Response response;
    response.content_type = content_type_for(file);
    response.body = head ? std::string() : std::move(*content);
    response.headers["Cache-Control"] = immutable ? "public, max-age=31536000, immutable" : "no-cache";
    response.headers["X-Content-Type-Options"] = "nosniff";
    response.headers["Content-Security-Policy"] = security_policy;
    response.headers["Referrer-Policy"] = "same-origin";
    return response;
}

} // namespace

std::string content_type_for(const fs::path &file) {
    static const std::map<std::string, std::string> types{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".webp", "image/webp"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    const auto found = types.find(file.extension().string());
    return found == types.end() ? "application/octet-stream" : found->second;
}

std::string web_root_problem(const fs::path &root) {
    std::error_code error;
    if (!fs::exists(root, error))
        return root.string() + " does not exist";
    if (!fs::is_directory(root, error))
        return root.string() + " is not a directory";
    if (!fs::is_regular_file(root / "index.html", error))
        return root.string() + " has no index.html";
    return {};
}

Handler static_files_handler(fs::path root) {
    auto canonical_root = fs::canonical(root);
    return sync_handler([canonical_root](Request &request) -> Response {
        const bool head = request.method == "HEAD";
        const auto segments =
            request.target.empty() ? split_segments(request.path) : decode_segments(split_target(request.target).path);
        if (!segments)
            return error_response(400, "invalid_path", "the request path is not a correctly percent-encoded path");
        if (is_api_path(*segments))
            return error_response(404, "not_found", "no resource at this path");
        if (request.method != "GET" && !head) {
            auto response = error_response(405, "method_not_allowed",
                                           "method " + request.method + " is not allowed here; allowed: GET, HEAD");
            response.headers["Allow"] = "GET, HEAD";
            return response;
        }
        for (const auto &segment : *segments)
            if (unsafe_segment(segment))
                return error_response(404, "not_found", "no resource at this path");
        if (auto file = file_inside(canonical_root, *segments); !file.empty())
            return file_response(file, segments->size() > 1 && segments->front() == "assets", head);
        const bool looks_like_a_file = !segments->empty() && segments->back().find('.') != std::string::npos;
        if (looks_like_a_file)
            return error_response(404, "not_found", "no resource at this path");
        return file_response(canonical_root / "index.html", false, head);
    });
}

} // namespace manage::infra::http
