#include "manage/infra/bus.hpp"

#include <string_view>
#include <vector>

namespace manage::infra {
namespace {

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    for (;;) {
        const auto dot = text.find('.');
        words.push_back(text.substr(0, dot));
        if (dot == std::string_view::npos)
            return words;
        text.remove_prefix(dot + 1);
    }
}

} // namespace

// Dynamic programming over (pattern words, topic words): matched[t] is true when the pattern words
// seen so far match the first t topic words. Linear in each '#', so "#.#.#" cannot blow up.
bool topic_matches(const std::string &pattern, const std::string &topic) {
    const auto pattern_words = split_words(pattern);
    const auto topic_words = split_words(topic);
    std::vector<bool> matched(topic_words.size() + 1, false);
    matched[0] = true;
    for (const auto word : pattern_words) {
        std::vector<bool> next(matched.size(), false);
        for (std::size_t t = 0; t < matched.size(); ++t) {
            if (word == "#")
                next[t] = matched[t] || (t > 0 && next[t - 1]);
            else if (t > 0)
                next[t] = matched[t - 1] && (word == "*" || word == topic_words[t - 1]);
        }
        matched = std::move(next);
    }
    return matched.back();
}

} // namespace manage::infra
