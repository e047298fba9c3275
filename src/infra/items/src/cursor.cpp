#include "manage/infra/items.hpp"

namespace manage::infra {

std::string cursor_after(const std::string &sort_key) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(sort_key.size() * 2);
    for (const char c : sort_key) {
        const auto byte = static_cast<unsigned char>(c);
        out.push_back(kDigits[byte >> 4]);
        out.push_back(kDigits[byte & 0x0F]);
    }
    return out;
}

std::optional<std::string> sort_key_of_cursor(const std::string &cursor) {
    if (cursor.empty() || cursor.size() % 2 != 0)
        return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    std::string key;
    key.reserve(cursor.size() / 2);
    for (std::size_t i = 0; i < cursor.size(); i += 2) {
        const int high = nibble(cursor[i]);
        const int low = nibble(cursor[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        key.push_back(static_cast<char>(high * 16 + low));
    }
    return key;
}

} // namespace manage::infra
