#include "target.hpp"

#include "manage/common/percent_encoding.hpp"

namespace manage::infra::http {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

// "/a/b/" -> {"a", "b"}; "/" -> {}.
std::vector<std::string_view> raw_segments(std::string_view path) {
    if (path.starts_with('/'))
        path.remove_prefix(1);
    if (path.ends_with('/'))
        path.remove_suffix(1);
    if (path.empty())
        return {};
    return split(path, '/');
}

} // namespace

SplitTarget split_target(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos)
        return {target, {}};
    return {target.substr(0, question), target.substr(question + 1)};
}

std::optional<std::vector<std::string>> decode_segments(std::string_view raw_path) {
    if (!raw_path.starts_with('/'))
        return std::nullopt;
    std::vector<std::string> segments;
    for (const auto raw : raw_segments(raw_path)) {
        auto decoded = percent_decode(raw);
        if (!decoded)
            return std::nullopt;
        segments.push_back(std::move(*decoded));
    }
    return segments;
}

std::vector<std::string> split_segments(std::string_view path) {
    std::vector<std::string> segments;
    for (const auto raw : raw_segments(path))
        segments.emplace_back(raw);
    return segments;
}

std::optional<std::map<std::string, std::string>> parse_query(std::string_view query) {
    std::map<std::string, std::string> out;
    for (const auto part : split(query, '&')) {
        if (part.empty())
            continue;
        const auto equals = part.find('=');
        auto key = percent_decode(part.substr(0, equals), true);
        auto value = equals == std::string_view::npos ? std::optional<std::string>("")
                                                      : percent_decode(part.substr(equals + 1), true);
        if (!key || !value)
            return std::nullopt;
        out.insert_or_assign(std::move(*key), std::move(*value));
    }
    return out;
}

} // namespace manage::infra::http
