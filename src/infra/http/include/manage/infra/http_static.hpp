#pragma once
// Serves a single-page web application's built files (manage web's `web/dist`) from a directory.
#include "manage/infra/http.hpp"

#include <filesystem>

namespace manage::infra::http {

// A Router fallback for GET and HEAD:
// - a path naming a regular file under `root` gets that file, typed by its extension; files under
//   /assets/ (named by their content's hash at build time) may be cached for a year, others must be
//   revalidated;
// - any other path without a file extension in its last segment gets `root`/index.html, so that the
//   application's own routes (/chargers/CP-1) load it and route in the browser;
// - paths under /api/, other methods, missing files and anything leaving `root` (`..`, symlinks
//   out) get the API's 404 `not_found` (405 for other methods).
// Every answer carries a Content-Security-Policy that allows the page to load only its own files
// and to talk only to its own origin. `root` must exist and hold index.html: check with
// web_root_problem() first.
Handler static_files_handler(std::filesystem::path root);

// Why `root` cannot be served (empty when it can): missing, not a directory, or no index.html.
std::string web_root_problem(const std::filesystem::path &root);

// The Content-Type for a file name's extension ("application/octet-stream" when unknown).
std::string content_type_for(const std::filesystem::path &file);

} // namespace manage::infra::http
