#pragma once
#include "manage/common/percent_encoding.hpp"
// Request targets: "/path?query", percent-decoding, path segments and query parameters.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace manage::infra::http {

struct SplitTarget {
    std::string_view path; // raw, still percent-encoded
    std::string_view query;
};

SplitTarget split_target(std::string_view target);

using manage::percent_decode; // manage/common/percent_encoding.hpp

// "/a/b%2Fc/" -> {"a", "b/c"}: segments decoded one by one, a trailing slash dropped; nullopt when
// the path does not start with '/' or a segment does not decode.
std::optional<std::vector<std::string>> decode_segments(std::string_view raw_path);

// Splits an already decoded path without decoding again.
std::vector<std::string> split_segments(std::string_view path);

// "a=1&b=x+y" -> {a: 1, b: "x y"}; a key without '=' gets ""; the last occurrence of a key wins.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view query);

} // namespace manage::infra::http
